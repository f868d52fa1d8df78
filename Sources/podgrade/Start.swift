import ArgumentParser
import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: say("Copy an exercise's starter manifest into DIR/<slug>/.", ru: "Скопировать заготовку задания в ПАПКА/<slug>/."))
    @Argument(help: ArgumentHelp(say("The exercise: its slug, a unique prefix or its number.", ru: "Задание: его имя, однозначное начало или номер."))) var slug: String
    @Argument(help: ArgumentHelp(say("Your repository.", ru: "Ваш репозиторий."))) var directory: String = "."
    @OptionGroup var options: ExerciseOptions<ForStart>

    func run() throws {
        let (lang, exercise) = try options.resolve(slug)
        let folder = directory + "/" + exercise.id
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw UsageFailure(.cannotCreate(path: folder, reason: String(cString: strerror(errno))))
        }
        for file in exercise.starter {
            let target = folder + "/" + file.path
            if access(target, F_OK) == 0 { throw UsageFailure(.alreadyExists(path: target)) }
            // The starter's comments in the learner's language only.
            do { try FileOutput.write(StarterComments.localized(file.content, lang), to: target) } catch { throw UsageFailure(.cannotWrite(detail: error.message)) }
            print(target)
        }
        if let student = options.learner.student {
            // The learner's id beside their work: `check` grades their variant from now on.
            let path = directory + "/" + LearnerFile.name
            let old: [UInt8]? = access(path, F_OK) == 0 ? (try? WorkTreeReader.readRegular(path).get()) : nil
            do { try FileOutput.write(LearnerFile.updated(old, student: student), to: path) } catch { throw UsageFailure(.cannotWrite(detail: error.message)) }
            print(path)
            // The task, as this learner's variant says it.
            let task = directory + "/" + exercise.id + "/TASK.md"
            do { try FileOutput.write(exercise.task.text(lang), to: task) } catch { throw UsageFailure(.cannotWrite(detail: error.message)) }
            print(task)
            if let line = options.learner.variantLine(exercise, lang: lang) { print(line) }
        }
        print(CommandText.startNext(slug: exercise.id).text(lang))
    }
}
