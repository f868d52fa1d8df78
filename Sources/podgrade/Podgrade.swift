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
