import XCTest
@testable import PodGradeLSP

final class FramingTests: XCTestCase {
    func frame(_ body: String) -> [UInt8] { FrameWriter.frame(Array(body.utf8)) }

    func messages(_ events: [FrameParser.Event]) -> [String] {
        events.map {
            switch $0 {
            case .message(let body): return String(decoding: body, as: UTF8.self)
            case .error(let error): return "error: \(error.message)"
            }
        }
    }

    func testTwoFramesInOneChunk() {
        var parser = FrameParser()
        XCTAssertEqual(messages(parser.feed(frame("{\"a\":1}") + frame("{\"b\":2}"))), ["{\"a\":1}", "{\"b\":2}"])
        XCTAssertEqual(parser.pendingBytes, 0)
    }

    func testFrameFedByteByByte() {
        var parser = FrameParser()
        var seen: [String] = []
        let bytes = Array("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n".utf8) + frame("{\"id\":1,\"x\":\"ё🙂\"}")
        for byte in bytes {
            seen += messages(parser.feed([byte]))
        }
        XCTAssertEqual(seen, ["{\"id\":1,\"x\":\"ё🙂\"}"])
    }

    func testPartialFrameWaitsForTheRest() {
        var parser = FrameParser()
        let whole = frame("{\"method\":\"x\"}")
        XCTAssertEqual(messages(parser.feed(Array(whole[..<25]))), [])
        XCTAssertEqual(parser.pendingBytes, 25 - 22)  // the 22-byte header is consumed, 3 bytes of the body held
        XCTAssertEqual(messages(parser.feed(Array(whole[25...]))), ["{\"method\":\"x\"}"])
    }

    func testMissingContentLengthIsAnErrorThenTheNextFrameIsRead() {
        var parser = FrameParser()
        let input = Array("Content-Type: x\r\n\r\n{\"lost\":1}".utf8) + frame("{\"ok\":1}")
        XCTAssertEqual(messages(parser.feed(input)), [
            "error: header block without Content-Length: frame skipped",
            "error: 10 bytes that are not a header skipped",
            "{\"ok\":1}",
        ])
    }

    func testInvalidContentLength() {
        var parser = FrameParser()
        let input = Array("Content-Length: -5\r\n\r\n".utf8) + frame("{}")
        XCTAssertEqual(messages(parser.feed(input)), ["error: invalid Content-Length '-5': frame skipped", "{}"])
    }

    func testAbsurdContentLengthResumesAtTheNextHeader() {
        var parser = FrameParser()
        let input = Array("Content-Length: 99999999999999999999999\r\n\r\n{\"big\":1}".utf8) + frame("{\"ok\":2}")
        XCTAssertEqual(messages(parser.feed(input)), [
            "error: frame of \(Int.max) bytes is over the limit: skipped",
            "error: 9 bytes that are not a header skipped",
            "{\"ok\":2}",
        ])
    }

    func testFrameOverTheLimitIsSkippedWithoutBeingHeld() {
        var parser = FrameParser(maxLength: 100, maxSkip: 10_000)
        let big = String(repeating: "x", count: 5000)
        var seen = messages(parser.feed(Array("Content-Length: 5002\r\n\r\n\"".utf8)))
        for _ in 0..<50 { seen += messages(parser.feed(Array(big.utf8.prefix(100)))) }
        XCTAssertLessThan(parser.pendingBytes, 100)
        seen += messages(parser.feed(Array("\"".utf8) + frame("{\"after\":1}")))
        XCTAssertEqual(seen, ["error: frame of 5002 bytes is over the limit: skipped", "{\"after\":1}"])
    }

    func testJunkWithoutHeaderEndIsDropped() {
        var parser = FrameParser()
        let junk = [UInt8](repeating: UInt8(ascii: "z"), count: 20_000)
        let events = messages(parser.feed(junk))
        XCTAssertEqual(events, ["error: 19984 bytes that are not a header skipped"])
        XCTAssertLessThanOrEqual(parser.pendingBytes, 16)
        XCTAssertEqual(messages(parser.feed(Array("\r\n\r\n".utf8) + frame("{}"))), ["error: 20 bytes that are not a header skipped", "{}"])
    }

    /// Found by bench/fuzz-lsp.sh: junk is counted as it is dropped, so its
    /// counts depend on the chunks; the frames around it do not.
    func testFramesAfterLongJunkDoNotDependOnChunking() {
        let junk = Array(String(repeating: "INFO: log line\n", count: 1200).utf8)
        let stream = frame("{\"a\":1}") + junk + frame("{\"b\":2}") + junk + Array("Content-Length: 2\r\n\r\n[]".utf8)
        var whole = FrameParser()
        let expected = messages(whole.feed(stream)).filter { !$0.hasSuffix("bytes that are not a header skipped") }
        XCTAssertEqual(expected, ["{\"a\":1}", "{\"b\":2}", "[]"])
        for step in [7, 4096, 9000] {
            var chunked = FrameParser()
            var seen: [String] = []
            var index = 0
            while index < stream.count {
                seen += messages(chunked.feed(Array(stream[index..<min(stream.count, index + step)])))
                XCTAssertLessThanOrEqual(chunked.pendingBytes, 8192 + step + 16)
                index += step
            }
            XCTAssertEqual(seen.filter { !$0.hasSuffix("bytes that are not a header skipped") }, expected, "step \(step)")
        }
    }

    func testBareNewlinesAndCaseInsensitiveHeader() {
        var parser = FrameParser()
        XCTAssertEqual(messages(parser.feed(Array("content-length: 2\n\n{}\r\n".utf8) + frame("[]"))), ["{}", "[]"])
    }

    func testWriterFramesBytesNotCharacters() {
        XCTAssertEqual(String(decoding: FrameWriter.frame(Array("\"ё\"".utf8)), as: UTF8.self), "Content-Length: 4\r\n\r\n\"ё\"")
    }
}

final class JSONTests: XCTestCase {
    func testRoundTrip() throws {
        let text = #"{"a":[1,-2.5,true,false,null],"b":"q\"\\\n\t\u0001ё🙂","c":{}}"#
        let value = try JSON.parse(text)
        XCTAssertEqual(value["a"], [1, .double(-2.5), true, false, nil])
        XCTAssertEqual(value["b"]?.string, "q\"\\\n\t\u{1}ё🙂")
        XCTAssertEqual(value.text, #"{"a":[1,-2.5,true,false,null],"b":"q\"\\\n\t\u0001ё🙂","c":{}}"#)
    }

    func testEscapedSurrogatePairs() throws {
        XCTAssertEqual(try JSON.parse(#""\ud83d\ude42 \u0451 \ud800x""#).string, "🙂 ё \u{FFFD}x")
    }

    func testErrors() {
        for (text, message) in [("{", "expected a key in quotes"), ("[", "unexpected end of input"), ("{\"a\" 1}", "expected ':' after a key"), ("[1,]", "unexpected character"),
                                ("01x", "unexpected text after the value"), ("\"a\nb\"", "control character in a string"),
                                (String(repeating: "[", count: 300), "nested deeper than 256 levels"), ("", "unexpected end of input"),
                                ("[" + String(repeating: "0,", count: 1_000_000) + "0]", "more than 1000000 values"), ("1e999", "number out of range")] {
            XCTAssertThrowsError(try JSON.parse(text), text) { error in
                XCTAssertEqual((error as? JSONParseError)?.message, message, text)
            }
        }
    }
}

final class LineTableTests: XCTestCase {
    func testScalarColumnsBecomeUTF16() {
        let table = LineTable("a: 1\nname: \"🙂ё\", x: 2\r\nlast")
        // Column 13 (scalars) is "x": after the emoji (2 UTF-16 units) it is character 13.
        XCTAssertEqual(table.position(line: 2, column: 13), Position(line: 1, character: 13))
        XCTAssertEqual(table.position(line: 2, column: 8), Position(line: 1, character: 7))
        XCTAssertEqual(table.position(line: 2, column: 9), Position(line: 1, character: 9))
        XCTAssertEqual(table.mark(Position(line: 1, character: 13)).column, 13)
        XCTAssertEqual(table.lineEnd(1), 17)
        XCTAssertEqual(table.line(1), "name: \"🙂ё\", x: 2")
        XCTAssertEqual(table.position(line: 99, column: 1), Position(line: 2, character: 0))
    }

    func testIncrementalChangesInUTF16() {
        var document = TextDocument(uri: "u", version: 1, text: "x: \"🙂\"\ny: 1\n")
        document.apply([["range": range(0, 6, 0, 7), "text": "z"]])  // the quote after the emoji's two units
        XCTAssertEqual(document.text, "x: \"🙂z\ny: 1\n")
        document.apply([["range": range(1, 3, 1, 99), "text": "22"], ["range": range(9, 0, 9, 0), "text": "end"]])
        XCTAssertEqual(document.text, "x: \"🙂z\ny: 22\nend")
        document.apply([["text": "whole"]])
        XCTAssertEqual(document.text, "whole")
    }
}
