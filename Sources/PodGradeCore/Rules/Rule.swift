public import PodGradeYAML

/// A check over the parsed submission, declared in one file
/// (`Rules/<Name>Rule.swift`) with its documentation, parameters, messages and
/// examples. A rule analyses the Kubernetes model, never the file's text.
public protocol Rule: Sendable {
    /// What the rule says: a nested enum, one case a message, rendered in every language.
    associatedtype Message: RuleMessage
    /// Its typed parameters (`NoParameters` when it takes none).
    associatedtype Parameters: RuleParameters = NoParameters
    var id: String { get }
    var doc: RuleDoc { get }
    var examples: [RuleExample] { get }
    /// Whether the rule needs the exercise's object found to run.
    var needsWorkload: Bool { get }
    /// Whether the rule judges the object as the exercise's (its containers, volumes...),
    /// so that it cannot run on a candidate whose `kind` or `metadata` is broken; the
    /// Kubernetes rules judge any object and say what is broken.
    var needsIdentity: Bool { get }
    /// Whether every run reads the whole Pod model (files, ports, connections, flows): then
    /// an exercise that has such a check builds that model once, and checks content with
    /// processes alone read it too instead of building a second, partial one.
    var readsWholeModel: Bool { get }
    /// One value of every message the rule gives: `podgrade explain`, SARIF's
    /// message strings and the catalogue test render each in every language.
    var messageSamples: [Message] { get }
    /// The check itself; a lookup that cannot go on (a container the pod lacks)
    /// stops it with the outcome to report.
    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome
}

extension Rule {
    public var needsWorkload: Bool { true }
    public var needsIdentity: Bool { needsWorkload }
    public var readsWholeModel: Bool { false }

    /// The samples as message values of any rule (for reporters and tests).
    public var anyMessageSamples: [any RuleMessage] { messageSamples }

    /// A message of this rule read back from a result's `key` and `args`.
    func decodeMessage(key: String, args: any Decoder) throws -> any RuleMessage {
        try MessageCoding.decode(Message.self, key: key, args: args)
    }

    /// The declared parameters, read from the `Parameters` struct.
    public var params: [ParamSpec] { ParamProbe.specs(Parameters.self) }

    /// The check's outcome, whether it ran to the end or was stopped early.
    public func evaluate(_ context: CheckContext, _ params: Parameters) -> Outcome {
        do {
            return try check(context, params)
        } catch {
            return error.outcome
        }
    }

    /// A check's parameters as its spec writes them (`params:`), decoded.
    public func parameters(_ node: Node?) throws(ParamFailure) -> Parameters {
        try parameters(node, asked: nil)
    }

    func parameters(_ node: Node?, asked: ParamDecoder.AskedKeys?) throws(ParamFailure) -> Parameters {
        do {
            return try Parameters(from: ParamDecoder(node: node, codingPath: [], asked: asked))
        } catch let failure as ParamFailure {
            throw failure
        } catch {
            throw ParamFailure(description: "params: \(error)", line: node?.mark.line)
        }
    }

    /// The check bound to its decoded parameters: what the grader runs.
    public func bind(_ node: Node?) throws(ParamFailure) -> BoundCheck {
        let parameters = try parameters(node)
        return BoundCheck { context in evaluate(context, parameters) }
    }

    /// The same, or nil when the parameters are not exactly the declared ones (a
    /// key the struct does not have, a missing or mistyped one): the loader then
    /// reports each problem against `params`.
    func bindIfExact(_ node: Node?) -> BoundCheck? {
        let asked = ParamDecoder.AskedKeys()
        guard let parameters = try? parameters(node, asked: asked) else { return nil }
        if let node, !node.isNull {
            guard let pairs = node.mapping, pairs.allSatisfy({ asked.names.contains($0.key) }) else { return nil }
        }
        return BoundCheck { context in evaluate(context, parameters) }
    }
}
