import Foundation
import XCTest
@testable import PodGradeLSP

/// The real binary: what a hostile buffer costs, and that stdout carries frames only.
let podgradeBinary: String = {
    let products = Bundle.main.bundleURL
    let candidate = products.appendingPathComponent("podgrade").path
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    return products.deletingLastPathComponent().appendingPathComponent("podgrade").path
}()

final class HostileTests: XCTestCase {
    let file = "03-sidecar-logging/pod.yaml"

    static func aliasBomb() -> String {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        return text
    }

    func testAliasBombTypedIntoABufferIsADiagnostic() async throws {
        let client = Client()
        try await client.initialize()
        let text = try fixture(file)
        client.open(uri(file), text)
        _ = try await client.diagnostics(uri(file))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1  // 21 lines and an empty last
        let start = ContinuousClock.now
        client.change(uri(file), version: 2, [["range": range(lines, 0, lines, 0), "text": .string("---\n" + HostileTests.aliasBomb())]])
        let diagnostics = try await client.diagnostics(uri(file))
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(10), "a generous bound: a hang, not a speed, is what fails")
        // The bomb's document starts on line 22 (0-based); its a5 line is 22 + 1 + 5.
        XCTAssertEqual(summary(diagnostics.filter { $0["code"]?.string == "yaml.syntax" }),
                       ["27:54-57 yaml.syntax 1 aliases expand to more than 1000000 nodes (an alias bomb?)"])
        // Hover and quick fixes on the bomb answer at once.
        let hover = try await client.request("textDocument/hover", ["textDocument": ["uri": .string(uri(file))], "position": ["line": 30, "character": 20]])
        XCTAssertEqual(hover["result"], .null)
        let actions = try await client.request("textDocument/codeAction", ["textDocument": ["uri": .string(uri(file))], "range": range(0, 0, 40, 0), "context": ["diagnostics": []]])
        XCTAssertNotNil(actions["result"]?.array)
        _ = await client.finish()
    }

    /// A 60 MB buffer through the binary: a diagnostic in bounded time and memory; stdout holds frames only.
    func testSixtyMegabyteBufferThroughTheBinary() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: podgradeBinary)
        process.arguments = ["lsp", "--lang", "en", "--debounce", "0"]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let root = FileURI.uri(sampleLearner)
        let big = String(repeating: "# 0123456789 abcdefghijklmnopqrstuvwxyz ёжик 🙂\n", count: 60 << 20 / 60)
        let messages: [JSON] = [
            ["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["rootUri": .string(root), "capabilities": [:]]],
            ["jsonrpc": "2.0", "method": "initialized", "params": [:]],
            ["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": ["textDocument": ["uri": .string(uri(file)), "version": 1, "languageId": "yaml", "text": .string(big)]]],
        ]
        let start = Date()
        for message in messages { stdin.fileHandleForWriting.write(Data(FrameWriter.frame(message.bytes))) }
        stdin.fileHandleForWriting.write(Data("garbage that is not a frame\r\n\r\n".utf8))
        // Read frames until the diagnostics come.
        var parser = FrameParser()
        var received: [JSON] = []
        var diagnostics: [JSON]?
        while diagnostics == nil, Date().timeIntervalSince(start) < 60 {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            for event in parser.feed([UInt8](chunk)) {
                guard case .message(let body) = event else { return XCTFail("stdout holds something that is not a frame: \(event)") }
                let message = try JSON.parse(body)
                received.append(message)
                if message["method"]?.string == "textDocument/publishDiagnostics" { diagnostics = message["params"]?["diagnostics"]?.array }
            }
        }
        let elapsed = Date().timeIntervalSince(start)
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
            .flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") } ?? 0
        stdin.fileHandleForWriting.write(Data(FrameWriter.frame((["jsonrpc": "2.0", "id": 2, "method": "shutdown"] as JSON).bytes)))
        stdin.fileHandleForWriting.write(Data(FrameWriter.frame((["jsonrpc": "2.0", "method": "exit"] as JSON).bytes)))
        process.waitUntilExit()
        let rest = stdout.fileHandleForReading.readDataToEndOfFile()
        for event in parser.feed([UInt8](rest)) {
            guard case .message(let body) = event else { return XCTFail("stdout holds something that is not a frame") }
            received.append(try JSON.parse(body))
        }
        XCTAssertEqual(process.terminationStatus, 0)
        let summaryLines = summary(try XCTUnwrap(diagnostics)).filter { $0.contains("yaml.syntax") }
        XCTAssertEqual(summaryLines, ["0:0-47 yaml.syntax 1 \(file) is too large (\(big.utf8.count) bytes, limit 4194304) and was not read.",
                                      "0:0-47 yaml.syntax 1 No manifest found (.yaml, .yml, .json)."])
        XCTAssertLessThan(elapsed, 30, "60 MB answered in \(elapsed) s (a generous bound: a hang fails, not a speed)")
        XCTAssertLessThan(peak, 1_000_000, "peak RSS \(peak) KiB")
        print("60 MB buffer: diagnostics after \(String(format: "%.2f", elapsed)) s, peak RSS \(peak / 1024) MiB")
        XCTAssertEqual(received.last?.text, #"{"id":2,"jsonrpc":"2.0","result":null}"#)
        let log = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(log.contains("podgrade lsp: framing: "), log)
    }
}
