/// What a check concluded. Checks speak in message values; rendering is the reporters'.
public enum Outcome: Sendable {
    case pass(any RuleMessage)
    /// Passed, with notes worth reading (Kubernetes warnings).
    case passWithNotes(any RuleMessage, [Finding])
    case fail([Finding])
    /// Not run: what it needs failed first.
    case skip(any RuleMessage)

    /// Not run because the exercise's object was not found.
    public static var notRun: Outcome { .skip(SharedMessage.skippedNoWorkload) }
}
