/// Reads a parameter struct's declaration: decoding it from this probe records
/// each key the synthesized `init(from:)` asks for, its kind, and whether it is
/// required (`decode`) or optional (`decodeIfPresent`).
enum ParamProbe {
    static func specs<P: RuleParameters>(_ type: P.Type) -> [ParamSpec] {
        let recorder = Recorder()
        _ = try? P(from: ProbeDecoder(recorder: recorder, top: true))
        return recorder.specs
    }

    final class Recorder {
        var specs: [ParamSpec] = []
    }

    struct Unsupported: Error {}

    /// The kind of a parameter type, by identity: a cast to `any ParamValue.Type`
    /// would cost a runtime conformance search per type at every start.
    static func kind(of type: Any.Type) -> ParamSpec.Kind? {
        for candidate in [String.self, Int.self, [String].self, StringMap.self, QuantityMap.self, MountList.self] as [any ParamValue.Type]
            where candidate == type {
            return candidate.kind
        }
        return nil
    }
}

private struct ProbeDecoder: Decoder {
    let recorder: ParamProbe.Recorder
    let top: Bool
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(ProbeContainer<Key>(recorder: recorder, top: top))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { EmptyList() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { ProbeValue() }
}

private struct ProbeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let recorder: ParamProbe.Recorder
    let top: Bool
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try value(type, key, required: true)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try value(type, key, required: false)
    }

    // The synthesized init calls these overloads for optional text and numbers.
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try value(type, key, required: false) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try value(type, key, required: false) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(type, key, required: true) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(type, key, required: true) }

    private func value<T: Decodable>(_ type: T.Type, _ key: Key, required: Bool) throws -> T {
        if top, let kind = ParamProbe.kind(of: type) {
            recorder.specs.append(ParamSpec(key.stringValue, kind, required: required))
        }
        return try T(from: ProbeDecoder(recorder: recorder, top: false))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(ProbeContainer<NestedKey>(recorder: recorder, top: false))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { EmptyList() }
    func superDecoder() throws -> any Decoder { ProbeDecoder(recorder: recorder, top: false) }
    func superDecoder(forKey key: Key) throws -> any Decoder { ProbeDecoder(recorder: recorder, top: false) }
}

/// A list with nothing in it.
private struct EmptyList: UnkeyedDecodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int? { 0 }
    var isAtEnd: Bool { true }
    var currentIndex: Int { 0 }
    mutating func decodeNil() throws -> Bool { throw ParamProbe.Unsupported() }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { throw ParamProbe.Unsupported() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        throw ParamProbe.Unsupported()
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { throw ParamProbe.Unsupported() }
    mutating func superDecoder() throws -> any Decoder { throw ParamProbe.Unsupported() }
}

/// A scalar: empty text, zero.
private struct ProbeValue: SingleValueDecodingContainer {
    var codingPath: [any CodingKey] { [] }
    func decodeNil() -> Bool { false }
    func decode(_ type: String.Type) throws -> String { "" }
    func decode(_ type: Int.Type) throws -> Int { 0 }
    func decode(_ type: Bool.Type) throws -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { throw ParamProbe.Unsupported() }
}
