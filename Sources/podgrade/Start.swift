import ArgumentParser
import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Copy an exercise's starter manifest into DIR/<slug>/.")
    @Argument(help: "The exercise.") var slug: String
    @Argument(help: "Your repository (default: the current folder).") var directory: String = "."
    @OptionGroup var language: LanguageOptions
    @OptionGroup var labOptions: LabOptions

    func run() throws {
        let lang = try language.resolve()
        let exercise = try labOptions.exercise(slug)
        let folder = directory + "/" + slug
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw UsageFailure("cannot create \(folder): \(String(cString: strerror(errno)))")
        }
        for file in exercise.starter {
            let target = folder + "/" + file.path
            if access(target, F_OK) == 0 { throw UsageFailure("\(target) already exists: not overwritten") }
            do { try FileOutput.write(file.content, to: target) } catch { throw UsageFailure(error.message) }
            print(target)
        }
        print(CLIText.nextSteps(slug, lang))
    }
}
