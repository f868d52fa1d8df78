import PodGradeCore
import PodGradeKubernetes
import PodGradeYAML

/// Every conversion from a grading result to LSP diagnostics lives here: which
/// check becomes which severity, the text, the ranges and the score status.
/// It reads the result's public fields only (`CheckResult.status`, `findings`,
/// `FindingResult.message`, `location`, `hint`).
enum DiagnosticsBuilder {
    enum Severity: Int {
        case error = 1, warning = 2, information = 3, hint = 4
    }

    /// The status diagnostic's code.
    static let scoreCode = "podgrade.score"

    /// Diagnostics of one graded exercise, by relative path: one entry for
    /// each of its files (an empty list when the file has no finding).
    static func diagnostics(_ graded: GradedExercise, lang: Lang, uri: (String) -> String) -> [String: [JSON]] {
        let result = graded.result
        var byFile: [String: [JSON]] = [:]
        for file in result.files { byFile[file] = [] }
        var tables: [String: LineTable] = [:]
        func table(_ path: String) -> LineTable {
            if let table = tables[path] { return table }
            let table = LineTable(graded.texts[path] ?? "")
            tables[path] = table
            return table
        }
        let firstFile = result.files.first

        for check in result.checks {
            let severity: Severity
            var findings = check.findings
            switch check.status {
            case .fail, .error: severity = .error
            case .info: severity = .information
            case .pass:
                // The first finding is the pass message; the rest are Kubernetes' warnings.
                severity = .warning
                findings = Array(findings.dropFirst())
            case .skip: continue
            }
            for (index, finding) in findings.enumerated() {
                guard let file = finding.location?.file ?? firstFile else { continue }
                let range = self.range(of: finding.location, in: table(file))
                var message = finding.message.text(lang)
                if severity == .error, let hint = check.hint?.text(lang), !hint.isEmpty { message += "\n" + hint }
                var diagnostic: [String: JSON] = [
                    "range": range.json,
                    "severity": .int(Int64(severity.rawValue)),
                    "code": .string(check.rule),
                    "source": "podgrade",
                    "message": .string(message),
                    "data": ["check": .string(check.id), "key": .string(finding.message.key), "exercise": .string(result.id)],
                ]
                var related: [JSON] = []
                for (otherIndex, other) in findings.enumerated() where otherIndex != index {
                    guard let location = other.location, location != finding.location else { continue }
                    related.append(["location": ["uri": .string(uri(location.file)), "range": self.range(of: location, in: table(location.file)).json],
                                    "message": .string(other.message.text(lang))])
                }
                for location in otherDeclarations(of: finding, texts: graded.texts) where location != finding.location {
                    related.append(["location": ["uri": .string(uri(location.file)), "range": self.range(of: location, in: table(location.file)).json],
                                    "message": .string(LocalizedText(ru: "тот же порт объявлен здесь", en: "the same port is declared here").text(lang))])
                }
                if !related.isEmpty { diagnostic["relatedInformation"] = .array(related) }
                byFile[file, default: []].append(.object(diagnostic))
            }
        }
        if let firstFile {
            byFile[firstFile, default: []].insert(.object([
                "range": Range(start: Position(line: 0, character: 0), end: Position(line: 0, character: 0)).json,
                "severity": .int(Int64(Severity.information.rawValue)),
                "code": .string(scoreCode),
                "source": "podgrade",
                "message": .string(status(result, lang: lang)),
            ]), at: 0)
        }
        return byFile
    }

    /// For a finding on a `containerPort` (two containers declaring one port):
    /// where the other containers of the pod declare the same port and protocol.
    static func otherDeclarations(of finding: FindingResult, texts: [String: String]) -> [Location] {
        guard let location = finding.location, let path = finding.path, path.hasSuffix(".containerPort"),
              let text = texts[location.file] else { return [] }
        var found: [Location] = []
        for document in YAMLReader.read(text).documents {
            for object in WorkloadDecoder.objects(in: document) {
                guard let pod = WorkloadDecoder.workload(object.node, path: object.path)?.pod else { continue }
                let ports = pod.containers.flatMap { container in container.ports.map { (container, $0) } }
                guard let (owner, own) = ports.first(where: { $0.1.containerPort?.path == path }),
                      let number = own.containerPort?.value else { continue }
                for (container, port) in ports where container.path != owner.path && port.containerPort?.value == number
                    && port.effectiveProtocol == own.effectiveProtocol {
                    if let mark = port.containerPort?.mark { found.append(Location(file: location.file, mark: mark)) }
                }
            }
        }
        return found
    }

    /// "03-sidecar-logging: 10/12, pass at 12".
    static func status(_ result: ExerciseResult, lang: Lang) -> String {
        let score = "\(result.id): \(result.score)/\(result.maxScore)"
        switch lang {
        case .en: return score + (result.passed ? ", passed" : ", pass at \(result.passScore)")
        case .ru: return score + (result.passed ? ", зачтено" : ", зачёт от \(result.passScore)")
        }
    }

    /// The range of a finding: the token its location starts (a key, a value,
    /// a quoted string), or the start of the file when it has no location.
    static func range(of location: Location?, in table: LineTable) -> Range {
        guard let location else {
            return Range(start: Position(line: 0, character: 0), end: Position(line: 0, character: table.lineEnd(0)))
        }
        let start = table.position(line: location.line, column: location.column)
        let text = table.line(start.line).utf16
        let from = min(start.character, text.count)
        let units = Array(text)
        var end = from
        if end < units.count {
            let first = units[end]
            if first == UInt16(ascii: "\"") || first == UInt16(ascii: "'") {
                end += 1
                while end < units.count && units[end] != first { end += 1 }
                end = min(units.count, end + 1)
            } else if first == UInt16(ascii: "{") || first == UInt16(ascii: "[") || first == UInt16(ascii: "-") {
                end = units.count
                while end > from && (units[end - 1] == UInt16(ascii: " ") || units[end - 1] == UInt16(ascii: "\t")) { end -= 1 }
            } else {
                let stops: Set<UInt16> = [UInt16(ascii: " "), UInt16(ascii: "\t"), UInt16(ascii: ":"), UInt16(ascii: ","),
                                          UInt16(ascii: "]"), UInt16(ascii: "}"), UInt16(ascii: "#")]
                while end < units.count && !stops.contains(units[end]) { end += 1 }
            }
        }
        if end == from {
            // Nothing to underline at the column (end of line): the whole line.
            return Range(start: Position(line: start.line, character: 0), end: Position(line: start.line, character: units.count))
        }
        return Range(start: Position(line: start.line, character: from), end: Position(line: start.line, character: end))
    }
}

private extension UInt16 {
    init(ascii: Unicode.Scalar) { self = UInt16(ascii.value) }
}
