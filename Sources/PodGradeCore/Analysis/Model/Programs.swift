/// What well-known programs do, read from one `ScriptCommand`: whether they return,
/// which files they write and read, which ports they listen on, where they connect.
enum Programs {
    /// `sleep` for at least this many seconds keeps a container running (as the
    /// `container.long-running` rule has always counted it).
    static let longSleep = 300.0

    static let servers: Set<String> = [
        "nginx-debug", "redis-server", "envoy", "haproxy", "fluentd", "fluent-bit", "td-agent-bit", "filebeat", "logstash",
        "promtail", "vector", "otelcol", "otelcol-contrib", "node_exporter", "cadvisor", "nginx-prometheus-exporter", "redis_exporter",
        "statsd_exporter", "blackbox_exporter", "json_exporter", "prometheus", "mysqld", "mariadbd", "postgres", "mongod",
        "memcached", "rabbitmq-server", "httpd-foreground", "apache2-foreground", "caddy", "traefik", "node", "java", "gunicorn",
        "uvicorn", "php-fpm", "dotnet", "event-simulator", "http-server", "sshd", "dockerd", "kube-proxy", "consul", "vault",
        "etcd", "coredns", "squid", "varnishd", "tinyproxy", "minio",
    ]
    static let runsUntilStopped: Set<String> = ["yes", "top", "watch", "htop", "journalctl"]
    static let returns: Set<String> = [
        "echo", "printf", "date", "touch", "mkdir", "cp", "mv", "rm", "ln", "ls", "cat", "head", "grep", "egrep", "fgrep", "sed",
        "awk", "wget", "curl", "chmod", "chown", "set", "cd", "test", "[", "[[", "true", "false", ":", "export", "read", "hostname",
        "env", "printenv", "apk", "apt-get", "apt", "yum", "dnf", "pip", "pip3", "sysctl", "redis-cli", "mysql", "mysqladmin", "psql",
        "nslookup", "dig", "host", "telnet", "tee", "wc", "sort", "uniq", "cut", "tr", "jq", "whoami", "id", "uname", "uptime",
        "df", "free", "ps", "seq", "tar", "gzip", "gunzip", "unzip", "find", "xargs", "basename", "dirname", "stat", "du",
        "mount", "umount", "chgrp", "rmdir", "install", "dd", "base64", "md5sum", "sha256sum", "openssl", "trap", "unset", "shift",
        "local", "readonly", "declare", "source", ".", "eval", "logger", "kill", "nc", "ncat", "netcat", "socat", "nginx",
        "httpd", "python", "python3", "return", "break", "continue", "let", "expr", "usleep", "ping", "wait", "exit", "ulimit",
        "umask", "getent", "sync", "fortune", "cowsay", "figlet", "xbstream", "xtrabackup", "tail",
    ]
    /// Programs whose output goes to standard output.
    static let printers: Set<String> = [
        "echo", "printf", "date", "cat", "tail", "head", "grep", "egrep", "fgrep", "sed", "awk", "ls", "env", "printenv",
        "hostname", "uptime", "df", "free", "ps", "yes", "seq", "wc", "sort", "uniq", "cut", "tr", "jq", "whoami", "id",
        "uname", "fortune", "cowsay", "figlet", "curl", "redis-cli", "nc", "ncat", "netcat", "cal", "base64", "md5sum",
        "sha256sum", "top", "vmstat", "iostat", "netstat", "ss", "du", "find", "tac", "nl", "od", "xxd", "hexdump", "wget",
    ]
    static let fileReaders: Set<String> = ["cat", "tail", "head", "less", "more", "wc", "sort", "uniq", "cut", "tac", "nl", "od",
                                           "md5sum", "sha256sum", "jq", "xxd", "hexdump", "base64", "source", ".", "ls", "find", "strings"]
    static let patternFirst: Set<String> = ["grep", "egrep", "fgrep", "awk", "sed"]
    static let logShippers: Set<String> = ["fluentd", "fluent-bit", "td-agent-bit", "filebeat", "logstash", "promtail", "vector",
                                           "otelcol", "otelcol-contrib", "td-agent"]

    // MARK: - Lifecycle

    static func outcome(of c: ScriptCommand) -> ScriptOutcome {
        guard let program = c.program else { return .finishes(.finishes) }
        switch program {
        case "sleep":
            guard let arg = c.arguments.first(where: { !$0.hasPrefix("-") }) else { return .finishes(.shortSleep(seconds: 0)) }
            if arg == "infinity" || arg == "inf" { return .blocks(.sleepsForever) }
            guard let seconds = seconds(arg) else { return .unknown(.unknownProgram("sleep " + arg)) }
            let whole = seconds >= Double(Int.max) ? Int.max : Int(seconds)
            return seconds >= longSleep ? .blocks(.longSleep(seconds: whole)) : .finishes(.shortSleep(seconds: whole))
        case "tail":
            if c.hasFlag("f", long: "--follow") || c.hasFlag("F") || c.arguments.contains(where: { $0.hasPrefix("--follow") }) {
                return .blocks(.follows(path: operands(c, valueFlags: ["-n", "-c", "--lines", "--bytes", "-s", "--pid"]).last ?? "-"))
            }
            return .finishes(.finishes)
        case "nginx":
            if c.hasFlag("t") || c.hasFlag("s") || c.hasFlag("v") || c.hasFlag("V") { return .finishes(.finishes) }
            if c.arguments.contains(where: { asciiContains($0, "daemonoff", skippingSpaces: true) }) { return .blocks(.server(program: "nginx")) }
            return .finishes(.daemonizes(program: "nginx"))
        case "httpd":
            if c.hasFlag("f") || c.arguments.contains("-DFOREGROUND") { return .blocks(.server(program: "httpd")) }
            return .finishes(.daemonizes(program: "httpd"))
        case "nc", "ncat", "netcat":
            guard isListening(c) else { return .finishes(.finishes) }
            return c.hasFlag("k", long: "--keep-open") ? .blocks(.server(program: program)) : .blocks(.serverOnce(program: program))
        case "socat":
            guard let listen = c.arguments.first(where: { socatListenPort($0) != nil }) else { return .finishes(.finishes) }
            return asciiContains(listen, "fork") ? .blocks(.server(program: "socat")) : .blocks(.serverOnce(program: "socat"))
        case "python", "python2", "python3":
            if c.arguments.contains("http.server") || c.arguments.contains("SimpleHTTPServer") { return .blocks(.server(program: program)) }
            return .unknown(.unknownProgram(program))
        case "ping":
            return c.value(of: ["-c", "-w"]) == nil ? .blocks(.runsUntilStopped(program: "ping")) : .finishes(.finishes)
        case "inotifywait":
            return c.hasFlag("m", long: "--monitor") ? .blocks(.runsUntilStopped(program: program)) : .finishes(.finishes)
        case "crond":
            return c.hasFlag("f") ? .blocks(.server(program: program)) : .finishes(.daemonizes(program: program))
        case "sh", "bash", "ash", "dash", "zsh", "ksh":
            // `sh /start.sh` runs a script podgrade cannot see; `sh` alone reads no input and ends.
            if let script = operands(c, valueFlags: ["-o", "+o"]).first { return .unknown(.unknownProgram(ScriptCommand.baseName(script))) }
            return .finishes(.finishes)
        case "exit":
            return .exits(.exitCommand)
        case "wait":
            return .finishes(.waitsForJobs)
        case "cat":
            // `cat` with no file reads its input: a pipe that never closes keeps it running.
            return .finishes(.finishes)
        default:
            let traits = c.traits
            if traits.contains(.server) { return .blocks(.server(program: program)) }
            if traits.contains(.runsUntilStopped) { return .blocks(.runsUntilStopped(program: program)) }
            if traits.contains(.returns) || traits.contains(.shell) { return .finishes(.finishes) }
            return .unknown(.unknownProgram(program))
        }
    }

    /// The tables above a program is in. Each command finds its program's once
    /// (`ScriptCommand.traits`): the model asks several tables of every command it reads.
    struct Traits: OptionSet, Sendable {
        let rawValue: UInt16
        static let server = Traits(rawValue: 1 << 0)
        static let runsUntilStopped = Traits(rawValue: 1 << 1)
        static let returns = Traits(rawValue: 1 << 2)
        static let shell = Traits(rawValue: 1 << 3)
        static let printer = Traits(rawValue: 1 << 4)
        static let fileReader = Traits(rawValue: 1 << 5)
        static let logShipper = Traits(rawValue: 1 << 6)
        /// Runs the rest of its words (`ShellRun.wrappers`).
        static let wrapper = Traits(rawValue: 1 << 7)
        /// Installs programs (`ImageFamilies.packageManagers`).
        static let packageManager = Traits(rawValue: 1 << 8)
    }

    private static let traitsByProgram: [String: Traits] = {
        var table: [String: Traits] = [:]
        let tables: [(Set<String>, Traits)] = [(servers, .server), (runsUntilStopped, .runsUntilStopped), (returns, .returns),
                                               (Shell.shells, .shell), (printers, .printer), (fileReaders, .fileReader),
                                               (logShippers, .logShipper), (ShellRun.wrappers, .wrapper),
                                               (ImageFamilies.packageManagers, .packageManager)]
        for (programs, trait) in tables {
            for program in programs { table[program, default: []].insert(trait) }
        }
        return table
    }()

    static func traits(of program: String) -> Traits { traitsByProgram[program] ?? [] }

    /// `1000`, `10m`, `2h`, `1d`, `1.5` in seconds.
    static func seconds(_ text: String) -> Double? {
        guard let last = text.utf8.last else { return nil }
        let multiplier: Double?
        switch last {
        case UInt8(ascii: "s"): multiplier = 1
        case UInt8(ascii: "m"): multiplier = 60
        case UInt8(ascii: "h"): multiplier = 3600
        case UInt8(ascii: "d"): multiplier = 86400
        default: multiplier = nil
        }
        if let multiplier, let value = Double(text.dropLast()), value >= 0 { return value * multiplier }
        guard let value = Double(text), value >= 0, value.isFinite else { return nil }
        return value
    }

    /// The words that are not flags nor the values of `valueFlags`.
    static func operands(_ c: ScriptCommand, valueFlags: [String]) -> [String] {
        var result: [String] = []
        var skip = false
        var afterDashes = false
        for word in c.arguments {
            if skip { skip = false; continue }
            if !afterDashes, word == "--" { afterDashes = true; continue }
            if !afterDashes, valueFlags.contains(word) { skip = true; continue }
            if !afterDashes, word.hasPrefix("-"), word.utf8.count > 1 { continue }
            result.append(word)
        }
        return result
    }
}
