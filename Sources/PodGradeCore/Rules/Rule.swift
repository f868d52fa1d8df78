/// A check over the parsed submission, declared in one file
/// (`Rules/<Name>Rule.swift`) with its documentation, parameters, messages and
/// examples. A rule analyses the Kubernetes model, never the file's text.
public protocol Rule: Sendable {
    /// What the rule says: a nested enum, one case a message, rendered in every language.
    associatedtype Message: RuleMessage
    var id: String { get }
    var doc: RuleDoc { get }
    var params: [ParamSpec] { get }
    var examples: [RuleExample] { get }
    /// Whether the rule needs the exercise's object found to run.
    var needsWorkload: Bool { get }
    /// One value of every message the rule gives: `podgrade explain`, SARIF's
    /// message strings and the catalogue test render each in every language.
    var messageSamples: [Message] { get }
    /// The check itself; a lookup that cannot go on (a container the pod lacks)
    /// stops it with the outcome to report.
    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome
}

extension Rule {
    public var needsWorkload: Bool { true }

    /// The samples as message values of any rule (for reporters and tests).
    public var anyMessageSamples: [any RuleMessage] { messageSamples }

    /// A message of this rule read back from a result's `key` and `args`.
    func decodeMessage(key: String, args: any Decoder) throws -> any RuleMessage {
        try MessageCoding.decode(Message.self, key: key, args: args)
    }

    /// The check's outcome, whether it ran to the end or was stopped early.
    public func evaluate(_ context: CheckContext, _ params: Params) -> Outcome {
        do {
            return try check(context, params)
        } catch {
            return error.outcome
        }
    }
}
