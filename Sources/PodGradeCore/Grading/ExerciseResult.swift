/// One exercise's result: its score and the result of each check.
public struct ExerciseResult: Codable, Sendable {
    public enum Status: String, Codable, Sendable { case pass, fail, missing, error }
    public var id: String
    public var title: LocalizedText
    public var status: Status
    public var passed: Bool
    public var score: Int
    public var maxScore: Int
    public var passScore: Int
    public var files: [String]
    public var checks: [CheckResult]
    /// What podgrade understood of the Pod the checks examined, when asked for (`describePods`).
    public var pod: PodPicture?
    /// The values of the exercise's variables this result was graded with (exercises with variables only).
    public var variant: [String: String]?
    /// What `check --run` saw when it ran the Pod (never part of the score).
    public var run: RunReport?

    public init(id: String, title: LocalizedText, status: Status, passed: Bool, score: Int, maxScore: Int, passScore: Int,
                files: [String], checks: [CheckResult], pod: PodPicture? = nil) {
        self.id = id
        self.title = title
        self.status = status
        self.passed = passed
        self.score = score
        self.maxScore = maxScore
        self.passScore = passScore
        self.files = files
        self.checks = checks
        self.pod = pod
    }

    enum CodingKeys: String, CodingKey {
        case id, title, localizedTitle, status, passed, score, maxScore, passScore, files, checks, pod, variant, run
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        let written = try c.decode(String.self, forKey: .title)
        title = try c.decodeIfPresent(LocalizedText.self, forKey: .localizedTitle) ?? LocalizedText(ru: written, en: written)
        status = try c.decode(Status.self, forKey: .status)
        passed = try c.decode(Bool.self, forKey: .passed)
        score = try c.decode(Int.self, forKey: .score)
        maxScore = try c.decode(Int.self, forKey: .maxScore)
        passScore = try c.decode(Int.self, forKey: .passScore)
        files = try c.decode([String].self, forKey: .files)
        checks = try c.decode([CheckResult].self, forKey: .checks)
        pod = try c.decodeIfPresent(PodPicture.self, forKey: .pod)
        variant = try c.decodeIfPresent([String: String].self, forKey: .variant)
        run = try c.decodeIfPresent(RunReport.self, forKey: .run)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title.text(Lang.of(encoder)), forKey: .title)
        try c.encode(title, forKey: .localizedTitle)
        try c.encode(status, forKey: .status)
        try c.encode(passed, forKey: .passed)
        try c.encode(score, forKey: .score)
        try c.encode(maxScore, forKey: .maxScore)
        try c.encode(passScore, forKey: .passScore)
        try c.encode(files, forKey: .files)
        try c.encode(checks, forKey: .checks)
        try c.encodeIfPresent(pod, forKey: .pod)
        try c.encodeIfPresent(variant, forKey: .variant)
        try c.encodeIfPresent(run, forKey: .run)
    }
}
