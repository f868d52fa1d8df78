// Helpers shared by the test targets that build real repositories and fake
// servers (test targets cannot import each other): temporary folders, the git
// CLI with an isolated configuration, loopback listeners, a silent server.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A fresh directory under the system temp dir, deleted when the value goes away.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init(prefix: String = "podgrade-test") throws {
        let created = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: created, withIntermediateDirectories: true)
        // Resolve symlinks so paths compare equal with what libgit2 reports.
        path = URL(fileURLWithPath: created).resolvingSymlinksInPath().path
    }

    public func sub(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs the git CLI with an isolated configuration and fixed identity.
@discardableResult
public func git(_ arguments: [String], in directory: String, date: TimeInterval? = nil) throws -> String {
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

public func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

public func freeLoopbackPort() throws -> UInt16 {
    let listener = try LoopbackListener()
    defer { listener.close() }
    return listener.port
}

/// A listening socket on 127.0.0.1 with an OS-chosen port.
public final class LoopbackListener: @unchecked Sendable {
    public let fd: Int32
    public let port: UInt16

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && listen(fd, 64) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound else {
            Glibc.close(fd)
            throw TestFailure("bind/listen failed")
        }
        self.fd = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    public func close() { _ = Glibc.close(fd) }
}

/// Accepts connections, optionally sends `greeting`, then never says anything
/// more: the shape of a stuck or malicious server. With `hangUp`, it reads what
/// the client sends first, answers `greeting` and closes the connection: a
/// server that drops the connection after the first bytes.
public final class SilentServer: @unchecked Sendable {
    private let listener: LoopbackListener
    private let greeting: [UInt8]
    private let hangUp: Bool
    private let lock = NSLock()
    private var accepted: [Int32] = []
    private let finished = DispatchSemaphore(value: 0)
    public var port: UInt16 { listener.port }

    public init(greeting: String = "", hangUp: Bool = false) throws {
        listener = try LoopbackListener()
        self.greeting = Array(greeting.utf8)
        self.hangUp = hangUp
    }

    /// A plain thread, not a task: accept() blocks.
    @discardableResult
    public func start() -> SilentServer {
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
            if hangUp {
                var buffer = [UInt8](repeating: 0, count: 4096)
                _ = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            }
            if !greeting.isEmpty {
                _ = greeting.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
            if hangUp {
                _ = Glibc.close(client)
                continue
            }
            lock.withLock { accepted.append(client) }
        }
    }

    public func stop() {
        _ = shutdown(listener.fd, Int32(SHUT_RDWR)) // wakes the blocked accept()
        _ = finished.wait(timeout: .now() + 5)
        listener.close()
        lock.withLock { accepted.forEach { _ = Glibc.close($0) } }
    }
}

