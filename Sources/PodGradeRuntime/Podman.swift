#if canImport(Glibc)
import Glibc
#endif

/// Pods run by podman (`podman kube play`), with no network but the Pod's own localhost.
///
/// What podman is told comes from its own configuration; on machines where it needs settings
/// (a cgroup manager, a runtime, lower ulimits), `CONTAINERS_CONF` names the file, as podman
/// reads it. Everything a Pod gets is named after the Pod, so that two runs never collide.
public struct Podman: PodRuntime {
    /// The podman program.
    public let program: String
    /// Seconds any one podman call may take.
    public let callTimeout: Double

    public init(program: String = "podman", callTimeout: Double = 60) {
        self.program = program
        self.callTimeout = callTimeout
    }

    func podman(_ args: [String], timeout: Double? = nil) -> CommandResult {
        Subprocess.run([program] + args, timeout: timeout ?? callTimeout)
    }

    public func unavailable() -> String? {
        let version = podman(["version", "--format", "{{.Client.Version}}"], timeout: 20)
        if version.status == -1 { return "podman is not installed (it runs the Pod: apt-get install podman)" }
        guard version.succeeded else { return "podman does not answer: " + Self.firstLine(version.stderr) }
        return nil
    }

    public func start(_ manifest: String, name: String, timeout: Double) throws(RuntimeError) -> RunningPod {
        let path = try Self.temporaryFile(manifest)
        defer { unlink(path) }
        // `kube play` waits for the init containers: one that never ends would hold it for ever.
        let played = podman(["kube", "play", "--network", "none", path], timeout: timeout)
        // A container that cannot start makes `kube play` fail, and the Pod is there all the same.
        guard podman(["pod", "exists", name]).succeeded else {
            throw RuntimeError("podman kube play: " + Self.firstLine(played.stderr.isEmpty ? played.stdout : played.stderr))
        }
        var volumes: [String: String] = [:]
        for line in podman(["volume", "ls", "--format", "{{.Name}}"]).stdout.split(separator: "\n") where line.hasPrefix(name + "-") {
            volumes[String(line.dropFirst(name.count + 1))] = String(line)
        }
        // "starting container ID: ... executable file not found in $PATH ...": what could not start, and why.
        var failures: [String: String] = [:]
        for line in (played.stderr + "\n" + played.stdout).split(separator: "\n") where line.hasPrefix("starting container ") {
            let rest = line.dropFirst("starting container ".count)
            guard let colon = rest.firstIndex(of: ":") else { continue }
            failures[String(rest[..<colon])] = String(rest[rest.index(after: colon)...]).trimmingCharacters(in: " ")
        }
        return RunningPod(name: name, volumes: volumes, startFailures: failures)
    }

    public func observe(_ pod: RunningPod) -> PodObservation {
        let ids = podman(["pod", "inspect", pod.name, "--format", "{{range .Containers}}{{.ID}} {{end}}"]).stdout
            .split(separator: " ").map(String.init).filter { !$0.isEmpty }
        var containers: [ContainerObservation] = []
        var infraPid: Int32 = 0
        if !ids.isEmpty {
            let format = "{{.Name}}\t{{.State.Status}}\t{{.State.ExitCode}}\t{{.RestartCount}}\t{{.State.Pid}}\t{{.IsInfra}}\t{{.ID}}"
            for line in podman(["inspect", "--format", format] + ids).stdout.split(separator: "\n") {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard f.count == 7 else { continue }
                if f[5] == "true" { infraPid = Int32(f[4]) ?? 0; continue }
                let name = f[0].hasPrefix(pod.name + "-") ? String(f[0].dropFirst(pod.name.count + 1)) : f[0]
                let failure = pod.startFailures[f[6]]
                let state: ContainerObservation.State
                switch f[1] {
                case "running", "paused": state = .running
                case "exited", "stopped": state = failure == nil ? .ended : .failedToStart
                default: state = failure == nil ? .waiting : .failedToStart
                }
                let logs = podman(["logs", "--tail", "40", f[0]], timeout: 20)
                let output = (logs.stdout + logs.stderr).split(separator: "\n").suffix(40).map(String.init)
                containers.append(ContainerObservation(name: name, state: state, exitCode: Int(f[2]) ?? 0, restarts: Int(f[3]) ?? 0,
                                                       output: output, reason: failure))
            }
        }
        var files: [String: [String]] = [:]
        for (volume, runtimeName) in pod.volumes {
                let mountpoint = podman(["volume", "inspect", runtimeName, "--format", "{{.Mountpoint}}"]).stdout
                .trimmingCharacters(in: " \n")
            files[volume] = mountpoint.isEmpty ? [] : Self.files(under: mountpoint)
        }
        return PodObservation(containers: containers, listeningPorts: infraPid > 0 ? Self.listeningPorts(pid: infraPid) : [], volumeFiles: files)
    }

    public func exec(_ pod: RunningPod, container: String, _ argv: [String], timeout: Double) -> CommandResult {
        podman(["exec", pod.name + "-" + container] + argv, timeout: timeout)
    }

    public func remove(_ pods: [RunningPod]) {
        guard !pods.isEmpty else { return }
        // Killed first: `pod rm --force` alone waits on each container's stop, ten times slower here.
        _ = podman(["pod", "kill"] + pods.map(\.name), timeout: 120)
        _ = podman(["pod", "rm", "--force", "--time", "0"] + pods.map(\.name), timeout: 120)
        let volumes = pods.flatMap(\.volumes.values).sorted()
        if !volumes.isEmpty { _ = podman(["volume", "rm", "--force"] + volumes) }
    }

    public func read(_ pod: RunningPod, volume: String, path: String) -> String? {
        guard let runtimeName = pod.volumes[volume] else { return nil }
        let mountpoint = podman(["volume", "inspect", runtimeName, "--format", "{{.Mountpoint}}"]).stdout.trimmingCharacters(in: " \n")
        // Inside the volume only: no `..` climbs out of it.
        let parts = path.split(separator: "/").filter { $0 != "." }
        guard !mountpoint.isEmpty, !parts.contains("..") else { return nil }
        // A container may have left a link to anywhere: only a file that really is in the volume is read.
        guard let root = Self.realPath(mountpoint), let file = Self.realPath(mountpoint + "/" + parts.joined(separator: "/")),
              file.hasPrefix(root + "/") else { return nil }
        return Self.readText(file)
    }

    public func exists(_ pod: RunningPod) -> Bool {
        podman(["pod", "exists", pod.name]).succeeded
    }

    public func hasImage(_ reference: String) -> Bool {
        podman(["image", "exists", reference]).succeeded
    }

    public func pull(_ reference: String) -> CommandResult {
        podman(["pull", reference], timeout: 600)
    }

    // MARK: - Reading the host

    /// Ports in LISTEN state (0A) in the network namespace of process `pid`.
    static func listeningPorts(pid: Int32) -> Set<Int> {
        var ports = Set<Int>()
        for table in ["tcp", "tcp6"] {
            if let text = readText("/proc/\(pid)/net/\(table)") { ports.formUnion(listeningPorts(table: text)) }
        }
        return ports
    }

    /// The local ports of the sockets in LISTEN state of a `/proc/net/tcp` or `tcp6` table.
    static func listeningPorts(table text: String) -> Set<Int> {
        var ports = Set<Int>()
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            guard fields.count > 3, fields[3] == "0A", let colon = fields[1].lastIndex(of: ":"),
                  let port = Int(fields[1][fields[1].index(after: colon)...], radix: 16) else { continue }
            ports.insert(port)
        }
        return ports
    }

    /// Regular files below `root`, relative, sorted; at most 1,000 of them and 8 levels deep.
    static func files(under root: String) -> [String] {
        var found: [String] = []
        func walk(_ dir: String, _ prefix: String, depth: Int) {
            guard depth < 8, found.count < 1000, let handle = opendir(dir) else { return }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafePointer(to: entry.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
                if name == "." || name == ".." { continue }
                let path = dir + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    walk(path, prefix + name + "/", depth: depth + 1)
                } else if (info.st_mode & S_IFMT) == S_IFREG {
                    found.append(prefix + name)
                }
            }
        }
        walk(root, "", depth: 0)
        return found.sorted()
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A file of the host (at most `Subprocess.outputLimit` bytes of it), nil when it cannot be read.
    public static func readText(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while bytes.count < Subprocess.outputLimit {
            let n = Glibc.read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func temporaryFile(_ text: String) throws(RuntimeError) -> String {
        var template = Array(((getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp") + "/podgrade-pod-XXXXXX.json").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemps(base, 5)
        }
        guard fd >= 0 else { throw RuntimeError("cannot write a temporary file: " + String(cString: strerror(errno))) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw RuntimeError("cannot write a temporary file: " + String(cString: strerror(errno))) }
            written += n
        }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n").first { !$0.trimmingCharacters(in: " ").isEmpty } ?? "")
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
