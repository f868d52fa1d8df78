import Foundation
import XCTest
@testable import PodGradeLSP
import PodGradeCore

let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

let sampleLearner = packageRoot + "/Tests/Fixtures/sample-learner"

func fixture(_ relative: String) throws -> String {
    try String(contentsOfFile: sampleLearner + "/" + relative, encoding: .utf8)
}

/// Collects what the server sends; waits for a message matching a predicate.
actor Collector: MessageSink {
    private(set) var messages: [JSON] = []

    func send(_ message: JSON) {
        messages.append(message)
    }

    func all() -> [JSON] { messages }
}

struct TimedOut: Error, CustomStringConvertible {
    let what: String
    let seen: [JSON]
    var description: String { "timed out waiting for \(what); seen: \(seen.map(\.text).joined(separator: "\n"))" }
}

/// An in-memory client: frames in through a stream, messages out through a collector.
final class Client: Sendable {
    let server: LanguageServer
    let collector = Collector()
    let input: AsyncStream<[UInt8]>.Continuation
    let run: Task<Int32, Never>
    let cursor = Cursor()

    actor Cursor {
        var index = 0
        var nextID = 100
        func take(_ count: Int) { index = count }
        func id() -> Int { nextID += 1; return nextID }
    }

    init(options: ServerOptions = ServerOptions(lang: .en, debounce: .milliseconds(20), log: { _ in })) {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        let server = LanguageServer(options: options, sink: collector)
        self.server = server
        self.input = continuation
        self.run = Task { await server.run(input: stream) }
    }

    func send(_ message: JSON) {
        input.yield(FrameWriter.frame(message.bytes))
    }

    func raw(_ text: String) {
        input.yield(Array(text.utf8))
    }

    func notify(_ method: String, _ params: JSON) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Sends a request and waits for its response.
    func request(_ method: String, _ params: JSON = .null) async throws -> JSON {
        let id = await cursor.id()
        send(["jsonrpc": "2.0", "id": .int(Int64(id)), "method": .string(method), "params": params])
        return try await wait("response \(id) to \(method)") { $0["id"] == .int(Int64(id)) }
    }

    /// The first message after the cursor matching the predicate; moves the cursor past it.
    func wait(_ what: String, timeout: Double = 10, _ predicate: @Sendable (JSON) -> Bool) async throws -> JSON {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let messages = await collector.all()
            let start = await cursor.index
            if start < messages.count, let found = messages[start...].firstIndex(where: predicate) {
                await cursor.take(found + 1)
                return messages[found]
            }
            try await Task.sleep(nanoseconds: 2_000_000)
        }
        throw TimedOut(what: what, seen: await collector.all())
    }

    /// The next diagnostics published for a URI.
    func diagnostics(_ uri: String, timeout: Double = 10) async throws -> [JSON] {
        let message = try await wait("diagnostics for \(uri)", timeout: timeout) {
            $0["method"]?.string == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.string == uri
        }
        return message["params"]?["diagnostics"]?.array ?? []
    }

    func initialize(root: String = sampleLearner, options: JSON = .null) async throws {
        let response = try await request("initialize", ["processId": .null, "rootUri": .string(FileURI.uri(root)),
                                                        "capabilities": [:], "initializationOptions": options])
        XCTAssertNotNil(response["result"]?["capabilities"])
        notify("initialized", [:])
    }

    func open(_ uri: String, _ text: String, version: Int = 1) {
        notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "yaml", "version": .int(Int64(version)), "text": .string(text)]])
    }

    func change(_ uri: String, version: Int, _ changes: [JSON]) {
        notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": .int(Int64(version))], "contentChanges": .array(changes)])
    }

    func finish() async -> Int32 {
        input.finish()
        return await run.value
    }
}

func uri(_ relative: String, root: String = sampleLearner) -> String { FileURI.uri(root + "/" + relative) }

func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> JSON {
    ["start": ["line": .int(Int64(l1)), "character": .int(Int64(c1))], "end": ["line": .int(Int64(l2)), "character": .int(Int64(c2))]]
}

/// Diagnostics as "line:start-end code severity message-first-line", for exact comparison.
func summary(_ diagnostics: [JSON]) -> [String] {
    diagnostics.map { d in
        let r = d["range"]
        let line = r?["start"]?["line"]?.int ?? -1
        let message = d["message"]?.string?.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return "\(line):\(r?["start"]?["character"]?.int ?? -1)-\(r?["end"]?["character"]?.int ?? -1) \(d["code"]?.string ?? "") \(d["severity"]?.int ?? 0) \(message)"
    }
}

/// Applies LSP text edits to a text (edits of one document, in any order).
func apply(_ edits: [JSON], to text: String) -> String {
    var document = TextDocument(uri: "x", version: 0, text: text)
    let sorted = edits.sorted { a, b in
        let pa = Position(a["range"]?["start"]) ?? Position(line: 0, character: 0)
        let pb = Position(b["range"]?["start"]) ?? Position(line: 0, character: 0)
        return pa > pb
    }
    document.apply(sorted.map { ["range": $0["range"] ?? .null, "text": $0["newText"] ?? ""] })
    return document.text
}
