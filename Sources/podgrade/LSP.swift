import ArgumentParser
import Dispatch
import PodGradeCore
import PodGradeLSP
#if canImport(Glibc)
import Glibc
#endif

/// `podgrade lsp`: the language server over standard input and output.
struct LSP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: say("Language server (LSP 3.17 over stdio): feedback in the editor as the learner types.", ru: "Языковой сервер (LSP 3.17 через stdio): отзыв прямо в редакторе, пока ученик пишет."))

    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: LabOptions

    @Option(name: .long, help: ArgumentHelp(say("Milliseconds of quiet after an edit before grading.", ru: "Сколько миллисекунд тишины после правки ждать перед проверкой.")))
    var debounce: Int = 150

    func validate() throws {
        guard (0...10_000).contains(debounce) else { throw UsageFailure("--debounce \(debounce): use 0 to 10000 milliseconds") }
    }

    func run() throws {
        let options = ServerOptions(lang: try language.resolve(), lab: try labOptions.load(), limits: try LimitOptions.resolve(),
                                    debounce: .milliseconds(debounce))
        let server = LanguageServer(options: options, sink: FileDescriptorSink(fd: 1))
        let input = FileDescriptorSource.stream(fd: 0)
        Task {
            let code = await server.run(input: input)
            exitFlushed(code)
        }
        dispatchMain()
    }
}
