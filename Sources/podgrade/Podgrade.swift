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
        subcommands: [Check.self, List.self, Show.self, Start.self, Explain.self, Validate.self, Verify.self, Grade.self, Report.self, Similar.self],
        defaultSubcommand: Check.self)

    /// Usage errors exit 2 with one line on stderr (CONTRACT.md), not ArgumentParser's 64.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation_exit(exit.rawValue)
        } catch let failure as UsageFailure {
            printError("podgrade: " + failure.message)
            Foundation_exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation_exit(0)
            }
            let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "usage error"
            printError("podgrade: " + message + " (see podgrade --help)")
            Foundation_exit(2)
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

func Foundation_exit(_ code: Int32) -> Never {
    fflush(nil)
    Glibc.exit(code)
}
