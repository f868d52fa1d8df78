/// A message's arguments in a result file, read and written by the message
/// enums' own `init(from:)` and `encode(to:)`: one line a case, instead of
/// the synthesized conformance's coding-keys type per case (each adds runtime
/// conformance records, which every start of podgrade pays to search).
struct MessageArguments {
    let key: String
    private let args: KeyedDecodingContainer<AnyKey>

    init(_ decoder: any Decoder) throws {
        let outer = try decoder.container(keyedBy: AnyKey.self)
        guard let key = outer.allKeys.first else { throw MessageCoding.Unexpected() }
        self.key = key.stringValue
        args = try outer.nestedContainer(keyedBy: AnyKey.self, forKey: key)
    }

    func value<T: Decodable>(_ name: String) throws -> T {
        try args.decode(T.self, forKey: AnyKey(name))
    }

    func optional<T: Decodable>(_ name: String) throws -> T? {
        try args.decodeIfPresent(T.self, forKey: AnyKey(name))
    }

    /// Writes one case: its key, then each argument (an absent optional is left out).
    struct Writer {
        private var args: KeyedEncodingContainer<AnyKey>

        init(_ encoder: any Encoder, _ key: String) {
            var outer = encoder.container(keyedBy: AnyKey.self)
            args = outer.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey(key))
        }

        mutating func write<T: Encodable>(_ value: T, _ name: String) throws {
            try args.encode(value, forKey: AnyKey(name))
        }

        mutating func write<T: Encodable>(_ value: T?, _ name: String) throws {
            try args.encodeIfPresent(value, forKey: AnyKey(name))
        }
    }
}

/// Any key of a mapping.
struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
