/// A rule with a check's decoded parameters, ready to run over a submission.
public struct BoundCheck: Sendable {
    public let run: @Sendable (CheckContext) -> Outcome

    public init(_ run: @escaping @Sendable (CheckContext) -> Outcome) {
        self.run = run
    }
}
