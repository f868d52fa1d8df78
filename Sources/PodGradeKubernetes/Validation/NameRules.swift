/// The string formats of k8s.io/apimachinery/pkg/util/validation, written
/// over bytes (every valid form is ASCII).
enum NameRules {
    private static func isLowerAlnum(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
    }

    private static func isAlnum(_ c: UInt8) -> Bool {
        isLowerAlnum(c) || (c >= 0x41 && c <= 0x5A)
    }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?` with no length bound.
    private static func isLabelShape(_ b: ArraySlice<UInt8>) -> Bool {
        guard let first = b.first, let last = b.last, isLowerAlnum(first), isLowerAlnum(last) else { return false }
        return b.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    /// RFC 1123 label: at most 63 characters.
    static func isDNS1123Label(_ s: String) -> Bool {
        let b = Array(s.utf8)
        return b.count <= 63 && isLabelShape(b[...])
    }

    /// RFC 1123 subdomain: labels joined by dots, at most 253 characters.
    static func isDNS1123Subdomain(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard !b.isEmpty, b.count <= 253 else { return false }
        return b.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy(isLabelShape)
    }

    /// IANA_SVC_NAME: 1-15 of `[-a-z0-9]`, a letter somewhere, no `--`, no `-` at either end.
    static func isIANAServiceName(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard !b.isEmpty, b.count <= 15 else { return false }
        guard b.allSatisfy({ isLowerAlnum($0) || $0 == UInt8(ascii: "-") }) else { return false }
        guard b.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) else { return false }
        guard b.first != UInt8(ascii: "-"), b.last != UInt8(ascii: "-") else { return false }
        for i in 1..<b.count where b[i] == UInt8(ascii: "-") && b[i - 1] == UInt8(ascii: "-") { return false }
        return true
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
    private static func isQualifiedNamePart(_ b: ArraySlice<UInt8>) -> Bool {
        guard let first = b.first, let last = b.last, isAlnum(first), isAlnum(last) else { return false }
        return b.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// A label or annotation key: an optional DNS subdomain prefix and `/`, then a name of at most 63.
    static func isQualifiedName(_ s: String) -> Bool {
        let b = Array(s.utf8)
        let parts = b.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        let name: ArraySlice<UInt8>
        switch parts.count {
        case 1: name = parts[0]
        case 2:
            let prefix = String(decoding: parts[0], as: UTF8.self)
            guard !parts[0].isEmpty, isDNS1123Subdomain(prefix) else { return false }
            name = parts[1]
        default: return false
        }
        return !name.isEmpty && name.count <= 63 && isQualifiedNamePart(name)
    }

    /// A label value: empty, or at most 63 shaped like a qualified name.
    static func isLabelValue(_ s: String) -> Bool {
        let b = Array(s.utf8)
        return b.isEmpty || (b.count <= 63 && isQualifiedNamePart(b[...]))
    }

    /// An environment variable name as Kubernetes 1.34 accepts it
    /// (RelaxedEnvironmentVariableValidation, GA): printable ASCII except `=`.
    static func isEnvVarName(_ s: String) -> Bool {
        let b = Array(s.utf8)
        return !b.isEmpty && b.allSatisfy { $0 >= 0x20 && $0 <= 0x7E && $0 != UInt8(ascii: "=") }
    }
}
