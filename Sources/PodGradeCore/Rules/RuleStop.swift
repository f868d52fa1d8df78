/// Stops a check early with the outcome to report.
public struct RuleStop: Error, Sendable {
    public let outcome: Outcome
}
