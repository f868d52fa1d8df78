/// Which ports a command listens on and where it connects.
extension Programs {

    static func isListening(_ c: ScriptCommand) -> Bool {
        c.arguments.contains { $0 == "--listen" || ($0.hasPrefix("-") && !$0.hasPrefix("--") && $0.utf8.contains(UInt8(ascii: "l"))) }
    }

    /// `TCP-LISTEN:5432,fork` → 5432.
    static func socatListenPort(_ address: String) -> Int? {
        let lower = address.lowercased()
        for prefix in ["tcp-listen:", "tcp4-listen:", "tcp6-listen:", "tcp-l:", "tcp4-l:", "tcp6-l:", "udp-listen:", "udp4-listen:", "udp-l:"]
        where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            return port(String(rest.prefix { $0 != "," }))
        }
        return nil
    }

    /// `TCP:host:port`, `TCP-CONNECT:host:port,opts` → (host, port).
    static func socatConnect(_ address: String) -> (String, Int?)? {
        let lower = address.lowercased()
        for prefix in ["tcp:", "tcp4:", "tcp6:", "tcp-connect:", "tcp4-connect:", "tcp6-connect:", "udp:", "udp-connect:", "openssl:",
                       "openssl-connect:"] where lower.hasPrefix(prefix) {
            let rest = address.dropFirst(prefix.count).prefix { $0 != "," }
            guard let colon = rest.lastIndex(of: ":") else { return (String(rest), nil) }
            return (String(rest[..<colon]), port(String(rest[rest.index(after: colon)...])))
        }
        return nil
    }

    static func port(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 5, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(text), (1...65535).contains(n) else { return nil }
        return n
    }

    /// `[host]:port`, `:port` or `port` (a listen address) → (host, port).
    static func listenAddress(_ text: String) -> (String?, Int)? {
        if let p = port(text) { return (nil, p) }
        guard let colon = text.lastIndex(of: ":"), let p = port(String(text[text.index(after: colon)...])) else { return nil }
        let host = String(text[..<colon])
        return (host.isEmpty ? nil : host, p)
    }

    /// The ports a command listens on: (port, bind address, program).
    static func listens(of c: ScriptCommand, imageListens: [Int]) -> [(Int, String?, String)] {
        guard let program = c.program else { return [] }
        var result: [(Int, String?, String)] = []
        switch program {
        case "nc", "ncat", "netcat":
            guard isListening(c) else { break }
            if let p = c.value(of: ["-p", "--source-port"]).flatMap(port) { result.append((p, nil, program)); break }
            // `-lp 8080`: the port follows a bundle ending in p
            let args = Array(c.arguments)
            if let k = args.firstIndex(where: { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.hasSuffix("p") }), k + 1 < args.count,
               let p = port(args[k + 1]) {
                result.append((p, nil, program)); break
            }
            let ops = operands(c, valueFlags: ["-w", "-i", "-q", "-s", "-e", "-c", "--max-conns", "--sh-exec", "--exec", "-m"])
            if let p = ops.last.flatMap(port) { result.append((p, ops.count >= 2 ? ops[ops.count - 2] : nil, program)) }
        case "socat":
            for address in c.arguments { if let p = socatListenPort(address) { result.append((p, nil, program)) } }
        case "httpd":
            if let value = c.value(of: ["-p"]), let (host, p) = listenAddress(value) { result.append((p, host, program)) }
            else if c.value(of: ["-p"]) == nil { result.append((80, nil, program)) }
        case "python", "python2", "python3":
            guard c.arguments.contains("http.server") || c.arguments.contains("SimpleHTTPServer") else { break }
            let ops = operands(c, valueFlags: ["-m", "-b", "--bind", "-d", "--directory", "-p", "--protocol"])
            result.append((ops.compactMap(port).first ?? 8000, c.value(of: ["-b", "--bind"]), program))
        case "nginx", "nginx-debug":
            if outcome(of: c) != .finishes(.finishes) { result += (imageListens.isEmpty ? [80] : imageListens).map { ($0, nil, "nginx") } }
        case "redis-server":
            result.append((c.value(of: ["--port"]).flatMap(port) ?? 6379, c.value(of: ["--bind"]), program))
        case "cadvisor":
            result.append((c.value(of: ["-port", "--port"]).flatMap(port) ?? 8080, nil, program))
        case "node_exporter", "nginx-prometheus-exporter", "redis_exporter", "statsd_exporter", "blackbox_exporter", "json_exporter",
             "prometheus":
            let defaults = exporterPorts
            if let value = c.value(of: ["--web.listen-address", "-web.listen-address"]), let (host, p) = listenAddress(value) {
                result.append((p, host, program))
            } else if let p = defaults[program] {
                result.append((p, nil, program))
            }
        default:
            // `--listen=:8080`, `--bind 0.0.0.0:9000`, `--listen-port 8080`
            let args = c.arguments
            guard !c.traits.contains(.returns) else { break }
            for k in args.indices where args[k].hasPrefix("-") {
                let word = args[k]
                let equals = word.firstIndex(of: "=")
                let flag = equals.map { String(word[..<$0]) } ?? word
                guard asciiContains(flag, "listen") || asciiContains(flag, "bind") || flag == "--port" || flag == "-port" else { continue }
                let value: String? = word.utf8.contains(UInt8(ascii: "=")) ? String(word[word.index(after: equals ?? word.startIndex)...])
                    : (k + 1 < args.endIndex ? args[k + 1] : nil)
                if let value, let (host, p) = listenAddress(value) { result.append((p, host, program)) }
            }
        }
        return result
    }

    /// Where a command connects: (host, port, how, the text it was read from).
    static func connects(of c: ScriptCommand) -> [(String, Int?, String, String)] {
        guard let program = c.program else { return [] }
        var result: [(String, Int?, String, String)] = []
        switch program {
        case "nc", "ncat", "netcat":
            guard !isListening(c) else { return [] }
            let ops = operands(c, valueFlags: ["-w", "-i", "-q", "-s", "-p", "-e", "-c", "-x", "-X", "-W", "-T", "-I", "-O", "-V", "-M",
                                               "-m", "--wait", "--sh-exec", "--exec", "--proxy", "--source"])
            if ops.count >= 2 { result.append((ops[0], port(ops[1]), program, ops[0] + " " + ops[1])) }
            else if ops.count == 1, let (host, p) = hostPort(ops[0]) { result.append((host, p, program, ops[0])) }
            return result
        case "telnet":
            let ops = operands(c, valueFlags: ["-l", "-b", "-e", "-n"])
            if let host = ops.first { result.append((host, ops.count > 1 ? port(ops[1]) : 23, program, ops.prefix(2).joined(separator: " "))) }
            return result
        case "redis-cli":
            if let url = c.value(of: ["-u"]), let (host, p) = parseURL(url) { return [(host, p, program, url)] }
            let host = c.value(of: ["-h"]) ?? "127.0.0.1"
            let p = c.value(of: ["-p"]).flatMap(port) ?? (c.value(of: ["-p"]) == nil ? 6379 : nil)
            return [(host, p, program, "-h \(host) -p \(c.value(of: ["-p"]) ?? "6379")")]
        case "mysql", "mysqladmin":
            guard let host = c.value(of: ["-h", "--host"]) else { return [] }
            return [(host, c.value(of: ["-P", "--port"]).flatMap(port) ?? 3306, program, "-h " + host)]
        case "psql":
            if let host = c.value(of: ["-h", "--host"]) {
                return [(host, c.value(of: ["-p", "--port"]).flatMap(port) ?? 5432, program, "-h " + host)]
            }
        case "socat":
            for address in c.arguments { if let (host, p) = socatConnect(address) { result.append((host, p, program, address)) } }
            return result
        case "curl", "wget":
            let ops = operands(c, valueFlags: ["-o", "-O", "-X", "-H", "-d", "--data", "-u", "-m", "--max-time", "--connect-timeout",
                                               "-w", "-A", "-e", "-x", "-T", "-t", "--timeout", "-P", "-U", "--header", "--output",
                                               "--output-document", "-b", "-c", "-F", "--retry", "-r", "--user"])
            for op in ops {
                if let (host, p) = parseURL(op) { result.append((host, p, program, op)) }
                else if let (host, p) = hostPort(op) { result.append((host, p, program, op)) }
                else if isHostName(op) { result.append((op, 80, program, op)) }
            }
            return result
        default:
            break
        }
        // Any other program (not a shell builtin nor a file tool, not envoy whose config is read
        // as such): URLs and host:port in its words, and --host/--port pairs.
        guard !c.traits.contains(.returns), program != "envoy" else { return [] }
        for word in c.arguments {
            result += scan(word).map { ($0.0, $0.1, program, $0.2) }
        }
        if let host = c.value(of: ["--host", "--hostname", "-host", "--address", "--server"]), isHostName(host) || host.utf8.contains(UInt8(ascii: "$")),
           !result.contains(where: { $0.0 == host }) {
            result.append((host, c.value(of: ["--port", "-port", "-p", "-P"]).flatMap(port), program, host))
        }
        return result
    }

    /// URLs (`http://h:p/x`, default ports by scheme) and `host:port` tokens in a text.
    static func scan(_ text: String) -> [(String, Int?, String)] {
        guard text.withUTF8Bytes({ $0.contains(UInt8(ascii: ":")) }) else { return [] }
        var result: [(String, Int?, String)] = []
        var token = ""
        func flush() {
            defer { token = "" }
            guard token.utf8.contains(UInt8(ascii: ":")) else { return }
            if let (host, p) = parseURL(token) { result.append((host, p, token)) }
            else if let (host, p) = hostPort(token) { result.append((host, p, token)) }
        }
        for c in text.unicodeScalars.prefix(20_000) {
            if c == " " || c == "\t" || c == "\n" || c == "'" || c == "\"" || c == "," || c == ";" || c == "=" || c == "(" || c == ")" || c == "|" {
                flush()
            } else {
                token.unicodeScalars.append(c)
            }
        }
        flush()
        return result
    }

    static let defaultPorts: [String: Int] = [
        "http": 80, "https": 443, "ws": 80, "wss": 443, "redis": 6379, "rediss": 6379, "postgres": 5432,
        "postgresql": 5432, "mysql": 3306, "mongodb": 27017, "amqp": 5672, "grpc": 80, "tcp": 0, "memcached": 11211,
    ]

    /// Whether `text` holds `needle`, ASCII letters compared without case (cheaper than
    /// `String.contains(_:)` on the hot path).
    /// With `skippingSpaces`, the text is read as if it had no spaces (`daemon off;` holds `daemonoff`).
    static func asciiContains(_ text: String, _ needle: String, skippingSpaces: Bool = false) -> Bool {
        withBytes(text, needle) { t, n in
            search(t, n, skipping: skippingSpaces ? UInt8(ascii: " ") : nil) { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        }
    }

    /// Whether `text` holds `needle`, byte for byte.
    static func contains(_ text: String, _ needle: String) -> Bool {
        withBytes(text, needle) { t, n in search(t, n) { $0 } }
    }

    /// The same over bytes (a spec file as loaded).
    static func contains(_ t: [UInt8], _ n: [UInt8]) -> Bool {
        t.withUnsafeBufferPointer { t in n.withUnsafeBufferPointer { n in search(t, n) { $0 } } }
    }

    /// Both strings' UTF-8 bytes in place: these searches run for every word of every
    /// command, and copying the strings into arrays first cost more than the search.
    private static func withBytes(_ text: String, _ needle: String,
                                  _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        text.withUTF8Bytes { t in needle.withUTF8Bytes { n in body(t, n) } }
    }

    /// Whether `n` occurs in `t`, each byte of `t` mapped by `fold` before it is compared, and
    /// the bytes equal to `skipped` (when given) left out of `t` (not out of `n`).
    private static func search(_ t: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>, skipping skipped: UInt8? = nil,
                               _ fold: (UInt8) -> UInt8) -> Bool {
        guard !n.isEmpty else { return true }
        guard let skipped else {
            guard t.count >= n.count else { return false }
            for start in 0...(t.count - n.count) where fold(t[start]) == n[0] {
                var k = 1
                while k < n.count, fold(t[start + k]) == n[k] { k += 1 }
                if k == n.count { return true }
            }
            return false
        }
        for start in t.indices where t[start] != skipped && fold(t[start]) == n[0] {
            var (j, k) = (start + 1, 1)
            while k < n.count, j < t.count {
                if t[j] == skipped { j += 1; continue }
                guard fold(t[j]) == n[k] else { break }
                j += 1
                k += 1
            }
            if k == n.count { return true }
        }
        return false
    }

    static let exporterPorts: [String: Int] = ["node_exporter": 9100, "nginx-prometheus-exporter": 9113, "redis_exporter": 9121,
                                               "statsd_exporter": 9102, "blackbox_exporter": 9115, "json_exporter": 7979, "prometheus": 9090]

    /// `scheme://[user@]host[:port][/path]` → (host, port); the scheme's default port when none.
    static func parseURL(_ token: String) -> (String, Int?)? {
        guard let (schemeEnd, restStart) = schemeSeparator(token) else { return nil }
        let scheme = token[..<schemeEnd].lowercased()
        guard !scheme.isEmpty, scheme.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || "+-.".unicodeScalars.contains($0) || ("0"..."9").contains($0)) })
        else { return nil }
        var rest = token[restStart...]
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<slash] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        guard !rest.isEmpty else { return nil }
        var host = String(rest)
        var p: Int?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { p = port(String(after.dropFirst())) }
        } else if let colon = rest.lastIndex(of: ":") {
            host = String(rest[..<colon])
            p = port(String(rest[rest.index(after: colon)...]))
            if p == nil, !rest[rest.index(after: colon)...].contains("$") { return nil }
        }
        if p == nil, !host.utf8.contains(UInt8(ascii: "$")) { p = defaultPorts[scheme] }
        if p == 0 { p = nil }
        guard isHostName(host) || host.utf8.contains(UInt8(ascii: "$")) || host == "::1" else { return nil }
        return (host, p)
    }

    /// Where `://` is in a token: (end of the scheme, start of the rest).
    static func schemeSeparator(_ token: String) -> (String.Index, String.Index)? {
        let u = token.utf8
        var i = u.startIndex
        while i != u.endIndex {
            if u[i] == UInt8(ascii: ":") {
                let a = u.index(after: i)
                if a != u.endIndex, u[a] == UInt8(ascii: "/") {
                    let b = u.index(after: a)
                    if b != u.endIndex, u[b] == UInt8(ascii: "/") { return (i, u.index(after: b)) }
                }
            }
            i = u.index(after: i)
        }
        return nil
    }

    /// `host:port`, `[::1]:port`, `$HOST:$PORT` (kept symbolic).
    static func hostPort(_ token: String) -> (String, Int?)? {
        var t = Substring(token)
        if let slash = t.firstIndex(of: "/"), t.firstIndex(of: ":").map({ $0 < slash }) == true { t = t[..<slash] }
        if t.hasPrefix("[") {
            guard let close = t.firstIndex(of: "]") else { return nil }
            let host = String(t[t.index(after: t.startIndex)..<close])
            let after = t[t.index(after: close)...]
            guard after.hasPrefix(":"), let p = port(String(after.dropFirst())) else { return nil }
            return (host, p)
        }
        guard let colon = t.lastIndex(of: ":") else { return nil }
        let host = String(t[..<colon])
        let portText = String(t[t.index(after: colon)...])
        if let p = port(portText), isHostName(host) || (host.hasPrefix("$") && !host.dropFirst().utf8.contains(UInt8(ascii: "$"))) { return (host, p) }
        if portText.hasPrefix("$"), isHostName(host), host.contains(where: \.isLetter) { return (host, nil) }
        return nil
    }

    /// A DNS name or IPv4 address with at least one letter or a dotted quad.
    static func isHostName(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        var letters = false
        var dots = 0
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): letters = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): break
            case UInt8(ascii: "."): dots += 1
            default: return false
            }
        }
        guard let first = text.utf8.first, let last = text.utf8.last, first != UInt8(ascii: "-"), first != UInt8(ascii: "."),
              last != UInt8(ascii: "."), last != UInt8(ascii: "-") else { return false }
        return letters || dots == 3
    }
}
