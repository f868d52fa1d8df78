/// Plain-scalar resolution as go-yaml v2 does it (the reader under kubectl):
/// YAML 1.1 booleans (`yes`, `off`, `y`), Go integer literals (`0x1F`, `0777`,
/// `1_000`), floats, nulls. Quoted and block scalars are always strings.
enum Resolver {
    static func resolve(_ text: String, style: ScalarStyle, tag: String?) -> ScalarValue {
        if let tag, tag != "!" {
            return resolveTagged(text, tag: tag)
        }
        guard style == .plain else { return .string(text) }
        return resolvePlain(text)
    }

    private static func resolveTagged(_ text: String, tag: String) -> ScalarValue {
        switch tag {
        case "tag:yaml.org,2002:str", "!!str": return .string(text)
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:bool":
            if case .bool(let b) = resolvePlain(text) { return .bool(b) }
            return .string(text)
        case "tag:yaml.org,2002:int":
            if case .int(let i) = resolvePlain(text) { return .int(i) }
            return .string(text)
        case "tag:yaml.org,2002:float":
            switch resolvePlain(text) {
            case .int(let i): return .float(Double(i))
            case .float(let d): return .float(d)
            default: return .string(text)
            }
        default:
            // Custom and language tags (`!custom`, `!!python/object/apply`) are data, never acted on.
            return .string(text)
        }
    }

    static func resolvePlain(_ text: String) -> ScalarValue {
        let utf8 = text.utf8
        guard let first = utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return resolveNumber(text) ?? .string(text)
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "y"), UInt8(ascii: "Y"),
             UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
             UInt8(ascii: "o"), UInt8(ascii: "O"):
            // Every null and boolean word is at most 5 letters: skip the comparisons for keys and names.
            guard utf8.count <= 5 else { return .string(text) }
            return keyword(utf8) ?? .string(text)
        default:
            return .string(text)
        }
    }

    /// `~`, `null`, `yes`, `off`... written all lower case, all upper case or capitalized (as go-yaml
    /// accepts them): the word packed into an integer, compared as integers.
    private static func keyword(_ utf8: String.UTF8View) -> ScalarValue? {
        var lower: UInt64 = 0
        var uppers = 0
        var firstUpper = false
        for (k, b) in utf8.enumerated() {
            let isUpper = b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")
            if isUpper { uppers += 1; if k == 0 { firstUpper = true } }
            lower = lower << 8 | UInt64(isUpper ? b | 0x20 : b)
        }
        let count = utf8.count
        // All lower, all upper, or only the first upper.
        guard uppers == 0 || uppers == count || (uppers == 1 && firstUpper) else { return nil }
        switch lower {
        case Keyword.tilde, Keyword.null: return uppers == 0 || lower == Keyword.null ? .null : nil
        case Keyword.y, Keyword.yes, Keyword.true, Keyword.on: return .bool(true)
        case Keyword.n, Keyword.no, Keyword.false, Keyword.off: return .bool(false)
        default: return nil
        }
    }

    private enum Keyword {
        static func pack(_ word: StaticString) -> UInt64 {
            var value: UInt64 = 0
            word.withUTF8Buffer { for b in $0 { value = value << 8 | UInt64(b) } }
            return value
        }
        static let tilde = pack("~"), null = pack("null"), y = pack("y"), yes = pack("yes"), `true` = pack("true")
        static let on = pack("on"), n = pack("n"), no = pack("no"), `false` = pack("false"), off = pack("off")
    }

    private static func resolveNumber(_ text: String) -> ScalarValue? {
        switch text {
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        default: break
        }
        let plain = Array(text.utf8.filter { $0 != UInt8(ascii: "_") })
        if let i = parseGoInt(plain) { return .int(i) }
        if isYAMLFloat(plain), let d = Double(String(decoding: plain, as: UTF8.self)) { return .float(d) }
        return nil
    }

    /// Go's strconv.ParseInt(s, 0, 64): optional sign, then 0x / 0o / 0b / leading-0 octal / decimal.
    static func parseGoInt(_ bytes: [UInt8]) -> Int64? {
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < bytes.count else { return nil }
        var base: UInt64 = 10
        if bytes[i] == UInt8(ascii: "0"), i + 1 < bytes.count {
            switch bytes[i + 1] {
            case UInt8(ascii: "x"), UInt8(ascii: "X"): base = 16; i += 2
            case UInt8(ascii: "o"), UInt8(ascii: "O"): base = 8; i += 2
            case UInt8(ascii: "b"), UInt8(ascii: "B"): base = 2; i += 2
            default: base = 8; i += 1
            }
            guard i < bytes.count else { return nil }
        }
        var magnitude: UInt64 = 0
        while i < bytes.count {
            guard let value = hexDigitValue(bytes[i]), UInt64(value) < base else { return nil }
            let digit = UInt64(value)
            let (m1, o1) = magnitude.multipliedReportingOverflow(by: base)
            let (m2, o2) = m1.addingReportingOverflow(digit)
            guard !o1, !o2 else { return nil }
            magnitude = m2
            i += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
    static func isYAMLFloat(_ b: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") { i += 1 }
            return i - start
        }
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if i < b.count, b[i] == UInt8(ascii: ".") { i += 1; _ = digits() }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == b.count
    }

    /// The key a mapping entry gets once converted to JSON, as sigs.k8s.io/yaml does.
    static func keyString(_ value: ScalarValue, text: String) -> String {
        switch value {
        case .string(let s): return s
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float: return text
        }
    }
}

/// The value of an ASCII hexadecimal digit (`0`-`9`, `a`-`f`, `A`-`F`), nil for any
/// other byte: the resolver's integers and the language server's `\u` escapes.
@inlinable
package func hexDigitValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte &- UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte &- UInt8(ascii: "a") &+ 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte &- UInt8(ascii: "A") &+ 10
    default: return nil
    }
}
