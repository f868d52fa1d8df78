/// Escaping for the formats the reporters write. Everything a learner
/// controls (file names, messages that quote their YAML, student names) goes
/// through one of these before it reaches an output.
package enum Escape {
    /// What an escaper makes of one scalar.
    enum Action {
        case keep
        case drop
        case replace(String)
    }

    /// The text with each scalar kept, dropped or replaced as `action` says: the one loop
    /// behind every escaper here.
    static func map(_ text: String, _ action: (Unicode.Scalar) -> Action) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch action(scalar) {
            case .keep: out.unicodeScalars.append(scalar)
            case .drop: continue
            case .replace(let replacement): out += replacement
            }
        }
        return out
    }

    /// A C0 control, DEL or a C1 control: what no output format may show raw.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `&`, `<`, `>` and `"` as the references XML and HTML share (their `'` differs).
    static func markup(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "\"": return "&quot;"
        default: return nil
        }
    }

    /// Whether XML 1.0 allows the scalar at all (Char production).
    static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// XML character data or an attribute value (quoted with `"`). Characters
    /// XML 1.0 forbids become U+FFFD; tabs and line breaks are kept as
    /// character references so attribute normalization does not eat them.
    static func xml(_ text: String) -> String {
        map(text) { scalar in
            if let reference = markup(scalar) { return .replace(reference) }
            switch scalar {
            case "'": return .replace("&apos;")
            case "\n": return .replace("&#10;")
            case "\r": return .replace("&#13;")
            case "\t": return .replace("&#9;")
            default: return isXMLChar(scalar) ? .keep : .replace("\u{FFFD}")
            }
        }
    }

    /// XML element content: like `xml`, but keeps line breaks literal so the
    /// text stays readable (a CR is kept as a reference: a parser would fold it).
    static func xmlText(_ text: String) -> String {
        xml(text).replacingAll("&#10;", with: "\n").replacingAll("&#9;", with: "\t")
    }

    /// HTML text or a double-quoted attribute value.
    package static func html(_ text: String) -> String {
        map(text) { scalar in
            if let reference = markup(scalar) { return .replace(reference) }
            switch scalar {
            case "'": return .replace("&#39;")
            // C0 controls other than whitespace (and DEL, C1) are parse errors in HTML.
            case "\n", "\t", "\r": return .keep
            default: return isControl(scalar) ? .replace("\u{FFFD}") : .keep
            }
        }
    }

    /// Markdown inline text: ASCII punctuation that could start markup is
    /// backslash-escaped, line breaks become `<br>`, controls are dropped.
    static func markdown(_ text: String) -> String {
        map(text) { scalar in
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "#", "!", "{", "}", "$":
                return .replace("\\" + String(scalar))
            case "\r": return .drop
            case "\n": return .replace("<br>")
            case "\t": return .replace(" ")
            default: return isControl(scalar) ? .drop : .keep
            }
        }
    }

    /// GitHub workflow command data (the message after `::`).
    static func githubData(_ text: String) -> String {
        github(text, property: false)
    }

    /// GitHub workflow command property value (`file=`, `title=`): also `:` and `,`.
    static func githubProperty(_ text: String) -> String {
        github(text, property: true)
    }

    private static func github(_ text: String, property: Bool) -> String {
        map(text) { scalar in
            switch scalar {
            case "%": return .replace("%25")
            case "\r": return .replace("%0D")
            case "\n": return .replace("%0A")
            case ":" where property: return .replace("%3A")
            case "," where property: return .replace("%2C")
            // Other controls (ESC, BEL...) would reach the log raw: drop them.
            default: return isControl(scalar) ? .drop : .keep
            }
        }
    }

    /// A repository-relative path as a URI reference: unreserved characters
    /// and `/` stay, everything else is percent-encoded as UTF-8.
    static func uriPath(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}

extension String {
    /// Replaces every occurrence (FoundationEssentials-free).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return replacing(target, with: replacement)
    }
}
