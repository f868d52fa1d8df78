import Foundation
import PodGradeGit
import Testing

/// A server that accepts and then stays silent (or stops mid-answer) must not
/// hang the grader: cloneOrFetch gives up with `.timedOut`.
@Suite struct TimeoutTests {
    func expectTimeout(_ url: (UInt16) -> String, greeting: String = "") throws {
        let server = try SilentServer(greeting: greeting).start()
        defer { server.stop() }
        let tmp = try TemporaryDirectory()
        let started = ContinuousClock.now
        let error = gitError {
            _ = try GitRemote.cloneOrFetch(url(server.port), cacheDirectory: tmp.path, timeout: 2, allowLocal: false)
        }
        let elapsed = ContinuousClock.now - started
        #expect(error?.code == .timedOut, "\(error?.message ?? "no error")")
        #expect(elapsed >= .seconds(1.9))
        #expect(elapsed < .seconds(5))
        #expect(try cacheEntries(tmp.path) == [])
    }

    @Test func silentGitServer() throws {
        try expectTimeout { "git://127.0.0.1:\($0)/x" }
    }

    @Test func silentHTTPServer() throws {
        try expectTimeout { "http://127.0.0.1:\($0)/x" }
    }

    @Test func gitServerStoppingMidAnswer() throws {
        // A pkt-line header announcing 0x40 bytes, then nothing.
        try expectTimeout({ "git://127.0.0.1:\($0)/x" }, greeting: "0040abc")
    }

    @Test func httpServerStoppingMidAnswer() throws {
        try expectTimeout({ "http://127.0.0.1:\($0)/x" },
                          greeting: "HTTP/1.1 200 OK\r\nContent-Type: application/x-git-upload-pack-advertisement\r\n")
    }

    @Test func timeoutMessageSaysWhatToDo() throws {
        let server = try SilentServer().start()
        defer { server.stop() }
        let tmp = try TemporaryDirectory()
        let url = "git://127.0.0.1:\(server.port)/x"
        let error = gitError {
            _ = try GitRemote.cloneOrFetch(url, cacheDirectory: tmp.path, timeout: 0.5, allowLocal: false)
        }
        #expect(error == GitError(.timedOut,
                                  "the server for '\(url)' stopped answering: timed out after 0.5 s waiting for "
                                  + "127.0.0.1:\(server.port) to send data. check that the URL is right and the "
                                  + "server is up, or retry later"))
    }
}
