import ArgumentParser
import PodGradeCore
#if canImport(Glibc)
import Glibc
#endif

@main
struct Podgrade: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podgrade",
        abstract: "Grades Kubernetes lab exercises on multi-container Pods / Проверяет задания по много-контейнерным PODs.",
        version: PodGrade.version,
        subcommands: [Check.self, List.self, Show.self, Start.self, Explain.self, Validate.self, Verify.self, Grade.self, Report.self],
        defaultSubcommand: Check.self)

    /// Usage errors exit 2 with one line on stderr (CONTRACT.md), not ArgumentParser's 64.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            exitFlushed(exit.rawValue)
        } catch let failure as UsageFailure {
            printError("podgrade: " + failure.message)
            exitFlushed(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                exitFlushed(0)
            }
            let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "usage error"
            printError("podgrade: " + message + " (see podgrade --help)")
            exitFlushed(2)
        }
    }
}

/// Unusable input: one line on stderr, exit 2.
struct UsageFailure: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

func printError(_ text: String, newline: Bool = true) {
    var stderr = StandardError()
    print(text, terminator: newline ? "\n" : "", to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var bytes = Array(string.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}

/// Flushes the output streams and exits with a status.
func exitFlushed(_ code: Int32) -> Never {
    fflush(nil)
    Glibc.exit(code)
}
