/// The graded result, exactly the shape of `podgrade.result/v1` in CONTRACT.md
/// (plus the fields documented as extensions: `key`, `findings`, `passScore`,
/// `source.newerCommits`, `source.deadline`, `notes`).
public struct GradeResult: Codable, Sendable {
    public struct Tool: Codable, Sendable {
        public var name = "podgrade"
        public var version = PodGrade.version
    }

    public struct Source: Codable, Sendable {
        public var path: String?
        public var url: String?
        public var commit: String?
        public var newerCommits: Int?
        public var deadline: String?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(path, forKey: .path)
            try c.encode(url, forKey: .url)
            try c.encode(commit, forKey: .commit)
            try c.encodeIfPresent(newerCommits, forKey: .newerCommits)
            try c.encodeIfPresent(deadline, forKey: .deadline)
        }
    }

    public var schema = "podgrade.result/v1"
    public var tool = Tool()
    public var source: Source
    public var lang: Lang
    public var score: Int
    public var maxScore: Int
    public var passed: Bool
    public var exercises: [ExerciseResult]
    public var notes: [String]?
}

public struct ExerciseResult: Codable, Sendable {
    public enum Status: String, Codable, Sendable { case pass, fail, missing, error }
    public var id: String
    public var title: String
    public var status: Status
    public var passed: Bool
    public var score: Int
    public var maxScore: Int
    public var passScore: Int
    public var files: [String]
    public var checks: [CheckResult]
}

public struct CheckResult: Codable, Sendable {
    public enum Status: String, Codable, Sendable { case pass, fail, skip, error, info }
    public var id: String
    public var rule: String
    public var status: Status
    public var points: Int
    public var maxPoints: Int
    public var message: String
    public var key: String
    public var hint: String?
    public var location: Location?
    public var path: String?
    /// Every finding of the check; the first is also `message`/`location`/`path`.
    public var findings: [FindingResult]

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(rule, forKey: .rule)
        try c.encode(status, forKey: .status)
        try c.encode(points, forKey: .points)
        try c.encode(maxPoints, forKey: .maxPoints)
        try c.encode(message, forKey: .message)
        try c.encode(key, forKey: .key)
        try c.encode(hint, forKey: .hint)
        try c.encode(location, forKey: .location)
        try c.encode(path, forKey: .path)
        try c.encode(findings, forKey: .findings)
    }
}

public struct FindingResult: Codable, Sendable {
    public var message: String
    public var key: String
    public var location: Location?
    public var path: String?

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(message, forKey: .message)
        try c.encode(key, forKey: .key)
        try c.encode(location, forKey: .location)
        try c.encode(path, forKey: .path)
    }
}

public enum PodGrade {
    public static let version = "0.1.0"
}
