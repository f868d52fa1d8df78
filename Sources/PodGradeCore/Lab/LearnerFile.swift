import PodGradeYAML

/// `.podgrade.yaml` at the root of a learner's repository: `student: ID`, the
/// learner whose variants `check` grades (written by `podgrade start --student`).
public enum LearnerFile {
    public static let name = ".podgrade.yaml"

    public struct Problem: Error, Sendable, Equatable {
        public let line: Int?
        public let message: String
    }

    /// The student id the file names, or what is wrong with it (with its line).
    public static func student(in bytes: [UInt8]) -> Result<String, Problem> {
        let yaml = YAMLReader.read(bytes)
        if let error = yaml.error { return .failure(Problem(line: error.mark.line, message: YAMLErrorText.english(error))) }
        guard let root = yaml.documents.first?.root, root.mapping != nil else {
            return .failure(Problem(line: nil, message: "not a mapping"))
        }
        guard let node = root["student"] else { return .failure(Problem(line: root.mark.line, message: "no student: key")) }
        guard let text = node.scalar?.text, !text.isEmpty, !node.isNull else {
            return .failure(Problem(line: node.mark.line, message: "student must be a non-empty scalar"))
        }
        return .success(text)
    }

    /// The file's text with `student:` set to this id (other lines kept).
    public static func updated(_ bytes: [UInt8]?, student: String) -> String {
        var quoted = ""
        for c in student {
            if c == "\\" || c == "\"" { quoted.append("\\") }
            quoted.append(c)
        }
        let line = "student: \"\(quoted)\""
        guard let bytes else { return line + "\n" }
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let index = lines.firstIndex(where: { $0.hasPrefix("student:") }) { lines[index] = line } else {
            if lines.last == "" { lines.removeLast() }
            lines.append(line)
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
