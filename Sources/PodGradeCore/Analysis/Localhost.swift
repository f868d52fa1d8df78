public import PodGradeKubernetes

/// A reference from a container to `localhost:PORT`: one of the ways the
/// containers of one POD reach each other through their shared network namespace.
public struct LocalhostReference: Sendable {
    public let port: Int
    /// The text it was found in (command, args element, or env value).
    public let source: Located<String>
    public let text: String
}

public enum LocalhostReferences {
    static let loopbackHosts: Set<String> = ["localhost", "127.0.0.1", "[::1]", "::1", "0.0.0.0"]
    static let defaultPorts: [String: Int] = [
        "http": 80, "https": 443, "ws": 80, "wss": 443, "redis": 6379, "rediss": 6379, "postgres": 5432,
        "postgresql": 5432, "mysql": 3306, "mongodb": 27017, "amqp": 5672, "grpc": 80, "tcp": 0, "memcached": 11211,
    ]

    public static func of(_ container: Container) -> [LocalhostReference] {
        var result: [LocalhostReference] = []
        let words = (container.command ?? []) + (container.args ?? [])
        for word in words {
            result += scan(word.value, source: word)
        }
        result += argumentPairs(words)
        for variable in container.env {
            if let value = variable.value { result += scan(value.value, source: value) }
        }
        result += envPairs(container.env)
        return result
    }

    /// `localhost:6379`, `127.0.0.1:80`, `[::1]:8080`, `http://localhost/` (port 80).
    static func scan(_ text: String, source: Located<String>) -> [LocalhostReference] {
        guard mayNameLoopback(text) else { return [] }
        var result: [LocalhostReference] = []
        let scalars = Array(text.unicodeScalars)
        guard scalars.count <= 100_000 else { return [] }
        // Tokens: split at characters that cannot be part of host:port or a URL.
        var token = ""
        func flush() {
            if let reference = parse(token, source: source) { result.append(reference) }
            token = ""
        }
        for c in scalars {
            if c == " " || c == "\t" || c == "\n" || c == "'" || c == "\"" || c == "," || c == ";" || c == "=" || c == "(" || c == ")" {
                flush()
            } else {
                token.unicodeScalars.append(c)
            }
        }
        flush()
        return result
    }

    /// Whether the text holds a loopback host at all (`localhost` in any ASCII
    /// case, `127.0.0.1`, `::1`, `0.0.0.0`): most commands do not, and skip the tokenizer.
    /// No non-ASCII letter lowercases to a letter of `localhost`, so bytes suffice.
    static func mayNameLoopback(_ text: String) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable(namesLoopback) { return found }
        return Array(text.utf8).withUnsafeBufferPointer(namesLoopback)
    }

    private static let loopbackNeedles: [[UInt8]] = ["localhost", "127.0.0.1", "::1", "0.0.0.0"].map { Array($0.utf8) }

    private static func namesLoopback(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 3 else { return false }
        for start in 0...(bytes.count - 3) {
            for needle in loopbackNeedles where start + needle.count <= bytes.count {
                var matched = true
                for k in 0..<needle.count {
                    var b = bytes[start + k]
                    if b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") { b += 32 }
                    if b != needle[k] { matched = false; break }
                }
                if matched { return true }
            }
        }
        return false
    }

    private static func parse(_ token: String, source: Located<String>) -> LocalhostReference? {
        var rest = Substring(token)
        var scheme: String?
        if let range = rest.firstRange(of: "://") {
            scheme = String(rest[..<range.lowerBound]).lowercased()
            rest = rest[range.upperBound...]
        }
        // Strip userinfo and path.
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        var host = rest
        var port: Int?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = rest[...close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { port = Int(after.dropFirst()) }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            port = Int(rest[rest.index(after: colon)...])
            if port == nil, !rest[rest.index(after: colon)...].isEmpty { return nil }
        }
        guard loopbackHosts.contains(host.lowercased()) else { return nil }
        if port == nil, let scheme { port = defaultPorts[scheme] }
        guard let port, (1...65535).contains(port) else { return nil }
        return LocalhostReference(port: port, source: source, text: token)
    }

    /// `DB_HOST=localhost` beside `DB_PORT=6379` (or `HOST` and `PORT`).
    static func envPairs(_ env: [EnvVar]) -> [LocalhostReference] {
        var result: [LocalhostReference] = []
        for variable in env {
            guard let name = variable.name?.value, let value = variable.value,
                  loopbackHosts.contains(value.value.lowercased()) else { continue }
            let prefix: String
            if name.hasSuffix("HOST") { prefix = String(name.dropLast(4)) }
            else if name.hasSuffix("HOSTNAME") { prefix = String(name.dropLast(8)) }
            else if name.hasSuffix("ADDR") { prefix = String(name.dropLast(4)) }
            else { continue }
            for other in env {
                guard let otherName = other.name?.value, otherName == prefix + "PORT",
                      let portText = other.value, let port = Int(portText.value), (1...65535).contains(port) else { continue }
                result.append(LocalhostReference(port: port, source: portText, text: "\(name)=\(value.value) \(otherName)=\(port)"))
            }
        }
        return result
    }

    /// `--host localhost --port 6379`, `-h 127.0.0.1 -p 6379`, `--host=localhost --port=6379`.
    static func argumentPairs(_ words: [Located<String>]) -> [LocalhostReference] {
        var host: String?
        var port: (Int, Located<String>)?
        var i = 0
        func value(_ flagNames: Set<String>) -> (String, Located<String>)? {
            let word = words[i].value
            if let eq = word.firstIndex(of: "="), flagNames.contains(String(word[..<eq])) {
                return (String(word[word.index(after: eq)...]), words[i])
            }
            if flagNames.contains(word), i + 1 < words.count { i += 1; return (words[i].value, words[i]) }
            return nil
        }
        while i < words.count {
            if let (h, _) = value(["--host", "-h", "--hostname", "--address", "-host"]) { host = h }
            else if let (p, located) = value(["--port", "-p", "-port"]), let n = Int(p) { port = (n, located) }
            i += 1
        }
        guard let host, loopbackHosts.contains(host.lowercased()), let (n, located) = port, (1...65535).contains(n) else { return [] }
        return [LocalhostReference(port: n, source: located, text: "\(host) \(n)")]
    }
}
