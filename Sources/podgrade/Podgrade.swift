import ArgumentParser
import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

@main
struct Podgrade: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podgrade",
        abstract: "Grades Kubernetes lab exercises on multi-container Pods / Проверяет задания по много-контейнерным PODs.",
        version: PodGrade.version,
        subcommands: [Check.self, List.self, Show.self, Start.self, Explain.self, Validate.self, Verify.self, Grade.self, Report.self, Similar.self, LSP.self],
        defaultSubcommand: Check.self)

    /// Usage errors exit 2 with one line on stderr (CONTRACT.md), not ArgumentParser's 64,
    /// in the language the command line asks for.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        let lang = LanguageOptions.early(arguments)
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let exit as ExitCode {
            exitProcess(exit.rawValue)
        } catch let failure as UsageFailure {
            printError("podgrade: " + failure.message(lang))
            exitProcess(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                exitProcess(0)
            }
            let first = message(for: error).split(separator: "\n").first.map(String.init) ?? "usage error"
            let command = ["podgrade"] + arguments.prefix { !$0.hasPrefix("-") }.prefix(1).filter { name in
                configuration.subcommands.contains { $0._commandName == name }
            }
            printError("podgrade: " + CommandText.parser(.init(first)).text(lang) + " " + CommandText.seeHelp(command: command.joined(separator: " ")).text(lang))
            exitProcess(2)
        }
    }
}

extension Podgrade {
    /// The subcommands' names, for "did you mean".
    static var commandNames: [String] { configuration.subcommands.map { $0._commandName } }
}

/// Unusable input: one line on stderr, exit 2, in the user's language.
struct UsageFailure: Error {
    private enum Content {
        case text(CommandText)
        /// A sentence that is not in the catalogue yet (English).
        case raw(String)
    }

    private let content: Content

    init(_ text: CommandText) { content = .text(text) }
    init(_ message: String) { content = .raw(message) }

    func message(_ lang: Lang) -> String {
        switch content {
        case .text(let text): return text.text(lang)
        case .raw(let message): return message
        }
    }
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

/// Flushes what was printed and ends the process with `code`.
func exitProcess(_ code: Int32) -> Never {
    fflush(nil)
    Glibc.exit(code)
}
