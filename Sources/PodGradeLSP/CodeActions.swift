import PodGradeCore
import PodGradeKubernetes
import PodGradeYAML

/// `textDocument/codeAction`: quick fixes where the fix is certain, each a
/// `WorkspaceEdit` on the buffer.
struct QuickFix: Sendable {
    let title: String
    let rule: String
    /// The 0-based line of the finding it fixes.
    let line: Int
    let edit: TextEdit
}

struct TextEdit: Sendable, Hashable {
    let range: Range
    let newText: String

    var json: JSON { ["range": range.json, "newText": .string(newText)] }
}

enum CodeActions {
    /// Fixes for the lines of `range` in a buffer.
    /// - the schema's unknown field with a suggestion: rename the key;
    /// - the schema's wrong type where an integer is expected and the value is
    ///   a quoted whole number: unquote it;
    /// - volume.readonly's writable mount: `readOnly: true`.
    static func fixes(text: String, path: String, range: Range, results: [ExerciseResult], lang: Lang, limits: YAMLLimits) -> [QuickFix] {
        let table = LineTable(text)
        let yaml = YAMLReader.read(text, limits: limits)
        let parsed = ParsedFile(path: path, yaml: yaml)
        var fixes: [QuickFix] = []
        for issue in parsed.schemaIssues.joined() where range.contains(line: issue.mark.line - 1) {
            switch issue.problem {
            case .unknownField(let name, let suggestion?):
                guard let edit = replaceToken(at: issue.mark, expected: [name, "\"\(name)\"", "'\(name)'"], with: suggestion, table) else { continue }
                let title = LocalizedText(ru: "Заменить «\(name)» на «\(suggestion)»", en: "Change \"\(name)\" to \"\(suggestion)\"").text(lang)
                fixes.append(QuickFix(title: title, rule: issue.rule.rawValue, line: issue.mark.line - 1, edit: edit))
            case .wrongType(expected: .integer, found: _), .wrongType(expected: .number, found: _):
                guard let node = Navigation.chain(yaml, line: issue.mark.line, column: issue.mark.column).last?.node,
                      node.mark == issue.mark, let scalar = node.scalar,
                      scalar.style == .singleQuoted || scalar.style == .doubleQuoted,
                      let number = Int64(scalar.text), String(number) == scalar.text else { continue }
                let quote = scalar.style == .singleQuoted ? "'" : "\""
                guard let edit = replaceToken(at: issue.mark, expected: [quote + scalar.text + quote], with: scalar.text, table) else { continue }
                let title = LocalizedText(ru: "Записать \(scalar.text) числом, без кавычек", en: "Write \(scalar.text) as a number, without quotes").text(lang)
                fixes.append(QuickFix(title: title, rule: issue.rule.rawValue, line: issue.mark.line - 1, edit: edit))
            default:
                continue
            }
        }
        for result in results {
            for check in result.checks where check.rule == "volume.readonly" && check.status == .fail {
                for finding in check.findings where finding.message.key == "mountNotReadOnly" {
                    guard let location = finding.location, location.file == path, range.contains(line: location.line - 1),
                          let edit = readOnly(at: Mark(line: location.line, column: location.column), yaml: yaml, table: table) else { continue }
                    let title = LocalizedText(ru: "Добавить readOnly: true", en: "Add readOnly: true").text(lang)
                    fixes.append(QuickFix(title: title, rule: check.rule, line: location.line - 1, edit: edit))
                }
            }
        }
        return fixes
    }

    /// Replaces the token at a mark when the text there is one of `expected`.
    static func replaceToken(at mark: Mark, expected: [String], with replacement: String, _ table: LineTable) -> TextEdit? {
        let start = table.position(line: mark.line, column: mark.column)
        let line = table.line(start.line)
        let utf16 = Array(line.utf16)
        guard start.character <= utf16.count else { return nil }
        let rest = String(decoding: utf16[start.character...].map { $0 }, as: UTF16.self)
        guard let token = expected.first(where: { rest.hasPrefix($0) }) else { return nil }
        let end = Position(line: start.line, character: start.character + token.utf16.count)
        return TextEdit(range: Range(start: start, end: end), newText: replacement)
    }

    /// `readOnly: true` for the mount at a mark: its `readOnly: false` value
    /// replaced, or a line added to a block mapping, or an entry to a flow one.
    static func readOnly(at mark: Mark, yaml: YAMLFile, table: LineTable) -> TextEdit? {
        let chain = Navigation.chain(yaml, line: mark.line, column: mark.column)
        guard let found = chain.last(where: { $0.node.mark == mark && ($0.node.mapping != nil || ($0.key == "readOnly" && !$0.isKey)) })
        else { return nil }
        let node = found.node
        if let scalar = node.scalar, found.key == "readOnly" {
            let start = table.position(line: mark.line, column: mark.column)
            let written = scalar.style == .plain ? scalar.text : (scalar.style == .singleQuoted ? "'\(scalar.text)'" : "\"\(scalar.text)\"")
            return TextEdit(range: Range(start: start, end: Position(line: start.line, character: start.character + written.utf16.count)),
                            newText: "true")
        }
        guard let pairs = node.mapping, let first = pairs.first else { return nil }
        let start = table.position(line: mark.line, column: mark.column)
        let line = Array(table.line(start.line).utf16)
        if start.character < line.count && line[start.character] == UInt16(UInt8(ascii: "{")) {
            // Flow mapping on one line: before its closing brace.
            var depth = 0
            var index = start.character
            var quote: UInt16?
            while index < line.count {
                let unit = line[index]
                if let open = quote {
                    if unit == open { quote = nil }
                } else if unit == UInt16(UInt8(ascii: "\"")) || unit == UInt16(UInt8(ascii: "'")) {
                    quote = unit
                } else if unit == UInt16(UInt8(ascii: "{")) {
                    depth += 1
                } else if unit == UInt16(UInt8(ascii: "}")) {
                    depth -= 1
                    if depth == 0 {
                        let at = Position(line: start.line, character: index)
                        return TextEdit(range: Range(start: at, end: at), newText: ", readOnly: true")
                    }
                }
                index += 1
            }
            return nil
        }
        // Block mapping: a line after the first pair, at the keys' indentation,
        // when that pair fits on its line.
        guard first.keyNode.mark.line == mark.line, first.value.scalar != nil, first.value.mark.line == mark.line,
              pairs.count < 2 || pairs[1].keyNode.mark.line > mark.line else { return nil }
        let indent = String(repeating: " ", count: max(0, mark.column - 1))
        let at = Position(line: start.line + 1, character: 0)
        if start.line + 1 >= table.lineCount {
            let end = Position(line: start.line, character: table.lineEnd(start.line))
            return TextEdit(range: Range(start: end, end: end), newText: "\n" + indent + "readOnly: true")
        }
        return TextEdit(range: Range(start: at, end: at), newText: indent + "readOnly: true\n")
    }
}
