// The oracle's known limits file and its few output helpers.
#if canImport(Glibc)
import Glibc
#endif
import PodGradeRuntime

/// Disagreements that are limits of the runtime, each with its reason:
/// `KIND or *<TAB>SUBJECT or *<TAB>CASE PREFIX, tag:TAG or *<TAB>REASON`.
struct KnownLimits {
    struct Entry { let kind: String; let subject: String; let casePrefix: String; let reason: String }
    let entries: [Entry]

    init(path: String?) {
        var entries: [Entry] = []
        if let path, let text = Podman.readText(path) {
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                if f.count >= 4 { entries.append(Entry(kind: f[0], subject: f[1], casePrefix: f[2], reason: f[3])) }
            }
        }
        self.entries = entries
    }

    func reason(_ outcome: Outcome, _ p: Prediction) -> String? {
        entries.first { e in
            let which = e.casePrefix == "*" || (e.casePrefix.hasPrefix("tag:") ? outcome.tags.contains(String(e.casePrefix.dropFirst(4)))
                                                                                : outcome.id.hasPrefix(e.casePrefix))
            return (e.kind == "*" || e.kind == p.kind.rawValue) && (e.subject == "*" || e.subject == p.subject) && which
        }?.reason
    }
}

func writeFile(_ path: String, _ text: String) {
    guard let f = fopen(path, "w") else { return }
    fputs(text, f)
    fclose(f)
}

/// A line on standard error (file descriptor 2: the C `stderr` is not concurrency-safe).
func warn(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
