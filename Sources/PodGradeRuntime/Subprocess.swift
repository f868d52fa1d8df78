#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// What a finished command left: its exit status and what it printed.
public struct CommandResult: Sendable {
    /// The exit status; 128 + N for a signal N; -1 when it could not be started.
    public let status: Int32
    public let stdout: String
    public let stderr: String
    /// Ended by the time limit.
    public let timedOut: Bool

    public var succeeded: Bool { status == 0 && !timedOut }
}

/// Runs a program with posix_spawn, no shell in between: arguments are never re-parsed.
public enum Subprocess {
    /// Output kept of each stream: a runaway container log must not fill the memory.
    public static let outputLimit = 1 << 20

    /// The children running now, so that an interrupt can end them before it cleans up
    /// (a `podman kube play` left running would create its Pod after the clean-up).
    private static let running = Mutex<Set<pid_t>>([])

    /// Kills every child still running (SIGKILL) and waits until they are gone.
    public static func killRunning() {
        let pids = running.withLock { $0 }
        for pid in pids { kill(pid, SIGKILL) }
        let deadline = now() + 5
        while now() < deadline && !running.withLock({ $0.isEmpty }) { usleep(20_000) }
    }

    /// Runs `argv` (looked up on PATH) with `environment` added to this process's own,
    /// waiting at most `timeout` seconds, then killing it.
    public static func run(_ argv: [String], environment: [String: String] = [:], timeout: Double = 60) -> CommandResult {
        guard !argv.isEmpty else { return CommandResult(status: -1, stdout: "", stderr: "no command", timedOut: false) }
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
            return CommandResult(status: -1, stdout: "", stderr: "pipe failed", timedOut: false)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }

        var env: [String: String] = [:]
        var e = environ
        while let entry = e.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") { env[String(text[..<eq])] = String(text[text.index(after: eq)...]) }
            e += 1
        }
        for (k, v) in environment { env[k] = v }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        var pid: pid_t = 0
        let spawned = running.withLock { pids -> Int32 in
            let result = posix_spawnp(&pid, argv[0], &actions, nil, cArgs, cEnv)
            if result == 0 { pids.insert(pid) }
            return result
        }
        close(outPipe[1])
        close(errPipe[1])
        guard spawned == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            return CommandResult(status: -1, stdout: "", stderr: "\(argv[0]): \(String(cString: strerror(spawned)))", timedOut: false)
        }

        var out: [UInt8] = [], err: [UInt8] = []
        var open: [Int32] = [outPipe[0], errPipe[0]]
        let deadline = now() + timeout
        var timedOut = false
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty {
            let left = deadline - now()
            if left <= 0 {
                timedOut = true
                kill(pid, SIGKILL)
                break
            }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(left, 1) * 1000))
            if ready < 0 && errno != EINTR { break }
            for entry in fds where entry.revents != 0 {
                let n = read(entry.fd, &buffer, buffer.count)
                if n <= 0 {
                    close(entry.fd)
                    open.removeAll { $0 == entry.fd }
                } else if entry.fd == outPipe[0] {
                    if out.count < outputLimit { out += buffer[0..<n] }
                } else if err.count < outputLimit {
                    err += buffer[0..<n]
                }
            }
        }
        for fd in open { close(fd) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        running.withLock { _ = $0.remove(pid) }
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return CommandResult(status: code, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
                             timedOut: timedOut)
    }

    /// Seconds on the monotonic clock.
    public static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
