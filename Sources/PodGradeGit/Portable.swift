// Small replacements for the parts of full Foundation (NSString, CharacterSet,
// String(format:)) that FoundationEssentials lacks, so
// that linking PodGradeGit does not pull in libFoundation and the ICU data.
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: paths (the NSString semantics for '/'-separated paths)

enum PathString {
    /// `NSString.appendingPathComponent`: joined with exactly one '/' unless `base`
    /// already ends in one.
    static func appending(_ component: String, to base: String) -> String {
        if base.isEmpty { return component }
        if component.isEmpty { return fixingSlashes(base) }
        return base.hasSuffix("/") ? base + component : base + "/" + component
    }

    /// `NSString.deletingLastPathComponent`: "/a//b/" gives "/a", "/a" gives "/", "a" gives "".
    static func deletingLastComponent(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        if fixed == "/" || fixed.isEmpty { return fixed }
        guard let slash = fixed.lastIndex(of: "/") else { return "" }
        if slash == fixed.startIndex { return "/" }
        return String(fixed[..<slash])
    }

    /// `NSString.lastPathComponent`: "/a//b/" gives "b", "/" gives "/".
    static func lastComponent(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        if fixed.count <= 1 { return fixed }
        guard let slash = fixed.lastIndex(of: "/") else { return fixed }
        return String(fixed[fixed.index(after: slash)...])
    }

    /// Runs of '/' collapsed to one, and a trailing '/' removed (except for "/" itself).
    static func fixingSlashes(_ path: String) -> String {
        var result = ""
        result.reserveCapacity(path.utf8.count)
        var previousWasSlash = false
        for character in path {
            let isSlash = character == "/"
            if isSlash && previousWasSlash { continue }
            result.append(character)
            previousWasSlash = isSlash
        }
        if result.count > 1 && result.hasSuffix("/") { result.removeLast() }
        return result
    }
}

// MARK: text

extension Unicode.Scalar {
    /// Membership in Foundation's `CharacterSet.whitespaces`: General Category Zs,
    /// TAB, and (as CoreFoundation defines it) ZERO WIDTH SPACE.
    var isFoundationWhitespace: Bool {
        value == 0x09 || value == 0x200B || properties.generalCategory == .spaceSeparator
    }

    /// `CharacterSet.alphanumerics` restricted to ASCII: 0-9, A-Z, a-z.
    var isASCIIAlphanumeric: Bool {
        ("0"..."9").contains(self) || ("A"..."Z").contains(self) || ("a"..."z").contains(self)
    }
}

extension Substring {
    /// `trimmingCharacters(in: .whitespaces)`, scalar by scalar as Foundation does it.
    func trimmingFoundationWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isFoundationWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isFoundationWhitespace })!
        return String(Substring(scalars[first...last]))
    }
}

/// `String(format: "%.1f", value)`: printf rounding, one decimal.
func oneDecimal(_ value: Double) -> String {
    withVaList([value]) { arguments in
        var buffer = [CChar](repeating: 0, count: 512)
        _ = vsnprintf(&buffer, buffer.count, "%.1f", arguments)
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

/// The reason a FileManager call failed, for a one-line message: the OS error text
/// ("Permission denied", "File exists", ...) when there is one.
func fileErrorReason(_ error: any Error) -> String {
    if let posix = error as? POSIXError {
        return String(cString: strerror(posix.code.rawValue))
    }
    if let cocoa = error as? CocoaError {
        if let posix = cocoa.underlying as? POSIXError {
            return String(cString: strerror(posix.code.rawValue))
        }
        if let path = cocoa.filePath {
            return "file system error \(cocoa.code.rawValue) at '\(path)'"
        }
        return "file system error \(cocoa.code.rawValue)"
    }
    return String(describing: error)
}
