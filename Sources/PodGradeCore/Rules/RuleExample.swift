/// An example that documents a rule and tests it: a manifest, the parameters
/// of the check, and what it must give: a pass, or a failure whose first
/// finding has the given message key and points where the manifest's `↓`
/// stands (SwiftLint's marker; none when the finding has no location).
public struct RuleExample: Sendable {
    public enum Expectation: Sendable, Equatable {
        case pass
        case fail(key: String, line: Int?, column: Int?)
    }

    /// The manifest, with the `↓` marker of a failing example.
    public let marked: String
    public let params: String
    /// The key a failing example's first finding has; nil for a passing one.
    public let failingKey: String?

    /// What the example must give (the marker's position is read here, not when
    /// every rule is built at start).
    public var expectation: Expectation {
        guard let failingKey else { return .pass }
        let position = Self.position(in: marked)
        return .fail(key: failingKey, line: position?.line, column: position?.column)
    }

    /// The marker: it stands just before the character the finding points at.
    public static let marker: Character = "↓"

    public static func passes(_ manifest: String, params: String = "{}") -> RuleExample {
        RuleExample(marked: manifest, params: params, failingKey: nil)
    }

    public static func fails(_ marked: String, params: String = "{}", key: String) -> RuleExample {
        RuleExample(marked: marked, params: params, failingKey: key)
    }

    /// The manifest as YAML, without the marker.
    public var manifest: String { marked.filter { $0 != Self.marker } }

    public var passes: Bool { failingKey == nil }

    /// The 1-based line and column (in Unicode scalars, as libyaml counts) of the marker.
    static func position(in text: String) -> (line: Int, column: Int)? {
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            if Character(scalar) == marker { return (line, column) }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return nil
    }

    /// The manifest every example starts from.
    public static let podHeader = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\n"
}
