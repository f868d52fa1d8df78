import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PodGradeGit
import Testing

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A fresh directory under the system temp dir, deleted when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let created = (NSTemporaryDirectory() as NSString).appendingPathComponent("podgrade-git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: created, withIntermediateDirectories: true)
        // Resolve symlinks so paths compare equal with what libgit2 reports.
        path = URL(fileURLWithPath: created).resolvingSymlinksInPath().path
    }

    func sub(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Seconds since the epoch used as commit dates in the fixtures.
enum Fixture {
    static let first: TimeInterval = 1_704_103_200 // 2024-01-01T10:00:00Z
    static let second: TimeInterval = 1_704_189_600 // 2024-01-02T10:00:00Z
    static let third: TimeInterval = 1_704_276_000 // 2024-01-03T10:00:00Z
    static let author = "Ada Lovelace <ada@example.com>"
}

/// Runs the git CLI with an isolated configuration and fixed identity.
@discardableResult
func git(_ arguments: [String], in directory: String, date: TimeInterval? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
    process.arguments = ["-c", "init.defaultBranch=main", "-c", "core.symlinks=true"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    environment["GIT_AUTHOR_NAME"] = "Ada Lovelace"
    environment["GIT_AUTHOR_EMAIL"] = "ada@example.com"
    environment["GIT_COMMITTER_NAME"] = "Grace Hopper"
    environment["GIT_COMMITTER_EMAIL"] = "grace@example.com"
    if let date {
        environment["GIT_AUTHOR_DATE"] = "@\(Int(date)) +0000"
        environment["GIT_COMMITTER_DATE"] = "@\(Int(date)) +0000"
    }
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw TestFailure("git \(arguments.joined(separator: " ")) failed with \(process.terminationStatus)")
    }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

/// A work tree with three commits on `main` (first, second, third) and a branch
/// `feature` at the second commit.
func makeThreeCommitRepository(in directory: TemporaryDirectory) throws -> String {
    let repo = directory.sub("work")
    try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
    try git(["init", "-q"], in: repo)
    for (index, (name, date)) in [("first", Fixture.first), ("second", Fixture.second), ("third", Fixture.third)].enumerated() {
        try write("kind: Pod # \(index)\n", to: repo + "/pod.yaml")
        try git(["add", "-A"], in: repo)
        try git(["commit", "-q", "-m", name, "-m", "body of \(name)"], in: repo, date: date)
        if name == "second" { try git(["branch", "feature"], in: repo) }
    }
    return repo
}

/// Runs `body` and returns the GitError it threw; records an issue otherwise.
func gitError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> GitError? {
    do {
        try body()
        Issue.record("expected a GitError, nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as GitError {
        return error
    } catch {
        Issue.record("expected a GitError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// An unused loopback TCP port (bound then released; the tiny race is fine for tests).
func freeLoopbackPort() throws -> UInt16 {
    let listener = try LoopbackListener()
    defer { listener.close() }
    return listener.port
}

/// A listening socket on 127.0.0.1 with an OS-chosen port.
final class LoopbackListener: @unchecked Sendable {
    let fd: Int32
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound else {
            Glibc.close(fd)
            throw TestFailure("bind/listen failed")
        }
        self.fd = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    func close() { _ = Glibc.close(fd) }
}

/// Accepts connections, optionally sends `greeting`, then never says anything
/// more: the shape of a stuck or malicious server.
final class SilentServer: @unchecked Sendable {
    private let listener: LoopbackListener
    private let greeting: [UInt8]
    private let lock = NSLock()
    private var accepted: [Int32] = []
    private let finished = DispatchSemaphore(value: 0)
    var port: UInt16 { listener.port }

    init(greeting: String = "") throws {
        listener = try LoopbackListener()
        self.greeting = Array(greeting.utf8)
    }

    /// A plain thread, not a task: accept() blocks.
    func start() -> SilentServer {
        Thread { [self] in acceptLoop() }.start()
        return self
    }

    private func acceptLoop() {
        defer { finished.signal() }
        while true {
            let client = accept(listener.fd, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return // listener shut down
            }
            if !greeting.isEmpty {
                _ = greeting.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
            lock.withLock { accepted.append(client) }
        }
    }

    func stop() {
        _ = shutdown(listener.fd, Int32(SHUT_RDWR)) // wakes the blocked accept()
        _ = finished.wait(timeout: .now() + 5)
        listener.close()
        lock.withLock { accepted.forEach { _ = Glibc.close($0) } }
    }
}

/// `git daemon` serving `baseDirectory` on a free loopback port.
///
/// Started with posix_spawn and an empty signal mask: a child of a test worker
/// thread would otherwise inherit blocked signals. Stopped with SIGKILL.
final class GitDaemon {
    let port: UInt16
    private let pid: pid_t

    init(baseDirectory: String) throws {
        port = try freeLoopbackPort()
        // Spawn git-daemon itself: `git daemon` forks it as a child, and killing the
        // wrapper would leave the real daemon running.
        let execPath = try git(["--exec-path"], in: baseDirectory)
        let executable = execPath + "/git-daemon"
        // Without the wrapper, the daemon must be told where upload-pack lives.
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_EXEC_PATH"] = execPath
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        // argv[0] must be the full path: the daemon re-executes itself per connection.
        let arguments = [executable, "--reuseaddr", "--base-path=\(baseDirectory)", "--export-all",
                         "--listen=127.0.0.1", "--port=\(port)", baseDirectory]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        // The daemon must not hold the test runner's stdout/stderr open, or the runner
        // waits for it forever should the test process die first.
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&fileActions, 2, "/dev/null", O_WRONLY, 0)
        var child = pid_t()
        let status = posix_spawn(&child, executable, &fileActions, &attributes, &argv, &envp)
        guard status == 0 else { throw TestFailure("posix_spawn git daemon failed: \(status)") }
        pid = child
        try waitUntilListening()
    }

    /// The daemon needs a moment before it accepts; retry plain TCP connects.
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
            usleep(50_000)
        }
        stop()
        throw TestFailure("git daemon did not start listening on port \(port)")
    }

    func stop() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}
