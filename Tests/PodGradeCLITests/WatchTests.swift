import Foundation
import XCTest

final class WatchTests: XCTestCase {
    /// `--watch` grades, then grades again when a manifest changes.
    func testWatchRegradesOnChange() throws {
        let dir = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/02-yellow", withIntermediateDirectories: true)
        let path = dir + "/02-yellow/pod.yaml"
        let good = try String(contentsOfFile: packageRoot + "/solutions/02-yellow/pod.yaml", encoding: .utf8)
        try good.write(toFile: path, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: podgradeBinary)
        process.arguments = ["check", dir, "--exercise", "02-yellow", "--watch", "--lang", "en"]
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let collected = OutputCollector(out.fileHandleForReading)
        XCTAssertTrue(collected.wait(for: "Total: 13/13 points", seconds: 10), collected.text)
        try good.replacingOccurrences(of: "redis", with: "memcached").write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertTrue(collected.wait(for: "Total: 11/13 points", seconds: 10), collected.text)
        process.terminate()
        process.waitUntilExit()
    }

    func testColorAlwaysAndNever() throws {
        let always = try podgrade(["check", "Tests/Fixtures/sample-learner", "--color", "always"])
        XCTAssertTrue(always.stdout.contains("\u{1B}[31m"))
        let never = try podgrade(["check", "Tests/Fixtures/sample-learner", "--color", "never"])
        XCTAssertFalse(never.stdout.contains("\u{1B}["))
    }
}

/// Reads a pipe in the background so a test can wait for a line.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    init(_ handle: FileHandle) {
        handle.readabilityHandler = { [weak self] h in
            let data = h.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.buffer += String(decoding: data, as: UTF8.self)
            self.lock.unlock()
        }
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }

    func wait(for needle: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if text.contains(needle) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }
}
