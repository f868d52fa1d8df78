/// Escaping for the formats the reporters write. Everything a learner
/// controls (file names, messages that quote their YAML, student names) goes
/// through one of these before it reaches an output.
enum Escape {
    /// A C0 control, DEL or a C1 control: what no output format may show raw.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
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
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                if isXMLChar(scalar) { out.unicodeScalars.append(scalar) } else { out += "\u{FFFD}" }
            }
        }
        return out
    }

    /// XML element content: like `xml`, but keeps line breaks literal so the
    /// text stays readable (a CR is kept as a reference: a parser would fold it).
    static func xmlText(_ text: String) -> String {
        xml(text).replacingAll("&#10;", with: "\n").replacingAll("&#9;", with: "\t")
    }

    /// HTML text or a double-quoted attribute value.
    static func html(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // C0 controls other than whitespace (and DEL, C1) are parse errors in HTML.
                if isControl(scalar) && scalar != "\n" && scalar != "\t" && scalar != "\r" {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Markdown inline text: ASCII punctuation that could start markup is
    /// backslash-escaped, line breaks become `<br>`, controls are dropped.
    static func markdown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "#", "!", "{", "}", "$":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\r":
                continue
            case "\n":
                out += "<br>"
            case "\t":
                out += " "
            default:
                if isControl(scalar) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
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
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case ":" where property: out += "%3A"
            case "," where property: out += "%2C"
            default:
                // Other controls (ESC, BEL...) would reach the log raw: drop them.
                if isControl(scalar) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
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
