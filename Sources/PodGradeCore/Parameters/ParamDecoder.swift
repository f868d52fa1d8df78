import PodGradeYAML

/// Decodes a rule's parameter struct from the YAML node of a check's `params`.
/// The loader has already checked the node against the declared parameters
/// (`Params.problems(against:)`, with line numbers), so a failure here is rare;
/// it names the parameter and the line.
public struct ParamFailure: Error, Sendable, CustomStringConvertible {
    public let description: String
    public let line: Int?
}

struct ParamDecoder: Decoder {
    let node: Node?
    let codingPath: [any CodingKey]
    /// The top-level keys the struct asked for: after a decoding, a key of the
    /// mapping not among them is an unknown parameter.
    var asked: AskedKeys?
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    final class AskedKeys {
        var names: Set<String> = []
    }

    func failure(_ what: String) -> ParamFailure {
        let name = codingPath.map(\.stringValue).joined(separator: ".")
        return ParamFailure(description: name.isEmpty ? "params: \(what)" : "parameter '\(name)': \(what)", line: node?.mark.line)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if let node, !node.isNull, node.mapping == nil { throw failure("must be a mapping") }
        return KeyedDecodingContainer(ParamMapping<Key>(decoder: self, pairs: node?.mapping ?? []))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let items = node?.sequence else { throw failure("must be a list") }
        return ParamList(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { ParamScalar(decoder: self) }

    func child(_ node: Node?, _ key: any CodingKey) -> ParamDecoder {
        if codingPath.isEmpty { asked?.names.insert(key.stringValue) }
        return ParamDecoder(node: node, codingPath: codingPath + [key], asked: nil)
    }
}

private struct ParamMapping<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ParamDecoder
    let pairs: [Pair]
    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { pairs.compactMap { Key(stringValue: $0.key) } }

    private func value(_ key: Key) -> Node? { pairs.first { $0.key == key.stringValue }?.value }

    func contains(_ key: Key) -> Bool {
        if decoder.codingPath.isEmpty { decoder.asked?.names.insert(key.stringValue) }
        return value(key) != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool { value(key)?.isNull ?? true }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let node = value(key), !node.isNull else { throw decoder.child(nil, key).failure("missing") }
        return try T(from: decoder.child(node, key))
    }

    // Text and numbers, the most common parameters, read straight from the node
    // (no decoder per value: a lab's checks decode at every start).
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try text(key, required: true) ?? ""
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try text(key, required: false)
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try number(key, required: true) ?? 0
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try number(key, required: false)
    }

    private func text(_ key: Key, required: Bool) throws -> String? {
        let child = decoder.child(nil, key)
        guard let node = value(key), !node.isNull else {
            if required { throw child.failure("missing") }
            return nil
        }
        guard let scalar = node.scalar else { throw decoder.child(node, key).failure("must be a string") }
        return scalar.text
    }

    private func number(_ key: Key, required: Bool) throws -> Int? {
        let child = decoder.child(nil, key)
        guard let node = value(key), !node.isNull else {
            if required { throw child.failure("missing") }
            return nil
        }
        guard let value = node.int, let int = Int(exactly: value) else { throw decoder.child(node, key).failure("must be an int") }
        return int
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(value(key), key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(value(key), key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder.child(value(key), key) }
}

private struct ParamList: UnkeyedDecodingContainer {
    let decoder: ParamDecoder
    let items: [Node]
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> ParamDecoder {
        guard !isAtEnd else { throw decoder.failure("too few items") }
        defer { currentIndex += 1 }
        return decoder.child(items[currentIndex], AnyKey("[\(currentIndex)]"))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: try next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}

private struct ParamScalar: SingleValueDecodingContainer {
    let decoder: ParamDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.node?.isNull ?? true }

    func decode(_ type: String.Type) throws -> String {
        guard let scalar = decoder.node?.scalar else { throw decoder.failure("must be a string") }
        return scalar.text
    }

    func decode(_ type: Int.Type) throws -> Int {
        guard let value = decoder.node?.int, let int = Int(exactly: value) else { throw decoder.failure("must be an int") }
        return int
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard let value = decoder.node?.bool else { throw decoder.failure("must be true or false") }
        return value
    }

    /// Every parameter value is text, a number, a list or a mapping.
    func decode<T: Decodable>(_ type: T.Type) throws -> T { throw decoder.failure("has an unsupported type") }
}
