import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import PodGradeCore
@_exported import PodGradeTestSupport

// Batch-test helpers: running the real binary with a process runner whose every
// wait is bounded, git daemon, fixtures. Repositories, temporary folders and
// fake servers come from PodGradeTestSupport, shared with PodGradeGitTests.


let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The real binary SwiftPM built beside the test bundle.
let podgradeBinary: String = {
    let products = Bundle.main.bundleURL
    let candidate = products.appendingPathComponent("podgrade").path
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    let beside = products.deletingLastPathComponent().appendingPathComponent("podgrade").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    return packageRoot + "/.build/debug/podgrade"
}()

/// A fresh directory under the system temp dir, deleted when the value goes away.


func read(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}

/// Copies `solutions/<slug>` of the package into `repo/<slug>`; with a student,
/// that learner's variant of an exercise with variables.
func copySolution(_ slug: String, into repo: String, student: String? = nil) throws {
    let target = repo + "/" + slug
    try? FileManager.default.removeItem(atPath: target)
    try FileManager.default.copyItem(atPath: packageRoot + "/solutions/" + slug, toPath: target)
    if let student, let exercise = Lab.bundled.exercise(slug), !exercise.variables.isEmpty {
        for (path, bytes) in Lab.bundled.solution(of: exercise, student: student) {
            try write(String(decoding: bytes, as: UTF8.self), to: repo + "/" + path)
        }
    }
}

/// A work tree whose commits each add what `steps` says: (solution slugs, committer time).
/// The solutions are the variant of `student`, else of the learner the folder is named after
/// (`repos/ann` holds ann's), as a roster row naming that learner grades them.
@discardableResult
func makeRepository(at repo: String, commits: [(slugs: [String], date: TimeInterval)], student: String? = nil,
                    edit: ((String) throws -> Void)? = nil) throws -> [String] {
    try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
    try git(["init", "-q"], in: repo)
    var ids: [String] = []
    for (index, commit) in commits.enumerated() {
        for slug in commit.slugs { try copySolution(slug, into: repo, student: student ?? repo.split(separator: "/").last.map(String.init)) }
        if index == commits.count - 1 { try edit?(repo) }
        try write("commit \(index)\n", to: repo + "/README.md")
        try git(["add", "-A"], in: repo)
        try git(["commit", "-q", "-m", "step \(index)"], in: repo, date: commit.date)
        ids.append(try git(["rev-parse", "HEAD"], in: repo))
    }
    return ids
}

enum Dates {
    static let first: TimeInterval = 1_704_103_200 // 2024-01-01T10:00:00Z
    static let second: TimeInterval = 1_704_189_600 // 2024-01-02T10:00:00Z
    static let third: TimeInterval = 1_704_276_000 // 2024-01-03T10:00:00Z
}

// MARK: sockets and servers

/// A listening socket on 127.0.0.1 with an OS-chosen port.
// MARK: processes

/// A child started with posix_spawn, an empty signal mask, stdin from /dev/null
/// and its output in files (no pipe to drain, so no wait can hang on one).
final class Child: @unchecked Sendable {
    let pid: pid_t
    let stdoutPath: String
    let stderrPath: String
    private var reaped: Int32?

    init(executable: String, arguments: [String], directory: String, environment: [String: String],
         outputIn folder: String, stderrDevice: String? = nil) throws {
        let id = UUID().uuidString
        stdoutPath = folder + "/.stdout-\(id)"
        stderrPath = stderrDevice ?? folder + "/.stderr-\(id)"
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        // `cd` then exec: the same pid, so kill() reaches the program itself.
        let shell = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory, executable]
        var argv: [UnsafeMutablePointer<CChar>?] = (shell + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, stderrDevice == nil ? O_WRONLY | O_CREAT | O_TRUNC : O_RDWR | O_NOCTTY, 0o644)
        var child = pid_t()
        let status = posix_spawn(&child, "/bin/sh", &actions, &attributes, &argv, &envp)
        guard status == 0 else { throw TestFailure("posix_spawn \(executable) failed: \(status)") }
        pid = child
    }

    /// The exit status, or nil when the child is still running after `seconds`.
    func wait(seconds: Double) -> Int32? {
        if let reaped { return reaped }
        let giveUp = Date().addingTimeInterval(seconds)
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                // WIFEXITED / WEXITSTATUS / WTERMSIG by hand (macros are not imported).
                let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                reaped = code
                return code
            }
            if result < 0 { reaped = -1; return -1 }
            if Date() >= giveUp { return nil }
            usleep(20_000)
        }
    }

    /// SIGKILL and reap; safe to call twice.
    func kill() {
        guard reaped == nil else { return }
        _ = Glibc.kill(pid, SIGKILL)
        _ = wait(seconds: 5)
    }

    var stdout: String { (try? read(stdoutPath)) ?? "" }
    var stderr: String { (try? read(stderrPath)) ?? "" }

    deinit {
        kill()
        unlink(stdoutPath)
        if !stderrPath.hasPrefix("/dev/") { unlink(stderrPath) }
    }
}

struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String
    let seconds: Double
}

func podgradeEnvironment(_ extra: [String: String], cacheHome: String) -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env.removeValue(forKey: "PODGRADE_LANG")
    env.removeValue(forKey: "GITHUB_STEP_SUMMARY")
    env["XDG_CACHE_HOME"] = cacheHome
    env["GIT_CONFIG_GLOBAL"] = "/dev/null"
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    for (k, v) in extra { env[k] = v }
    return env
}

/// Starts podgrade without waiting.
func startPodgrade(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> Child {
    try Child(executable: podgradeBinary, arguments: arguments, directory: directory,
              environment: podgradeEnvironment(environment, cacheHome: directory + "/.xdg-cache"), outputIn: directory)
}

/// Runs podgrade with stderr on a pseudo-terminal; returns the exit status and what it drew there.
func podgradeOnTerminal(_ arguments: [String], in directory: String, timeout: Double = 30) throws -> (status: Int32, terminal: String) {
    // posix_openpt/unlockpt/ptsname by hand: Glibc's module does not export them.
    let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard master >= 0 else { throw TestFailure("no pseudo-terminal") }
    defer { close(master) }
    var unlock: Int32 = 0
    var number: UInt32 = 0
    guard ioctl(master, 0x4004_5431 /* TIOCSPTLCK */, &unlock) == 0,
          ioctl(master, 0x8004_5430 /* TIOCGPTN */, &number) == 0 else {
        throw TestFailure("cannot unlock the pseudo-terminal")
    }
    let name = "/dev/pts/\(number)"
    _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    let child = try Child(executable: podgradeBinary, arguments: arguments, directory: directory,
                          environment: podgradeEnvironment([:], cacheHome: directory + "/.xdg-cache"), outputIn: directory,
                          stderrDevice: name)
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    func drain() {
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            bytes += buffer[0..<n]
        }
    }
    let giveUp = Date().addingTimeInterval(timeout)
    var status: Int32?
    while status == nil && Date() < giveUp {
        drain()
        status = child.wait(seconds: 0.05)
    }
    drain()
    guard let status else {
        child.kill()
        throw TestFailure("podgrade \(arguments.joined(separator: " ")) still running after \(timeout) s; killed")
    }
    return (status, String(decoding: bytes, as: UTF8.self))
}

/// Runs podgrade to the end, killing it (and failing) after `timeout` seconds.
@discardableResult
func podgrade(_ arguments: [String], in directory: String, environment: [String: String] = [:],
              timeout: Double = 30) throws -> RunResult {
    let started = Date()
    let child = try startPodgrade(arguments, in: directory, environment: environment)
    guard let status = child.wait(seconds: timeout) else {
        child.kill()
        throw TestFailure("podgrade \(arguments.joined(separator: " ")) still running after \(timeout) s; killed")
    }
    return RunResult(status: status, stdout: child.stdout, stderr: child.stderr, seconds: Date().timeIntervalSince(started))
}

/// `git daemon` serving `baseDirectory` on a loopback port (a free one unless
/// given), killed by `stop()` and started again on the same port by `restart()`.
final class GitDaemon: @unchecked Sendable {
    let port: UInt16
    private let baseDirectory: String
    private let scratch: String
    private var child: Child

    init(baseDirectory: String, scratch: String, port: UInt16? = nil) throws {
        self.port = try port ?? freeLoopbackPort()
        self.baseDirectory = baseDirectory
        self.scratch = scratch
        child = try Self.spawn(baseDirectory: baseDirectory, scratch: scratch, port: self.port)
        try waitUntilListening()
    }

    private static func spawn(baseDirectory: String, scratch: String, port: UInt16) throws -> Child {
        let execPath = try git(["--exec-path"], in: baseDirectory)
        let executable = execPath + "/git-daemon"
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_EXEC_PATH"] = execPath
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        return try Child(executable: executable,
                         arguments: ["--reuseaddr", "--base-path=\(baseDirectory)", "--export-all",
                                     "--listen=127.0.0.1", "--port=\(port)", baseDirectory],
                         directory: baseDirectory, environment: environment, outputIn: scratch)
    }

    func restart() throws {
        child.kill()
        child = try Self.spawn(baseDirectory: baseDirectory, scratch: scratch, port: port)
        try waitUntilListening()
    }

    private func waitUntilListening() throws {
        let giveUp = Date().addingTimeInterval(10)
        while Date() < giveUp {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            Glibc.close(fd)
            if connected { return }
            if child.wait(seconds: 0) != nil { break }
            usleep(50_000)
        }
        stop()
        throw TestFailure("git daemon did not start listening on port \(port)")
    }

    func url(_ name: String) -> String { "git://127.0.0.1:\(port)/\(name)" }

    func stop() { child.kill() }
}

// MARK: outputs

func jsonObject(_ path: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw TestFailure("\(path) is not a JSON object")
    }
    return object
}

func jsonObject(text: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
        throw TestFailure("not a JSON object: \(text.prefix(200))")
    }
    return object
}

/// The journal's lines, each decoded.
func journalLines(_ directory: String) throws -> [[String: Any]] {
    try read(directory + "/journal.jsonl").split(separator: "\n").map { try jsonObject(text: String($0)) }
}

func modificationTime(_ path: String) -> timespec? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mtim
}
