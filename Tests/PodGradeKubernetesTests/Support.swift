import Testing
import PodGradeYAML
@testable import PodGradeKubernetes

/// A test manifest with `⟨` before each offending spot (and an optional `⟩`
/// after it, for the reader's eye): the markers are removed and their
/// positions, 1-based line and character column, become `marks`.
struct Marked {
    let text: String
    let marks: [Mark]

    init(_ source: String) {
        var text = String.UnicodeScalarView()
        var marks: [Mark] = []
        var line = 1, column = 1
        for scalar in source.unicodeScalars {
            switch scalar {
            case "⟨": marks.append(Mark(line: line, column: column))
            case "⟩": break
            case "\n":
                text.append(scalar)
                line += 1; column = 1
            default:
                text.append(scalar)
                column += 1
            }
        }
        self.text = String(text)
        self.marks = marks
    }

    /// The only (or first) marker.
    var mark: Mark { marks.first ?? Mark(line: 0, column: 0) }
    subscript(i: Int) -> Mark { i < marks.count ? marks[i] : Mark(line: 0, column: 0) }
}

/// Indents every line of a block by `spaces`.
func indent(_ block: String, _ spaces: Int) -> String {
    guard !block.isEmpty else { return "" }
    let pad = String(repeating: " ", count: spaces)
    return block.split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }.joined(separator: "\n") + "\n"
}

/// A valid Pod `demo` with one container `app` (nginx) and room for more lines:
/// `meta` under metadata, `spec` under spec (before containers), `container`
/// under the container, `after` after the containers list (pod level).
func pod(meta: String = "", spec: String = "", container: String = "", after: String = "") -> String {
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\n" + indent(meta, 2)
        + "spec:\n" + indent(spec, 2)
        + "  containers:\n  - name: app\n    image: nginx\n" + indent(container, 4)
        + indent(after, 2)
}

/// Every issue of the first document (schema and validation).
func check(_ text: String) -> [K8sIssue] {
    let file = YAMLReader.read(text)
    guard file.error == nil, let document = file.documents.first else {
        Issue.record("unreadable test YAML: \(String(describing: file.error))")
        return []
    }
    return ObjectChecker.check(document: document)
}

func check(_ marked: Marked) -> [K8sIssue] { check(marked.text) }

func schema(_ marked: Marked) -> [K8sIssue] {
    let file = YAMLReader.read(marked.text)
    guard file.error == nil, let root = file.documents.first?.root else {
        Issue.record("unreadable test YAML: \(String(describing: file.error))")
        return []
    }
    return SchemaChecker.check(root, path: "")
}

func validate(_ marked: Marked) -> [K8sIssue] {
    let file = YAMLReader.read(marked.text)
    guard file.error == nil, let document = file.documents.first else {
        Issue.record("unreadable test YAML: \(String(describing: file.error))")
        return []
    }
    return WorkloadDecoder.workloads(in: document).flatMap(PodValidator.validate)
}

func schemaIssue(_ problem: K8sIssue.Problem, _ path: String, _ mark: Mark) -> K8sIssue {
    K8sIssue(.schema, problem, path: path, mark: mark)
}

func validIssue(_ problem: K8sIssue.Problem, _ path: String, _ mark: Mark, _ severity: K8sIssue.Severity = .error) -> K8sIssue {
    K8sIssue(.valid, problem, path: path, mark: mark, severity: severity)
}
