import ArgumentParser
import PodGradeCore
import PodGradeReport
import PodGradeBatch
#if canImport(Glibc)
import Glibc
#endif

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: say("Merge the output folders of `grade` (shards) into one gradebook and HTML report.", ru: "Свести выходные папки `grade` (части) в одну ведомость и HTML-отчёт."))

    @Argument(help: ArgumentHelp(say("Output folders of `podgrade grade`.", ru: "Выходные папки `podgrade grade`."))) var directories: [String]
    @Option(name: .long, help: ArgumentHelp(say("Write the HTML report here (default: report.html).", ru: "Куда записать HTML-отчёт (по умолчанию report.html)."))) var html: String?
    @Option(name: .long, help: ArgumentHelp(say("Write the gradebook here (default: gradebook.csv).", ru: "Куда записать ведомость (по умолчанию gradebook.csv)."))) var csv: String?
    @Option(name: .long, help: ArgumentHelp(say("Also write a school gradebook's import file beside the gradebook: moodle or canvas.", ru: "Записать рядом с ведомостью и файл импорта для электронного журнала: moodle или canvas."))) var gradebook: String?
    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: LabOptions

    func run() throws {
        let lang = try language.resolve()
        let lab = try labOptions.load()
        var format: GradebookFormat?
        if let gradebook {
            guard let parsed = GradebookFormat(rawValue: gradebook.lowercased()) else { throw UsageFailure("invalid --gradebook '\(gradebook)': use moodle or canvas") }
            format = parsed
        }
        var entries: [JournalEntry] = []
        var seen = Set<String>()
        for directory in directories {
            let path = directory + "/journal.jsonl"
            guard access(path, R_OK) == 0 else { throw UsageFailure("\(directory): no journal.jsonl (is it an output folder of podgrade grade?)") }
            for entry in Journal.read(path) where seen.insert(entry.student).inserted { entries.append(entry) }
        }
        entries.sort { $0.student < $1.student }
        do {
            try BatchGrader.writeReports(entries, directories: directories, csvPath: csv ?? "gradebook.csv", htmlPath: html ?? "report.html",
                                         lab: lab, lang: lang, gradebook: format)
        } catch {
            throw UsageFailure(error.message)
        }
        print(CommandText.reportWritten(learners: entries.count, csv: csv ?? "gradebook.csv", html: html ?? "report.html").text(lang))
        if let format {
            let csvPath = csv ?? "gradebook.csv"
            let folder = csvPath.contains("/") ? String(csvPath[..<(csvPath.lastIndex(of: "/") ?? csvPath.endIndex)]) : "."
            print(CommandText.schoolGradebookWritten(path: folder + "/" + format.fileName).text(lang))
        }
        // As `grade` exits for the same rows: 1 when a learner's row is an error.
        if entries.contains(where: { $0.status == .error }) { throw ExitCode(1) }
    }
}
