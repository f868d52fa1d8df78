/// The graded result: message values, not texts. Encoded, it is exactly
/// `podgrade.result/v1` of CONTRACT.md (plus the documented extensions: `key`,
/// `args`, `findings`, `passScore`, `localizedTitle`, `localizedHint`,
/// `source.newerCommits`, `source.deadline`, `notes`, `exercises[].pod`), its texts in the
/// language the encoder's `userInfo[Lang.codingKey]` names.
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

        public func encode(to encoder: any Encoder) throws {
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
    public var score: Int
    public var maxScore: Int
    public var passed: Bool
    public var exercises: [ExerciseResult]
    public var notes: [String]?
    /// The learner whose variants were graded (`--student`, `.podgrade.yaml`, the roster); absent without one.
    public var student: String?

    public init(source: Source, score: Int, maxScore: Int, passed: Bool, exercises: [ExerciseResult], notes: [String]?) {
        self.source = source
        self.score = score
        self.maxScore = maxScore
        self.passed = passed
        self.exercises = exercises
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case schema, tool, source, lang, score, maxScore, passed, exercises, notes, student
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        tool = try c.decode(Tool.self, forKey: .tool)
        source = try c.decode(Source.self, forKey: .source)
        score = try c.decode(Int.self, forKey: .score)
        maxScore = try c.decode(Int.self, forKey: .maxScore)
        passed = try c.decode(Bool.self, forKey: .passed)
        exercises = try c.decode([ExerciseResult].self, forKey: .exercises)
        notes = try c.decodeIfPresent([String].self, forKey: .notes)
        student = try c.decodeIfPresent(String.self, forKey: .student)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(tool, forKey: .tool)
        try c.encode(source, forKey: .source)
        try c.encode(Lang.of(encoder), forKey: .lang)
        try c.encode(score, forKey: .score)
        try c.encode(maxScore, forKey: .maxScore)
        try c.encode(passed, forKey: .passed)
        try c.encode(exercises, forKey: .exercises)
        try c.encodeIfPresent(notes, forKey: .notes)
        try c.encodeIfPresent(student, forKey: .student)
    }
}

extension Lang {
    /// The `userInfo` key naming the language a result's texts are encoded in.
    public static let codingKey = CodingUserInfoKey(rawValue: "podgrade.lang")

    /// The language an encoder writes texts in: Russian unless `userInfo` says otherwise.
    static func of(_ encoder: any Encoder) -> Lang {
        codingKey.flatMap { encoder.userInfo[$0] as? Lang } ?? .ru
    }
}

extension GradeResult {
    /// What `check`'s exit status speaks of (CONTRACT.md): with exercises named
    /// (`--exercise`), every one of them passed (one without a submission fails);
    /// otherwise every exercise that has a submission passed, and there is one.
    /// A learner half-way through the course exits 0 while `passed` is false.
    public func gradedExercisesPassed(named: Bool) -> Bool {
        if named { return !exercises.isEmpty && exercises.allSatisfy(\.passed) }
        let graded = exercises.filter { $0.status != .missing }
        return !graded.isEmpty && graded.allSatisfy(\.passed)
    }
}
