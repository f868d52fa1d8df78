/// One check's result: its status, points and findings (the first is the
/// check's `message`, `location` and `path` in the JSON result).
public struct CheckResult: Codable, Sendable {
    public enum Status: String, Codable, Sendable { case pass, fail, skip, error, info }
    public var id: String
    public var rule: String
    public var status: Status
    public var points: Int
    public var maxPoints: Int
    /// Shown on a failure: the check's own hint or the rule's explanation.
    public var hint: LocalizedText?
    public var findings: [FindingResult]

    public init(id: String, rule: String, status: Status, points: Int, maxPoints: Int, hint: LocalizedText?, findings: [FindingResult]) {
        self.id = id
        self.rule = rule
        self.status = status
        self.points = points
        self.maxPoints = maxPoints
        self.hint = hint
        self.findings = findings
    }

    /// The first finding's message, in a language.
    public func text(_ lang: Lang) -> String { findings.first?.message.text(lang) ?? "" }

    public var key: String { findings.first?.message.key ?? "" }
    public var location: Location? { findings.first?.location }
    public var path: String? { findings.first?.path }

    enum CodingKeys: String, CodingKey {
        case id, rule, status, points, maxPoints, message, key, hint, localizedHint, location, path, findings
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        rule = try c.decode(String.self, forKey: .rule)
        status = try c.decode(Status.self, forKey: .status)
        points = try c.decode(Int.self, forKey: .points)
        maxPoints = try c.decode(Int.self, forKey: .maxPoints)
        let written = try c.decodeIfPresent(String.self, forKey: .hint)
        hint = try c.decodeIfPresent(LocalizedText.self, forKey: .localizedHint) ?? written.map { LocalizedText(ru: $0, en: $0) }
        // Each finding's message is read back as the rule's (or a shared) message value.
        var items = try c.nestedUnkeyedContainer(forKey: .findings)
        var findings: [FindingResult] = []
        while !items.isAtEnd {
            findings.append(try FindingResult(from: try items.superDecoder(), rule: RuleCatalog.rule(rule)))
        }
        self.findings = findings
    }

    public func encode(to encoder: any Encoder) throws {
        let lang = Lang.of(encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(rule, forKey: .rule)
        try c.encode(status, forKey: .status)
        try c.encode(points, forKey: .points)
        try c.encode(maxPoints, forKey: .maxPoints)
        try c.encode(text(lang), forKey: .message)
        try c.encode(key, forKey: .key)
        try c.encode(hint?.text(lang), forKey: .hint)
        try c.encodeIfPresent(hint, forKey: .localizedHint)
        try c.encode(location, forKey: .location)
        try c.encode(path, forKey: .path)
        try c.encode(findings, forKey: .findings)
    }
}
