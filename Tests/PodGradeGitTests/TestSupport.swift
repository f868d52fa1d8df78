import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PodGradeGit
import Testing
@_exported import PodGradeTestSupport

/// Seconds since the epoch used as commit dates in the fixtures.
enum Fixture {
    static let first: TimeInterval = 1_704_103_200 // 2024-01-01T10:00:00Z
    static let second: TimeInterval = 1_704_189_600 // 2024-01-02T10:00:00Z
    static let third: TimeInterval = 1_704_276_000 // 2024-01-03T10:00:00Z
    static let author = "Ada Lovelace <ada@example.com>"
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

/// What a cache folder holds besides its entries' lock files (which stay: only
/// the lock on them means something).
func cacheEntries(_ cache: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: cache).filter { !$0.hasSuffix(".lock") }.sorted()
}
