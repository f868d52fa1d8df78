/// A Kubernetes `resource.Quantity` ("64Mi", "100m", "0.5", "1e3"), held
/// exactly as a count of nano-units so that `0.1` equals `100m` and
/// `64Mi` equals `67108864`.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let nanos: Int128

    public init(nanos: Int128) { self.nanos = nanos }

    public static func < (a: Quantity, b: Quantity) -> Bool { a.nanos < b.nanos }

    public var isNegative: Bool { nanos < 0 }

    /// Parses the quantity grammar of k8s.io/apimachinery: a signed decimal
    /// number and an optional suffix (binary `Ki`..`Ei`, decimal `n u m k M G T P E`,
    /// or an exponent `e3` / `E-2`). Returns nil for anything else ("64MB", "1.5.0", " 1").
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
        var i = 0
        var negative = false
        if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var integer: Int128 = 0
        var fraction: Int128 = 0
        var fractionDigits = 0
        var digits = 0
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        while i < bytes.count, isDigit(bytes[i]) {
            guard integer < Int128(10).power(30) else { return nil }
            integer = integer * 10 + Int128(bytes[i] - UInt8(ascii: "0"))
            i += 1; digits += 1
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < bytes.count, isDigit(bytes[i]) {
                if fractionDigits < 18 {
                    fraction = fraction * 10 + Int128(bytes[i] - UInt8(ascii: "0"))
                    fractionDigits += 1
                } else if bytes[i] != UInt8(ascii: "0") {
                    fraction += 1 // beyond nano precision: round up, as Kubernetes does
                    while i + 1 < bytes.count, isDigit(bytes[i + 1]) { i += 1 }
                }
                i += 1; digits += 1
            }
        }
        guard digits > 0 else { return nil }
        let suffix = String(decoding: bytes[i...], as: UTF8.self)
        // The amount as numerator / 10^fractionDigits, times the suffix's multiplier, in nanos.
        // Checked: 31 integer digits and 18 fraction digits fit in 64 bytes but not in Int128.
        let (shifted, shiftOverflow) = integer.multipliedReportingOverflow(by: Int128(10).power(fractionDigits))
        guard !shiftOverflow else { return nil }
        let (sum, sumOverflow) = shifted.addingReportingOverflow(fraction)
        guard !sumOverflow else { return nil }
        var numerator = sum
        var scaleNumerator: Int128 = 1
        var decimalExponent = 9 - fractionDigits // to nanos
        switch suffix {
        case "": break
        case "Ki": scaleNumerator = 1 << 10
        case "Mi": scaleNumerator = 1 << 20
        case "Gi": scaleNumerator = 1 << 30
        case "Ti": scaleNumerator = 1 << 40
        case "Pi": scaleNumerator = 1 << 50
        case "Ei": scaleNumerator = 1 << 60
        case "n": decimalExponent -= 9
        case "u": decimalExponent -= 6
        case "m": decimalExponent -= 3
        case "k": decimalExponent += 3
        case "M": decimalExponent += 6
        case "G": decimalExponent += 9
        case "T": decimalExponent += 12
        case "P": decimalExponent += 15
        case "E": decimalExponent += 18
        default:
            // An exponent: e or E, an optional sign, digits.
            let s = Array(suffix.utf8)
            guard s.count >= 2, s[0] == UInt8(ascii: "e") || s[0] == UInt8(ascii: "E") else { return nil }
            var j = 1
            var expNegative = false
            if s[j] == UInt8(ascii: "+") || s[j] == UInt8(ascii: "-") { expNegative = s[j] == UInt8(ascii: "-"); j += 1 }
            guard j < s.count, s.count - j <= 3 else { return nil }
            var exp = 0
            while j < s.count {
                guard isDigit(s[j]) else { return nil }
                exp = exp * 10 + Int(s[j] - UInt8(ascii: "0"))
                j += 1
            }
            decimalExponent += expNegative ? -exp : exp
        }
        guard let scaled = numerator.multipliedReportingOverflow(by: scaleNumerator).overflow ? nil
                : numerator.multipliedReportingOverflow(by: scaleNumerator).partialValue else { return nil }
        numerator = scaled
        if decimalExponent >= 0 {
            guard decimalExponent <= 36 else { return nil }
            let (v, overflow) = numerator.multipliedReportingOverflow(by: Int128(10).power(decimalExponent))
            guard !overflow else { return nil }
            numerator = v
        } else {
            guard -decimalExponent <= 36 else { numerator = numerator == 0 ? 0 : 1; self.nanos = negative ? -numerator : numerator; return }
            let divisor = Int128(10).power(-decimalExponent)
            let (q, r) = numerator.quotientAndRemainder(dividingBy: divisor)
            numerator = r == 0 ? q : q + 1 // round up below a nano
        }
        self.nanos = negative ? -numerator : numerator
    }

    /// Plain decimal rendering of the value ("0.1", "67108864").
    public var description: String {
        let billion: Int128 = 1_000_000_000
        let sign = nanos < 0 ? "-" : ""
        let magnitude = nanos < 0 ? -nanos : nanos
        let whole = magnitude / billion
        let frac = magnitude % billion
        if frac == 0 { return "\(sign)\(whole)" }
        var fracText = String(frac)
        fracText = String(repeating: "0", count: 9 - fracText.count) + fracText
        while fracText.hasSuffix("0") { fracText.removeLast() }
        return "\(sign)\(whole).\(fracText)"
    }
}

extension Int128 {
    func power(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<exponent { result *= self }
        return result
    }
}

/// A resource value that differs from the one asked only by its unit, the two
/// classic slips: no unit at all (`memory: 64` is 64 bytes) and a power of ten
/// for a power of two or back (`128M` is 128 000 000 bytes, `128Mi` 134 217 728).
public enum UnitConfusion: Sendable, Hashable {
    /// `found` has no unit where `expected`, with the same number, has one.
    case noUnit(found: String, expected: String, expectedValue: String)
    /// `found` and `expected` have the same number, one with a decimal suffix
    /// (k, M, G, T, P, E) and the other with its binary twin (Ki, Mi, Gi...).
    case decimalBinary(found: String, foundValue: String, expected: String, expectedValue: String)
}

extension Quantity {
    private static let binaryOfDecimal = ["k": "Ki", "M": "Mi", "G": "Gi", "T": "Ti", "P": "Pi", "E": "Ei"]

    /// The number and the suffix of a quantity's text ("128", "Mi").
    private static func split(_ text: String) -> (number: Substring, suffix: Substring) {
        let end = text.firstIndex { !($0.isASCII && ($0.isNumber || $0 == "." || $0 == "+" || $0 == "-")) } ?? text.endIndex
        return (text[..<end], text[end...])
    }

    /// How `found` differs from `expected` when only the unit does; nil when
    /// they are equal, either is not a quantity, or they differ otherwise.
    public static func unitConfusion(found: String, expected: String) -> UnitConfusion? {
        guard let foundValue = Quantity(found), let expectedValue = Quantity(expected), foundValue != expectedValue else { return nil }
        let f = split(found), e = split(expected)
        guard !f.number.isEmpty, let fn = Quantity(String(f.number)), let en = Quantity(String(e.number)), fn == en else { return nil }
        if f.suffix.isEmpty, !e.suffix.isEmpty {
            return .noUnit(found: found, expected: expected, expectedValue: expectedValue.description)
        }
        let fs = String(f.suffix), es = String(e.suffix)
        if binaryOfDecimal[fs] == es || binaryOfDecimal[es] == fs {
            return .decimalBinary(found: found, foundValue: foundValue.description, expected: expected, expectedValue: expectedValue.description)
        }
        return nil
    }

    /// What a value that is not a quantity only because of how its unit is
    /// written ("64MB", "1gb", "512mi", "2 Gi") should be; nil otherwise.
    public static func unitSuggestion(for text: String) -> String? {
        guard Quantity(text) == nil else { return nil }
        let squeezed = text.filter { $0 != " " }
        let (number, suffix) = split(squeezed)
        guard !number.isEmpty, Quantity(String(number)) != nil else { return nil }
        var unit = suffix.lowercased()
        if unit.hasSuffix("ib") { unit.removeLast() }   // "MiB" → "mi"
        else if unit.hasSuffix("b") { unit.removeLast(); unit += "i" } // "MB" → "mi": memory is meant in powers of two
        let canonical = ["ki": "Ki", "mi": "Mi", "gi": "Gi", "ti": "Ti", "pi": "Pi", "ei": "Ei"]
        guard let fixed = canonical[unit] else { return nil }
        let suggestion = String(number) + fixed
        return Quantity(suggestion) != nil && suggestion != text ? suggestion : nil
    }
}
