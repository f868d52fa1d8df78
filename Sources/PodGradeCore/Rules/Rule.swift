public import PodGradeYAML
public import PodGradeKubernetes

/// Where a finding points: a file of the submission and a 1-based line and
/// character column. A missing field points at its parent mapping.
public struct Location: Sendable, Hashable, Codable {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public init(file: String, mark: Mark) {
        self.init(file: file, line: mark.line, column: mark.column)
    }
}

/// One thing a check found, with the node it is about.
public struct Finding: Sendable {
    public let message: Message
    public let location: Location?
    public let path: String?

    public init(_ message: Message, location: Location? = nil, path: String? = nil) {
        self.message = message
        self.location = location
        self.path = path
    }
}

/// What a check concluded. Checks speak in message keys; rendering is elsewhere.
public enum Outcome: Sendable {
    case pass(Message)
    /// Passed, with notes worth reading (Kubernetes warnings).
    case passWithNotes(Message, [Finding])
    case fail([Finding])
    /// Not run: what it needs failed first.
    case skip(Message)
    /// Advice worth no points, never a failure.
    case info([Finding])
    case error(Message)

    public static func fail(_ message: Message, at located: Located<some Sendable>?, in file: String) -> Outcome {
        .fail([Finding(message, location: located.map { Location(file: file, mark: $0.mark) }, path: located?.path)])
    }
}

/// The kinds of value a rule parameter takes (checked by `verify` and at load).
public enum ParamType: String, Sendable {
    case string, int, stringList, stringMap, mountList, quantityMap
}

public struct ParamSpec: Sendable {
    public let name: String
    public let type: ParamType
    public let required: Bool

    public init(_ name: String, _ type: ParamType, required: Bool = false) {
        self.name = name
        self.type = type
        self.required = required
    }
}

/// An example that documents a rule and tests it: a manifest, the parameters
/// of the check, and whether it must pass.
public struct RuleExample: Sendable {
    public let manifest: String
    public let params: String
    public let passes: Bool

    public init(_ manifest: String, params: String = "{}", passes: Bool) {
        self.manifest = manifest
        self.params = params
        self.passes = passes
    }
}

/// A rule's documentation, shown by `podgrade explain` and in SARIF help.
public struct RuleDoc: Sendable {
    public let title: LocalizedText
    public let explanation: LocalizedText
    /// The lecture section that teaches the idea (its title, in Russian as the lecture has it).
    public let section: String?
}

/// A check over the parsed submission. A rule analyses the Kubernetes model,
/// never the file's text.
public protocol Rule: Sendable {
    var id: String { get }
    var doc: RuleDoc { get }
    var params: [ParamSpec] { get }
    var examples: [RuleExample] { get }
    /// Whether the rule needs the exercise's object found to run.
    var needsWorkload: Bool { get }
    /// The check itself; a lookup that cannot go on (a container the pod lacks)
    /// stops it with the outcome to report.
    func check(_ context: CheckContext, _ params: Params) throws(RuleStop) -> Outcome
}

extension Rule {
    public var needsWorkload: Bool { true }

    /// The check's outcome, whether it ran to the end or was stopped early.
    public func evaluate(_ context: CheckContext, _ params: Params) -> Outcome {
        do {
            return try check(context, params)
        } catch {
            return error.outcome
        }
    }
}
