import ArgumentParser
import PodGradeCore
import PodGradeKubernetes
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

@main
struct Podgrade: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podgrade",
        abstract: say("Grades Kubernetes lab exercises on multi-container Pods.", ru: "Проверяет задания по много-контейнерным PODs."),
        version: PodGrade.version,
        subcommands: [Check.self, List.self, Show.self, Start.self, Explain.self, Validate.self, Verify.self, Grade.self, Report.self, Similar.self, LSP.self],
        defaultSubcommand: Check.self)

    /// Usage errors exit 2 with one line on stderr (CONTRACT.md), not ArgumentParser's 64,
    /// in the language the command line asks for.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--version"] {
            // What ArgumentParser prints, without building the command tree by reflection
            // (most of the start-up of `podgrade --version`).
            print(PodGrade.version)
            exitFlushed(0)
        }
        // The language the help texts were chosen in (`helpLang`): errors speak it too.
        let lang = helpLang
        let warmUp = loadsBundledLab(arguments)
        if warmUp {
            // Loading the bundled lab is most of a `check`'s start-up: it runs on another
            // core while the command line is parsed (the first use waits for it).
            // A thread of its own, started now (a Dispatch worker starts milliseconds later).
            var thread = pthread_t()
            if pthread_create(&thread, nil, loadBundledLab, nil) == 0 {
                pthread_detach(thread)
            }
        }
        do {
            var command = try Check.usual(arguments) ?? checkParsedAlone(arguments) ?? parseAsRoot(arguments)
            // Meanwhile this core reads the Kubernetes schema table, which grading needs next.
            if warmUp { _ = SchemaChecker.kinds.isEmpty }
            try command.run()
        } catch let exit as ExitCode {
            exitFlushed(exit.rawValue)
        } catch let failure as UsageFailure {
            printError("podgrade: " + failure.message(lang))
            exitFlushed(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                exitFlushed(0)
            }
            let first = message(for: error).split(separator: "\n").first.map(String.init) ?? "usage error"
            let command = ["podgrade"] + arguments.prefix { !$0.hasPrefix("-") }.prefix(1).filter { name in
                configuration.subcommands.contains { $0._commandName == name }
            }
            printError("podgrade: " + CommandText.parser(.init(first)).text(lang) + " " + CommandText.seeHelp(command: command.joined(separator: " ")).text(lang))
            exitFlushed(2)
        }
    }

    /// Whether the command grades with the bundled lab: `check` (also the default
    /// subcommand, given a path or nothing) and `grade`, without `--exercises`.
    static func loadsBundledLab(_ arguments: [String]) -> Bool {
        if arguments.contains(where: { $0 == "--exercises" || $0.hasPrefix("--exercises=") }) { return false }
        guard let first = arguments.first else { return true }
        if first == "check" || first == "grade" { return true }
        return !first.hasPrefix("-") && !commandNames.contains(first)
    }

    /// `check` (named, or the default subcommand) parsed by its own type, without the
    /// root: ArgumentParser's root parse reflects on every subcommand's arguments, most
    /// of a `check`'s start-up. Only a command line that parses cleanly takes this way:
    /// help, completion requests and every error go through the root, which prints them
    /// as it always has.
    static func checkParsedAlone(_ arguments: [String]) -> (any ParsableCommand)? {
        guard let rest = checkArguments(arguments), arguments.first.map({ !$0.hasPrefix("-") }) ?? true else { return nil }
        let special: Set<String> = ["-h", "--help", "help", "--version"]
        if rest.contains(where: { special.contains($0) || $0.hasPrefix("--generate-completion") || $0.hasPrefix("--experimental") }) {
            return nil
        }
        return try? Check.parseAsRoot(Array(rest))
    }

    /// The arguments of `check` when the command line is one (named, or the default
    /// subcommand given no other command's name); nil for another command.
    static func checkArguments(_ arguments: [String]) -> ArraySlice<String>? {
        guard let first = arguments.first else { return arguments[...] }
        if first == "check" { return arguments.dropFirst() }
        return commandNames.contains(first) ? nil : arguments[...]
    }

    /// The subcommands' names, for "did you mean".
    static var commandNames: [String] { configuration.subcommands.map { $0._commandName } }
}

/// The warm-up thread's body: outside the main actor (a closure in `main` would inherit
/// its isolation and trap on this thread).
private func loadBundledLab(_: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    _ = Lab.bundledForGrading
    return nil
}
