import PodGradeYAML

/// `podgrade verify --propose-mutants`: mutants of each solution (a field removed, a name
/// changed, a port duplicated, a command cut), graded; those that fail exactly one check are
/// candidates for known-wrong cases, checks no case fails yet first. An author's tool: it
/// edits the solution's lines, then grades each mutant like any submission.
public enum CourseMutants {
    public struct Mutant: Sendable {
        public let exercise: String
        public let check: String
        public let rule: String
        public let key: String?
        public let change: String
        public let content: String
        /// No known-wrong case fails this check yet.
        public let uncovered: Bool
    }

    public static func propose(lab: Lab, solutions: [String: [UInt8]], uncovered: Set<String>) -> [Mutant] {
        let grader = Grader(lab: lab)
        var found: [Mutant] = []
        for exercise in lab.exercises {
            for (path, bytes) in solutions.sorted(by: { $0.key < $1.key }) where path.hasPrefix(exercise.id + "/") {
                let text = String(decoding: bytes, as: UTF8.self)
                var seen = Set<String>()
                for (change, mutated) in mutants(of: text) {
                    let result = CourseVerifier.grade(grader, exercise, files: [path: Array(mutated.utf8)])
                    let failed = result.checks.filter { $0.status == .fail }
                    guard failed.count == 1, let check = failed.first, seen.insert(check.id + "|" + change).inserted else { continue }
                    found.append(Mutant(exercise: exercise.id, check: check.id, rule: check.rule, key: check.findings.first?.message.key,
                                        change: change, content: mutated, uncovered: uncovered.contains("\(exercise.id)/\(check.id)")))
                }
            }
        }
        return found
    }

    /// Every mutant of a manifest's lines: (what changed, the new text).
    static func mutants(of text: String) -> [(String, String)] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count + (line.drop { $0 == " " }.hasPrefix("- ") ? 2 : 0) }
        func join(_ l: [String]) -> String { l.joined(separator: "\n") }
        var result: [(String, String)] = []
        let ports = lines.compactMap { line -> String? in
            let t = line.trimmed
            guard let r = t.firstRange(of: "containerPort: ") else { return nil }
            return String(t[r.upperBound...])
        }
        for (i, line) in lines.enumerated() {
            let trimmed = line.trimmed
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.hasPrefix("apiVersion"), !trimmed.hasPrefix("kind:") else { continue }
            // A field (and what is nested under it) removed.
            var end = i + 1
            let own = line.prefix { $0 == " " }.count
            while end < lines.count, lines[end].trimmed.isEmpty || indent(lines[end]) > indent(line)
                    || (lines[end].prefix { $0 == " " }.count > own && !trimmed.hasPrefix("- ")) {
                if lines[end].trimmed.isEmpty { break }
                end += 1
            }
            result.append(("line \(i + 1) removed: \(trimmed)", join(Array(lines[..<i]) + Array(lines[end...]))))
            // A name changed.
            if let r = line.firstRange(of: "name: "), !trimmed.hasPrefix("metadata") {
                var l = lines
                l[i] = String(line[..<r.upperBound]) + "renamed-" + String(line[r.upperBound...])
                result.append(("line \(i + 1) renamed: \(trimmed)", join(l)))
            }
            // A port duplicated.
            if trimmed.contains("containerPort: "), let first = ports.first, let r = line.firstRange(of: "containerPort: ") {
                let other = ports.first { $0 != String(line[r.upperBound...]) } ?? first
                var l = lines
                l[i] = String(line[..<r.upperBound]) + other
                if l[i] != line { result.append(("line \(i + 1) port \(other): \(trimmed)", join(l))) }
            }
            // A command cut to its program.
            if (trimmed.hasPrefix("command: [") || trimmed.hasPrefix("args: [")), let comma = line.firstIndex(of: ",") {
                var l = lines
                l[i] = String(line[..<comma]) + "]"
                result.append(("line \(i + 1) cut: \(trimmed)", join(l)))
            }
        }
        return result
    }
}

private extension String {
    var trimmed: String {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = self[start...].lastIndex { $0 != " " && $0 != "\t" }.map { index(after: $0) } ?? start
        return String(self[start..<end])
    }
}
