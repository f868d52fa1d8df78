/// Writes a message as the JSON result's `key` and `args`, and reads it back.
/// Swift's synthesized `Codable` writes an enum case as `{"<case>": {<arguments>}}`;
/// these adapters put the inner object under `args` and take the case name from `key`.
enum MessageCoding {
    static func encodeArgs(_ message: any RuleMessage, to encoder: any Encoder) throws {
        try message.encode(to: CaseEncoder(inner: encoder))
    }

    static func decode<M: RuleMessage>(_ type: M.Type, key: String, args: any Decoder) throws -> M {
        try M(from: CaseDecoder(key: key, inner: args))
    }

    struct Unexpected: Error {}
}

/// Presents `inner` (the `args` object) as the enum's one-key wrapper.
private struct CaseEncoder: Encoder {
    let inner: any Encoder
    var codingPath: [any CodingKey] { inner.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { inner.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(CaseEncodingContainer<Key>(inner: inner))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { inner.unkeyedContainer() }
    func singleValueContainer() -> any SingleValueEncodingContainer { inner.singleValueContainer() }
}

private struct CaseEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let inner: any Encoder
    var codingPath: [any CodingKey] { inner.codingPath }

    /// The case's arguments: written straight into `args`.
    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        inner.container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { inner.unkeyedContainer() }
    func superEncoder() -> any Encoder { inner }
    func superEncoder(forKey key: Key) -> any Encoder { inner }
    // A synthesized enum encoding writes nothing else at its top level.
    mutating func encodeNil(forKey key: Key) throws { throw MessageCoding.Unexpected() }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { throw MessageCoding.Unexpected() }
}

private struct CaseDecoder: Decoder {
    let key: String
    let inner: any Decoder
    var codingPath: [any CodingKey] { inner.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { inner.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(CaseDecodingContainer<Key>(key: key, inner: inner))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw MessageCoding.Unexpected() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw MessageCoding.Unexpected() }
}

private struct CaseDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let key: String
    let inner: any Decoder
    var codingPath: [any CodingKey] { inner.codingPath }
    var allKeys: [Key] { Key(stringValue: key).map { [$0] } ?? [] }

    func contains(_ key: Key) -> Bool { key.stringValue == self.key }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try inner.container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw MessageCoding.Unexpected() }
    func superDecoder() throws -> any Decoder { inner }
    func superDecoder(forKey key: Key) throws -> any Decoder { inner }
    func decodeNil(forKey key: Key) throws -> Bool { throw MessageCoding.Unexpected() }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { throw MessageCoding.Unexpected() }
}
