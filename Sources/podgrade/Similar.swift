import ArgumentParser
import PodGradeCore
import PodGradeSimilarity
#if canImport(Glibc)
import Glibc
#endif

struct Similar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: say("Find pairs of learners whose submissions are suspiciously alike: evidence to look at, not a verdict.",
                      ru: "Найти пары подозрительно похожих работ: повод посмотреть, а не вывод."))

    @Argument(help: ArgumentHelp(say("Output folders of `podgrade grade` (they keep fingerprints/).", ru: "Выходные папки `podgrade grade` (в них хранится fingerprints/).")))
    var directories: [String] = []

    @Option(name: .long, help: ArgumentHelp(say("Instead of output folders: a folder of learners' repositories or folders, one sub-folder per learner.", ru: "Вместо выходных папок: папка с репозиториями или папками учеников, по подпапке на ученика.")))
    var repos: String?

    @Option(name: .long, help: ArgumentHelp(say("Report pairs scoring at least this, from 0 to 1.", ru: "Показывать пары со сходством не меньше этого, от 0 до 1.")))
    var threshold: Double = 0.5

    @Option(name: .long, help: ArgumentHelp(say("Show at most this many pairs here and in the HTML; the CSV has every pair above the threshold.", ru: "Показать не больше стольких пар здесь и в HTML; в CSV — все пары выше порога.")))
    var top: Int = 50

    @Option(name: .long, help: ArgumentHelp(say("Write the pairs here (default: similarity.csv in the output folder, or here with --repos).", ru: "Куда записать пары (по умолчанию similarity.csv в выходной папке, а с --repos — здесь).")))
    var csv: String?

    @Option(name: .long, help: ArgumentHelp(say("Write the side-by-side page here (default: similarity.html beside the CSV).", ru: "Куда записать страницу сравнения (по умолчанию similarity.html рядом с CSV).")))
    var html: String?

    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: LabOptions

    func run() throws {
        let lang = try language.resolve()
        func say(_ ru: String, _ en: String) -> String { LocalizedText(ru: ru, en: en).text(lang) }
        guard (repos == nil) != directories.isEmpty else {
            throw UsageFailure(say("укажите папку результатов podgrade grade или --repos ПАПКА (одно из двух)",
                                   "give an output folder of podgrade grade or --repos DIR (one of the two)"))
        }
        guard threshold.isFinite, (0...1).contains(threshold) else {
            throw UsageFailure(say("--threshold должен быть числом от 0 до 1, например 0.5", "--threshold must be a number from 0 to 1, such as 0.5"))
        }
        guard top >= 1 else { throw UsageFailure(say("--top должен быть не меньше 1", "--top must be at least 1")) }
        let lab = try labOptions.load()

        var learners: [LearnerFingerprints] = []
        // Where each learner's fingerprint file is, when they come from output folders.
        var files: [String: String] = [:]
        if let repos {
            guard isDirectory(repos) else {
                throw UsageFailure(say("\(repos): нет такой папки (нужна папка с подпапкой на каждого ученика)",
                                       "\(repos): no such folder (it needs one sub-folder per learner)"))
            }
            let folders = DirectoryListing.folders(repos)
            guard !folders.isEmpty else {
                throw UsageFailure(say("\(repos): нет подпапок учеников", "\(repos): no learner sub-folders"))
            }
            let limits = try LimitOptions.resolve()
            for name in folders {
                do {
                    let snapshot = try SourceLoader.snapshot(SourceRequest(source: repos + "/" + name, limits: limits.source))
                    learners.append(Fingerprinter.fingerprints(of: snapshot, lab: lab, student: name))
                } catch {
                    printError(say("podgrade: пропущен \(name): \(error.message)", "podgrade: skipped \(name): \(error.message)"))
                }
            }
        } else {
            for directory in directories where !isDirectory(directory) {
                throw UsageFailure(say("\(directory): нет такой папки", "\(directory): no such folder"))
            }
            let read = SimilarityStore.read(directories, lean: true)
            for problem in read.problems { printError(say("podgrade: пропущен ", "podgrade: skipped ") + problem) }
            guard !read.learners.isEmpty else {
                throw UsageFailure(say("\(directories[0]): нет отпечатков в \(SimilarityStore.folder)/ (папка от старой версии podgrade grade?); сравните репозитории напрямую: --repos ПАПКА",
                                       "\(directories[0]): no fingerprints in \(SimilarityStore.folder)/ (an output folder of an older podgrade grade?); compare the repositories directly with --repos DIR"))
            }
            learners = read.learners
            files = read.files
        }

        let analysis = SimilarityDetector.analyze(learners, lab: lab)
        let pairs = analysis.pairs(threshold: threshold)
        // Fingerprints read lean from output folders: the pairs shown side by side are read whole again.
        let whole = files.isEmpty ? analysis : analysis.reloading { [files] student in files[student].flatMap { SimilarityStore.load($0) } }
        let shown = whole.pairs(threshold: threshold, top: top)
        let base = directories.first.map { $0 + "/" } ?? ""
        let csvPath = csv ?? base + "similarity.csv"
        let htmlPath = html ?? (csv.map { parent(of: $0) } ?? base) + "similarity.html"
        do {
            try FileOutput.write(SimilarityCSV.csv(pairs), to: csvPath)
            try FileOutput.write(SimilarityHTML.page(shown, threshold: threshold, lang: lang), to: htmlPath)
        } catch {
            throw UsageFailure(error.message)
        }
        print(SimilarityText.summary(analysis, found: pairs.count, threshold: threshold, lang))
        for pair in shown {
            let signal = pair.identical ? "  (" + SimilarityText.identical(lang) + ")" : ""
            print("  \(SimilarityCSV.scoreText(pair.score))  \(pair.studentA) ~ \(pair.studentB)  \(pair.exercise)" + signal)
        }
        print(say("Это повод посмотреть работы рядом, а не вывод о списывании: \(csvPath), \(htmlPath)",
                  "Evidence to look at side by side, not a verdict of copying: \(csvPath), \(htmlPath)"))
    }

    private func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }
}
