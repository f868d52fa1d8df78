/// One finding of a check's result: its message value and where it points.
public struct FindingResult: Encodable, Sendable {
    public var message: any RuleMessage
    public var location: Location?
    public var path: String?

    public init(message: any RuleMessage, location: Location?, path: String?) {
        self.message = message
        self.location = location
        self.path = path
    }

    enum CodingKeys: String, CodingKey { case message, key, args, location, path }

    /// A finding as a result file has it: the message comes back from `key` and
    /// `args` as the rule's message (or a shared one), else as the text written.
    init(from decoder: any Decoder, rule: (any Rule)?) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let written = try c.decode(String.self, forKey: .message)
        let key = try c.decode(String.self, forKey: .key)
        location = try c.decodeIfPresent(Location.self, forKey: .location)
        path = try c.decodeIfPresent(String.self, forKey: .path)
        let args = try c.superDecoder(forKey: .args)
        if let rule, let message = try? rule.decodeMessage(key: key, args: args) {
            self.message = message
        } else if let message = try? MessageCoding.decode(SharedMessage.self, key: key, args: args) {
            self.message = message
        } else {
            self.message = WrittenMessage(written: written, key: key)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(message.text(Lang.of(encoder)), forKey: .message)
        try c.encode(message.key, forKey: .key)
        try MessageCoding.encodeArgs(message, to: c.superEncoder(forKey: .args))
        try c.encode(location, forKey: .location)
        try c.encode(path, forKey: .path)
    }
}
