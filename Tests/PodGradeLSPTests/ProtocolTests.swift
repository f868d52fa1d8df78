import XCTest
@testable import PodGradeLSP

/// JSON-RPC and lifecycle: what the server answers to each kind of message.
final class ProtocolTests: XCTestCase {
    func testRequestBeforeInitializeIsRefusedAndNotificationsIgnored() async throws {
        let client = Client()
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri("03-sidecar-logging/pod.yaml")), "version": 1, "text": "x"]])
        let response = try await client.request("textDocument/hover", ["textDocument": ["uri": "file:///x"], "position": ["line": 0, "character": 0]])
        XCTAssertEqual(response["error"]?["code"], .int(-32002))
        XCTAssertEqual(response["error"]?["message"]?.string, "the server is not initialized: send initialize first")
        try await client.initialize()
        let again = try await client.request("initialize", [:])
        XCTAssertEqual(again["error"]?["code"], .int(-32600))
        let messages = await client.collector.all()
        XCTAssertFalse(messages.contains { $0["method"]?.string == "textDocument/publishDiagnostics" }, "the didOpen before initialize was dropped")
        _ = await client.finish()
    }

    func testCapabilitiesAreDeclared() async throws {
        let client = Client()
        let response = try await client.request("initialize", ["rootUri": .string(FileURI.uri(sampleLearner)), "capabilities": [:]])
        XCTAssertEqual(response["result"]?.text,
                       #"{"capabilities":{"codeActionProvider":{"codeActionKinds":["quickfix"]},"hoverProvider":true,"positionEncoding":"utf-16","#
                       + #""textDocumentSync":{"change":2,"openClose":true,"save":{"includeText":false}}},"serverInfo":{"name":"podgrade","version":"0.1.0"}}"#)
        _ = await client.finish()
    }

    func testMalformedMessagesGetErrorsAndTheServerGoesOn() async throws {
        let client = Client()
        try await client.initialize()
        client.input.yield(FrameWriter.frame(Array("{\"jsonrpc\":\"2.0\",\"id\":1,".utf8)))
        var error = try await client.wait("parse error") { $0["error"] != nil }
        XCTAssertEqual(error.text, #"{"error":{"code":-32700,"message":"malformed JSON at byte 24: expected a key in quotes"},"id":null,"jsonrpc":"2.0"}"#)
        client.input.yield(FrameWriter.frame(Array("[1,2]".utf8)))
        error = try await client.wait("invalid request") { $0["error"] != nil }
        XCTAssertEqual(error["error"]?["code"], .int(-32600))
        client.send(["jsonrpc": "2.0", "id": 7, "params": [:]])
        error = try await client.wait("no method") { $0["error"] != nil }
        XCTAssertEqual(error.text, #"{"error":{"code":-32600,"message":"a message needs a method"},"id":7,"jsonrpc":"2.0"}"#)
        client.send(["jsonrpc": "2.0", "id": ["no": 1], "method": "shutdown"])
        error = try await client.wait("bad id") { $0["error"] != nil }
        XCTAssertEqual(error["error"]?["message"]?.string, "id must be a number or a string")
        client.raw("Content-Length: 12\r\n\r\n")
        client.raw("{\"jsonrpc\":")  // a partial frame: nothing yet
        client.notify("$/unknownNotification", [:])  // completes the 12 bytes with garbage first
        error = try await client.wait("garbled frame") { $0["error"] != nil }
        XCTAssertEqual(error["error"]?["code"], .int(-32700))
        let unknown = try await client.request("workspace/unknownThing", [:])
        XCTAssertEqual(unknown.text, #"{"error":{"code":-32601,"message":"unknown method workspace/unknownThing"},"id":102,"jsonrpc":"2.0"}"#)
        client.raw("Content-Length: 99999999999999999999\r\n\r\n{}")
        error = try await client.wait("huge length") { $0["error"] != nil }
        XCTAssertEqual(error["error"]?["message"]?.string, "frame of \(Int.max) bytes is over the limit: skipped")
        client.raw("Content-Type: text/plain\r\n\r\n")
        // The "{}" after the refused header is read as junk up to the next header block.
        error = try await client.wait("junk") { $0["error"] != nil }
        XCTAssertEqual(error["error"]?["message"]?.string, "30 bytes that are not a header skipped")
        client.raw("Content-Type: text/plain\r\n\r\n")
        error = try await client.wait("missing length") { $0["error"] != nil }
        XCTAssertEqual(error["error"]?["message"]?.string, "header block without Content-Length: frame skipped")
        // Still serving.
        let shutdown = try await client.request("shutdown")
        XCTAssertEqual(shutdown.text, #"{"id":103,"jsonrpc":"2.0","result":null}"#)
        client.notify("exit", .null)
        let code = await client.run.value
        XCTAssertEqual(code, 0)
    }

    func testAfterShutdownOnlyExit() async throws {
        let client = Client()
        try await client.initialize()
        _ = try await client.request("shutdown")
        let refused = try await client.request("textDocument/hover", [:])
        XCTAssertEqual(refused["error"]?["code"], .int(-32600))
        XCTAssertEqual(refused["error"]?["message"]?.string, "the server is shutting down: only exit is accepted")
        client.notify("exit", .null)
        let code = await client.run.value
        XCTAssertEqual(code, 0)
    }

    func testExitWithoutShutdownIsStatusOne() async throws {
        let client = Client()
        try await client.initialize()
        client.notify("exit", .null)
        let code = await client.run.value
        XCTAssertEqual(code, 1)
    }

    func testEndOfInputWithoutExitIsStatusOne() async throws {
        let client = Client()
        try await client.initialize()
        let code = await client.finish()
        XCTAssertEqual(code, 1)
    }
}
