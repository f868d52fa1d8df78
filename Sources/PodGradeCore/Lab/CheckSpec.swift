public import PodGradeYAML

/// What a check is about: the lesson, or the letter of the task.
public enum CheckSeverity: String, Sendable {
    /// The lesson's idea (the default): worth the points.
    case idea
    /// What the task spells out (a name, an image, a path): few points or none, and it never
    /// makes another check fail (the other checks identify the part by its role).
    case asked
}

/// One check of an exercise, as its spec states it: its rule resolved and its
/// parameters decoded when the lab loads.
///
/// A class: every check of an exercise is handed to its rule for every submission graded,
/// and one reference costs less to pass around than the fields one by one.
public final class CheckSpec: Sendable {
    public let id: String
    public let rule: any Rule
    public let points: Int
    /// The rule bound to the check's parameters.
    public let check: BoundCheck
    public let hint: LocalizedText?
    /// The parameters as the spec writes them: what the task names (tools that
    /// compare submissions treat these values as given, not as the learner's).
    public let writtenParams: Node?
    public let severity: CheckSeverity

    public init(id: String, rule: any Rule, points: Int, check: BoundCheck, hint: LocalizedText?, writtenParams: Node? = nil,
                severity: CheckSeverity = .idea) {
        self.id = id
        self.rule = rule
        self.points = points
        self.check = check
        self.hint = hint
        self.writtenParams = writtenParams
        self.severity = severity
    }
}
