/// Pods of the kinds learners write, generated from a small grammar with a seed: loops,
/// redirections, `&`, `cd`, variables, `exec`, `tee`, `tail -f/-F`, `cat`, `nc`, `httpd`,
/// `wget`, read-only mounts, subPath, two or three containers, ports declared or not.
///
/// Each process prints markers the oracle reads back: a writer writes `MARK-<name>` lines,
/// a client prints `CONNECT-OK-<port>` or `CONNECT-FAIL-<port>` after each try.
struct Grammar {
    /// xorshift64*: the same seed gives the same Pods on every machine.
    struct Random {
        var state: UInt64
        init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
        mutating func chance(_ p: Double) -> Bool { Double(next() % 10_000) / 10_000 < p }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    struct Mount {
        let volume: String
        let path: String
        var subPath: String? = nil
        var readOnly = false
    }

    struct ContainerText {
        let name: String
        var image = "busybox:1.36"
        var command: [String]
        var args: [String]? = nil
        var env: [(String, String)] = []
        var mounts: [Mount] = []
        var ports: [Int] = []
        var workingDir: String? = nil
    }

    static let images = ["busybox", "busybox:1.36", "busybox:latest", "docker.io/library/busybox:1.36"]

    /// The Pod's YAML.
    static func yaml(name: String, containers: [ContainerText], volumes: [String]) -> String {
        var y = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \(name)\nspec:\n  containers:\n"
        for c in containers {
            y += "  - name: \(c.name)\n    image: \(c.image)\n"
            y += "    command: [" + c.command.map(quote).joined(separator: ", ") + "]\n"
            if let args = c.args { y += "    args: [" + args.map(quote).joined(separator: ", ") + "]\n" }
            if let dir = c.workingDir { y += "    workingDir: \(dir)\n" }
            if !c.env.isEmpty {
                y += "    env:\n"
                for (k, v) in c.env { y += "    - name: \(k)\n      value: \(quote(v))\n" }
            }
            if !c.ports.isEmpty {
                y += "    ports:\n"
                for p in c.ports { y += "    - containerPort: \(p)\n" }
            }
            if !c.mounts.isEmpty {
                y += "    volumeMounts:\n"
                for m in c.mounts {
                    y += "    - name: \(m.volume)\n      mountPath: \(m.path)\n"
                    if let s = m.subPath { y += "      subPath: \(s)\n" }
                    if m.readOnly { y += "      readOnly: true\n" }
                }
            }
        }
        if !volumes.isEmpty {
            y += "  volumes:\n"
            for v in volumes { y += "  - name: \(v)\n    emptyDir: {}\n" }
        }
        return y
    }

    static func quote(_ s: String) -> String {
        "\"" + s.replacingAll("\\", "\\\\").replacingAll("\"", "\\\"").replacingAll("\n", "\\n") + "\""
    }

    /// One Pod: a scenario with its variations.
    static func pod(_ index: Int, _ r: inout Random) -> String {
        let name = "orc-\(index)"
        switch r.below(6) {
        case 0, 1: return dataPod(name, &r)
        case 2, 3: return networkPod(name, &r)
        case 4: return lifecyclePod(name, &r)
        default: return mixedPod(name, &r)
        }
    }

    // MARK: - Scenarios

    /// A writer and a reader (sometimes a second reader) on a shared emptyDir.
    static func dataPod(_ name: String, _ r: inout Random) -> String {
        let dir = r.pick(["/shared", "/data", "/var/log/app", "/work"])
        let file = r.pick(["data.txt", "app.log", "out/log.txt", "status"])
        var writer = writerContainer("writer", dir: dir, file: file, &r)
        let readerDir = r.chance(0.8) ? dir : r.pick(["/in", "/mnt/shared"])
        var readPath = readerDir + "/" + file
        var readerMount = Mount(volume: "shared", path: readerDir, readOnly: r.chance(0.4))
        switch r.below(10) {
        case 0:
            readPath = readerDir + "/other.txt" // reads what nobody writes
        case 1:
            // The writer's mount is a subPath of the volume; the reader sees the whole volume.
            writer.mounts[0].subPath = "logs"
            readPath = readerDir + "/logs/" + file
        case 2:
            // Both mount the same subPath.
            writer.mounts[0].subPath = "logs"
            readerMount.subPath = "logs"
        case 3:
            // The reader mounts another part of the volume: it never sees the file.
            writer.mounts[0].subPath = "a"
            readerMount.subPath = "b"
        default:
            break
        }
        var reader = readerContainer("reader", path: readPath, &r)
        reader.mounts = [readerMount]
        var containers = [writer, reader]
        if r.chance(0.25) {
            var second = readerContainer("reader2", path: dir + "/" + file, &r)
            // Sometimes without the volume: it reads its own, empty filesystem.
            second.mounts = r.chance(0.8) ? [Mount(volume: "shared", path: dir, subPath: writer.mounts[0].subPath, readOnly: true)] : []
            containers.append(second)
        }
        if r.chance(0.2) { containers.reverse() }
        return yaml(name: name, containers: containers, volumes: ["shared"])
    }

    /// A server and a client on localhost, the server's port declared or not.
    static func networkPod(_ name: String, _ r: inout Random) -> String {
        let port = r.pick([80, 8080, 9000, 9113, 3000])
        var server = serverContainer("server", port: port, &r)
        if r.chance(0.5) { server.ports = [r.chance(0.8) ? port : port + 1] }
        let target = r.chance(0.8) ? port : r.pick([port + 1, 6379])
        var client = clientContainer("client", port: target, &r)
        if r.chance(0.2) { client.ports = [r.pick([9100, port])] }
        var containers = [server, client]
        if r.chance(0.25) {
            // A second server: on another port, or on the same one (it cannot bind).
            containers.append(serverContainer("second", port: r.chance(0.5) ? port : port + 10, &r))
        }
        if r.chance(0.2) { containers.reverse() }
        return yaml(name: name, containers: containers, volumes: [])
    }

    /// Containers that keep running, end, or cannot start.
    static func lifecyclePod(_ name: String, _ r: inout Random) -> String {
        var containers: [ContainerText] = []
        for k in 0..<(2 + r.below(2)) {
            let c: ContainerText
            switch r.below(9) {
            case 0: c = ContainerText(name: "c\(k)", command: ["sleep", r.pick(["3600", "infinity", "1d", "1000"])])
            case 1: c = ContainerText(name: "c\(k)", command: ["sh", "-c", r.pick(["echo hello", "sleep 1", "true", "date; exit 0", "exit 3"])])
            case 2: c = ContainerText(name: "c\(k)", command: ["sh", "-c", r.pick(["while true; do date; sleep 1; done", "while :; do sleep 2; done",
                                                                              "until false; do sleep 1; done", "tail -f /dev/null"])])
            case 3: c = ContainerText(name: "c\(k)", command: [r.pick(["bash", "/bin/bash"]), "-c", "sleep 3600"])
            case 4: c = ContainerText(name: "c\(k)", command: ["sh", "-c", "exec sleep 3600"])
            case 5: c = ContainerText(name: "c\(k)", command: ["sh", "-c"], args: [r.pick(["(sleep 3600) & wait", "sleep 3600 & sleep 1", "trap 'exit 0' TERM; sleep 3600 & wait"])])
            case 6: c = ContainerText(name: "c\(k)", command: ["sh", "-c", r.pick(["for i in 1 2 3; do echo $i; done", "echo start; sleep 2; echo stop"])])
            case 7: c = ContainerText(name: "c\(k)", command: ["sh", "-c", "while true; do curl -s http://localhost:80/ || true; sleep 1; done"])
            default: c = ContainerText(name: "c\(k)", command: ["sh", "-c", "set -e; false; sleep 3600"])
            }
            containers.append(c)
        }
        return yaml(name: name, containers: containers, volumes: [])
    }

    /// A web server whose page a helper writes, and a client of it.
    static func mixedPod(_ name: String, _ r: inout Random) -> String {
        let port = r.pick([8080, 80, 8000])
        let www = r.pick(["/www", "/srv/html"])
        var server = ContainerText(name: "web", command: ["httpd", "-f", "-p", String(port), "-h", www])
        server.mounts = [Mount(volume: "html", path: www, readOnly: r.chance(0.7))]
        if r.chance(0.5) { server.ports = [port] }
        var updater = ContainerText(name: "updater", command: ["sh", "-c", "while true; do echo \"MARK-updater $(date)\" > \(www)/index.html; sleep 1; done"])
        updater.mounts = [Mount(volume: "html", path: www, readOnly: r.chance(0.15))]
        var client = clientContainer("probe", port: r.chance(0.85) ? port : port + 1, &r)
        client.mounts = []
        return yaml(name: name, containers: [server, updater, client], volumes: ["html"])
    }

    // MARK: - Containers

    static func writerContainer(_ name: String, dir: String, file: String, _ r: inout Random) -> ContainerText {
        let path = dir + "/" + file
        let parent = file.contains("/") ? "mkdir -p \(dir)/\(file.split(separator: "/").dropLast().joined(separator: "/")); " : ""
        let line = "echo MARK-\(name) $(date)"
        var c = ContainerText(name: name, image: r.pick(images), command: ["sh", "-c"])
        switch r.below(9) {
        case 0: c.command = ["sh", "-c", parent + "while true; do \(line) >> \(path); sleep 1; done"]
        case 1: c.command = ["sh", "-c"]; c.args = [parent + "while true; do\n  \(line) | tee -a \(path)\n  sleep 1\ndone"]
        case 2: c.command = ["sh", "-c", parent + "cd \(dir) && while true; do \(line) >> \(file); sleep 1; done"]
        case 3: c.command = ["sh", "-c", parent + "F=\(path); while :; do \(line) >> $F; sleep 1; done"]
        case 4: c.env = [("OUT", path)]; c.command = ["sh", "-c", parent + "while true; do \(line) >> $(OUT); sleep 1; done"]
        case 5: c.env = [("OUT", path)]; c.command = ["sh", "-c", parent + "while true; do \(line) >> \"$OUT\"; sleep 1; done"]
        case 6: c.workingDir = dir; c.command = ["sh", "-c", parent + "while true; do \(line) >> ./\(file); sleep 1; done"]
        case 7: c.command = ["sh", "-c", parent + "\(line) > \(path)"] // writes once and ends
        default: c.command = ["sh", "-c", parent + "(while true; do \(line); sleep 1; done) > \(path) & exec sleep 3600"]
        }
        c.mounts = [Mount(volume: "shared", path: dir, readOnly: r.chance(0.12))]
        return c
    }

    static func readerContainer(_ name: String, path: String, _ r: inout Random) -> ContainerText {
        var c = ContainerText(name: name, image: r.pick(images), command: ["sh", "-c"])
        switch r.below(5) {
        case 0: c.command = ["tail", "-F", path]
        case 1: c.command = ["sh", "-c", "tail -F \(path)"]
        case 2: c.command = ["sh", "-c", "until [ -f \(path) ]; do sleep 1; done; tail -f \(path)"]
        case 3: c.command = ["sh", "-c", "while true; do cat \(path) 2>/dev/null; sleep 1; done"]
        default: c.command = ["sh", "-c", "while true; do tail -n 3 \(path) 2>/dev/null; sleep 1; done"]
        }
        return c
    }

    static func serverContainer(_ name: String, port: Int, _ r: inout Random) -> ContainerText {
        var c = ContainerText(name: name, image: r.pick(images), command: ["sh", "-c"])
        switch r.below(5) {
        case 0: c.command = ["httpd", "-f", "-p", String(port)]
        case 1: c.command = ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && httpd -f -p \(port) -h /www"]
        case 2: c.command = ["sh", "-c", "httpd -p \(port); while true; do sleep 5; done"]
        case 3: c.command = ["sh", "-c", "httpd -p \(port) -h /tmp && exec sleep 3600"]
        default: c.command = ["sh", "-c", "nc -l -p \(port) -e cat & exec sleep 3600"]
        }
        return c
    }

    static func clientContainer(_ name: String, port: Int, _ r: inout Random) -> ContainerText {
        // The model reads localhost and 127.0.0.1 alike; busybox-static's wget cannot resolve `localhost`
        // (static glibc has no name service), so the clients that really run use the address.
        let host = "127.0.0.1"
        let check = "wget -q -O- http://\(host):\(port)/ 2>&1 | grep -q refused && echo CONNECT-FAIL-\(port) || echo CONNECT-OK-\(port)"
        var c = ContainerText(name: name, image: r.pick(images), command: ["sh", "-c"])
        switch r.below(3) {
        case 0: c.command = ["sh", "-c", "while true; do \(check); sleep 1; done"]
        case 1: c.command = ["sh", "-c"]; c.args = ["sleep 1\nwhile true; do\n  \(check)\n  sleep 1\ndone"]
        default: c.env = [("TARGET", "http://\(host):\(port)/")]
            c.command = ["sh", "-c", "while true; do wget -q -O- $(TARGET) 2>&1 | grep -q refused && echo CONNECT-FAIL-\(port) || echo CONNECT-OK-\(port); sleep 1; done"]
        }
        return c
    }
}

extension String {
    /// The string with every `target` character replaced (no Foundation here).
    func replacingAll(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
