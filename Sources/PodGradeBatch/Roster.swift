/// One learner of a roster: `student,repo[,rev][,extension]`, and the columns
/// a school gradebook identifies learners by (`email`, `username`, `idnumber`,
/// `sis_user_id`, `sis_login_id`, `section`, `canvas_id`).
public struct RosterEntry: Sendable, Hashable {
    public let student: String
    public let repo: String
    public let rev: String?
    /// The line of the roster it came from (1-based, header is line 1).
    public let line: Int
    /// The learner's own deadline (`extension`: an ISO time or `2d`, `36h`).
    public var deadlineExtension: DeadlineExtension?
    /// Other columns the roster has, by lowercased header (identifiers for Moodle or Canvas).
    public var identity: [String: String] = [:]

    /// The identity columns a gradebook export reads.
    public static let identityColumns = ["email", "username", "idnumber", "sis_user_id", "sis_login_id", "section", "canvas_id"]
}

public struct RosterError: Error, Sendable, CustomStringConvertible {
    public let line: Int
    public let message: String
    public var description: String { "roster line \(line): \(message)" }
}

/// RFC 4180 CSV, as spreadsheets write it: quoted fields with `""` escapes,
/// commas and newlines inside quotes, CRLF or LF, a UTF-8 BOM.
public enum CSV {
    public static func parse(_ text: String) throws(RosterError) -> [[String]] {
        try records(text).map(\.fields)
    }

    /// The rows with the line each starts on (1-based): a quoted field may span lines.
    public static func records(_ text: String) throws(RosterError) -> [(line: Int, fields: [String])] {
        var rows: [(line: Int, fields: [String])] = []
        var row: [String] = []
        var rowLine = 1
        var field = ""
        var quoted = false
        var line = 1
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        var fieldStarted = false
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else {
                switch c {
                case "\"" where !fieldStarted: quoted = true; fieldStarted = true
                case ",": row.append(field); field = ""; fieldStarted = false
                case "\r": break
                case "\n":
                    row.append(field); field = ""; fieldStarted = false
                    rows.append((rowLine, row)); row = []
                    line += 1
                    rowLine = line
                default:
                    field.unicodeScalars.append(c); fieldStarted = true
                }
            }
            i += 1
        }
        if quoted { throw RosterError(line: line, message: "a quoted field is not closed") }
        if fieldStarted || !row.isEmpty { row.append(field); rows.append((rowLine, row)) }
        return rows
    }

    /// One CSV field: quoted when needed; a leading = + - @ is defused so a
    /// spreadsheet does not run a learner's text as a formula.
    public static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }
        return value
    }

    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }
}

public enum Roster {
    /// Parses a roster with the header `student,repo[,rev]`.
    public static func parse(_ text: String) throws(RosterError) -> [RosterEntry] {
        // Blank lines and rows of empty cells (",,", as spreadsheets export them) are skipped.
        let rows = try CSV.records(text).filter { !$0.fields.allSatisfy { $0.trimmed.isEmpty } }
        guard let header = rows.first else { throw RosterError(line: 1, message: "empty roster: the header student,repo[,rev] is required") }
        let names = header.fields.map { $0.trimmed.lowercased() }
        guard let studentColumn = names.firstIndex(of: "student"), let repoColumn = names.firstIndex(of: "repo") else {
            throw RosterError(line: header.line, message: "the header must name the columns student and repo (and optionally rev)")
        }
        let revColumn = names.firstIndex(of: "rev")
        let extensionColumn = names.firstIndex(of: "extension")
        let identityColumns = RosterEntry.identityColumns.compactMap { name in names.firstIndex(of: name).map { (name, $0) } }
        var entries: [RosterEntry] = []
        var seen: [String: Int] = [:]
        for (line, row) in rows.dropFirst() {
            func value(_ column: Int?) -> String? {
                guard let column, column < row.count else { return nil }
                let v = row[column].trimmed
                return v.isEmpty ? nil : v
            }
            guard let student = value(studentColumn) else { throw RosterError(line: line, message: "the student is empty") }
            guard let repo = value(repoColumn) else { throw RosterError(line: line, message: "the repo of \(student) is empty") }
            if let first = seen[student] { throw RosterError(line: line, message: "student \(student) is listed twice (first on line \(first))") }
            seen[student] = line
            var granted: DeadlineExtension?
            if let text = value(extensionColumn) {
                guard let parsed = DeadlineExtension(text) else {
                    throw RosterError(line: line, message: "the extension '\(text)' of \(student) is neither an ISO time with an offset (2026-12-03T23:59:00+03:00) nor a duration (2d, 36h, 90m)")
                }
                granted = parsed
            }
            var identity: [String: String] = [:]
            for (name, column) in identityColumns { identity[name] = value(column) }
            entries.append(RosterEntry(student: student, repo: repo, rev: value(revColumn), line: line, deadlineExtension: granted, identity: identity))
        }
        return entries
    }
}

/// `--shard K/N`: a stable split by student id; K counts from 0 (an Indexed
/// Job's JOB_COMPLETION_INDEX), so shards 0..N-1 together cover the roster once.
public struct Shard: Sendable, Hashable {
    public let index: Int
    public let count: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 0, k < n else { return nil }
        index = k
        count = n
    }

    public func contains(_ student: String) -> Bool {
        Int(Self.fnv1a(student) % UInt64(count)) == index
    }

    /// FNV-1a: the same split on every machine and every run.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return hash
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}

/// A file name for a student's result that cannot escape the results folder
/// and keeps the name readable in any alphabet ("Иванова, Анна" stays
/// "Иванова, Анна"): only what is unsafe in a file name on Linux, macOS or
/// Windows is replaced by `_` (`/ \ : * ? " < > |`, control and invisible
/// formatting characters, a leading dot, a trailing dot or space), and the
/// name is cut to 100 bytes of UTF-8. A changed name gets a hash of the
/// student's name, so distinct students never share a file.
public enum SafeName {
    static let unsafe: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]

    public static func of(_ student: String) -> String {
        var name = ""
        var bytes = 0
        for character in student {
            let invisible = character.unicodeScalars.contains {
                $0.properties.generalCategory == .control || $0.properties.generalCategory == .format
            }
            let kept: Character = invisible || unsafe.contains(character) ? "_" : character
            let size = String(kept).utf8.count
            if bytes + size > 100 { break }
            name.append(kept)
            bytes += size
        }
        if name.isEmpty || name.hasPrefix(".") { name = "_" + name }
        if name.hasSuffix(".") || name.hasSuffix(" ") { name += "_" }
        if name != student {
            name += "-" + String(Shard.fnv1a(student), radix: 16)
        }
        return name
    }
}
