public import PodGradeCore

extension CommandText {
    public func text(_ lang: Lang) -> String {
        switch lang {
        case .ru: return russian
        case .en: return english
        }
    }

    var russian: String {
        switch self {
        case .unknownLanguage(let value, let origin):
            return "Неизвестный язык '\(value)' в \(origin.rawValue): укажите ru или en / Unknown language '\(value)' in \(origin.rawValue): use ru or en."
        case .unknownCommand(let typed, let suggestion):
            return "Нет такой команды и такого пути: '\(typed)'. Может быть, podgrade \(suggestion)?"
        case .noSuchSource(let path):
            return "Нет такого файла, папки или репозитория: \(path). Укажите папку с манифестами, файл манифеста или URL git-репозитория."
        case .unreadableSource(let detail):
            return "Не удалось прочитать источник: \(detail)."
        case .unknownExercise(let typed, let suggestions):
            return "Нет задания '\(typed)'." + (suggestions.isEmpty ? "" : " Может быть, \(Self.list(suggestions, or: "или"))?") + " Список: podgrade list."
        case .ambiguousExercise(let typed, let matches):
            return "'\(typed)' подходит к нескольким заданиям: \(matches.joined(separator: ", ")). Уточните."
        case .unknownRule(let typed, let suggestions):
            return "Нет правила или проверки '\(typed)'." + (suggestions.isEmpty ? "" : " Может быть, \(Self.list(suggestions, or: "или"))?") + " Список правил: podgrade explain."
        case .checkUsesRule(let check, let exercises, let rule):
            return "Проверка \(check) (\(exercises.joined(separator: ", "))) применяет правило \(rule):"
        case .unknownFormat(let name, let known):
            return "Неизвестный формат '\(name)': выберите один из \(known.joined(separator: ", "))."
        case .formatFileEmpty(let spec):
            return "В --format \(spec) после ':' нет имени файла."
        case .severalFormatsToStdout:
            return "Несколько форматов попали бы в стандартный вывод: всем, кроме одного, дайте файл (--format sarif:out.sarif или --output ФАЙЛ)."
        case .moreOutputsThanFormats:
            return "Файлов --output больше, чем форматов --format."
        case .cannotWrite(let detail):
            return "Не удалось записать \(detail)."
        case .cannotAppendSummary(let path, let reason):
            return "Не удалось дописать GITHUB_STEP_SUMMARY \(path): \(reason)."
        case .runUnavailable(let reason):
            return "--run: POD не запущен: \(reason). Ниже — обычная проверка."
        case .pulling(let image):
            return "--run: скачиваю образ \(image)…"
        case .runNotForWatch:
            return "--run не сочетается с --watch: запускайте POD по одному разу."
        case .watchNeedsFolder(let reason):
            switch reason {
            case .rev: return "--watch следит за файлами папки, а --rev проверяет коммит: выберите одно."
            case .deadline: return "--watch следит за файлами папки, а --deadline проверяет коммит: выберите одно."
            case .url: return "--watch следит за папкой на диске, а не за удалённым репозиторием."
            }
        case .watching(let source, let exercises):
            return "Слежу за \(source)" + (exercises.isEmpty ? "" : " (\(exercises.joined(separator: ", ")))") + ": проверяю заново при каждом сохранении. Выход: Ctrl-C."
        case .watchGraded(let time):
            return "Проверено в \(time); жду изменений…"
        case .exercisesFolderUnreadable(let detail):
            return "Не удалось прочитать папку заданий: \(detail)."
        case .noExerciseInFolder(let path, let problem):
            return "В \(path) нет заданий (каждому нужен <slug>/spec.yaml)" + (problem.map { "; первая ошибка: \($0)" } ?? "") + "."
        case .alreadyExists(let path):
            return "\(path) уже существует: файл не перезаписан."
        case .cannotCreate(let path, let reason):
            return "Не удалось создать \(path): \(reason)."
        case .startNext(let slug):
            return "Задание: podgrade show \(slug); проверка: podgrade check --exercise \(slug)"
        case .defaultVariant(let exercises):
            return "Задания с вариантом для каждого ученика (\(exercises.joined(separator: ", "))) проверены по варианту по умолчанию: номер ученика не указан (укажите --student ID или student: ID в .podgrade.yaml)."
        case .variantOf(let student, let values):
            return "Вариант ученика \(student): \(values)"
        case .learnerFileInvalid(let path, let line, let problem):
            return "\(path)\(line.map { ":\($0)" } ?? ""): \(problem); нужен вид student: ВАШ_НОМЕР"
        case .checksHeading:
            return "Проверки:"
        case .passMark(let pass, let max):
            return "Зачёт: от \(RussianPlural.points(pass)) из \(max)."
        case .seeHelp(let command):
            return "Справка: \(command) --help."
        case .waitingForLock(let student):
            return "ожидание блокировки кэша для \(student) (его обновляет другой podgrade)"
        case .retryingSoon(let student, let seconds):
            return "\(student): повтор через \(seconds) с"
        case .attemptFailed(let student, let attempt, let error, let seconds):
            return "\(student): попытка \(attempt) не удалась (\(error)); повтор через \(seconds) с"
        case .inProgress(let names):
            return "в работе: \(names)"
        case .errorsWord:
            return "ошибок"
        case .andMore(let count):
            return "и ещё \(count)"
        case .batchFinished(let graded, let of, let skipped, let errors, let inError, let out):
            return "Проверено \(graded) из \(of)" + (skipped.map { " (пропущено по --resume: \($0))" } ?? "")
                + ", ошибок: \(errors)" + (inError.map { " (\($0))" } ?? "") + ". Итоги: \(out)/gradebook.csv, \(out)/report.html"
        case .interrupted(let command):
            return "Прервано. Чтобы продолжить с того же места: \(command)"
        case .reportWritten(let learners, let csv, let html):
            return RussianPlural.form(learners, one: "\(learners) ученик", few: "\(learners) ученика", many: "\(learners) учеников") + ": \(csv), \(html)"
        case .severity(let isError):
            return isError ? "ошибка" : "предупреждение"
        case .validationSummary(let files, let objects, let errors, let warnings):
            return RussianPlural.form(files, one: "\(files) файл", few: "\(files) файла", many: "\(files) файлов")
                + ", " + RussianPlural.form(objects, one: "\(objects) объект", few: "\(objects) объекта", many: "\(objects) объектов")
                + ", " + RussianPlural.form(errors, one: "\(errors) ошибка", few: "\(errors) ошибки", many: "\(errors) ошибок")
                + (warnings > 0 ? ", " + RussianPlural.form(warnings, one: "\(warnings) предупреждение", few: "\(warnings) предупреждения",
                                                             many: "\(warnings) предупреждений") : "")
        case .parser(let problem):
            switch problem {
            case .unknownOption(let option): return "Неизвестный параметр \(option)."
            case .unexpectedArgument(let argument): return "Лишний аргумент '\(argument)'."
            case .missingArgument(let argument): return "Не хватает аргумента \(argument)."
            case .missingValue(let option): return "Для \(option) нужно значение."
            case .invalidValue(let value, let option): return "Недопустимое значение '\(value)' для \(option)."
            case .other(let english): return english
            }
        case .noPodInFile(let path):
            return "В \(path) нет ни Pod, ни шаблона Pod (spec.template): рисовать нечего. Укажите файл с манифестом Pod или Deployment."
        case .podFormatUnknown(let name):
            return "explain --pod не умеет выводить в формате «\(name)»: используйте --format text или --format markdown."
        case .schoolGradebookWritten(let path):
            return "Файл для школьного журнала: \(path)"
        }
    }

    var english: String {
        switch self {
        case .unknownLanguage(let value, let origin):
            return "Unknown language '\(value)' in \(origin.rawValue): use ru or en / Неизвестный язык '\(value)' в \(origin.rawValue): укажите ru или en."
        case .unknownCommand(let typed, let suggestion):
            return "No such command or path: '\(typed)'. Did you mean podgrade \(suggestion)?"
        case .noSuchSource(let path):
            return "No such file, folder or repository: \(path). Give a folder of manifests, a manifest file or a git repository URL."
        case .unreadableSource(let detail):
            return "Cannot read the source: \(detail)."
        case .unknownExercise(let typed, let suggestions):
            return "No exercise '\(typed)'." + (suggestions.isEmpty ? "" : " Did you mean \(Self.list(suggestions, or: "or"))?") + " See podgrade list."
        case .ambiguousExercise(let typed, let matches):
            return "'\(typed)' matches several exercises: \(matches.joined(separator: ", ")). Be more specific."
        case .unknownRule(let typed, let suggestions):
            return "No rule or check '\(typed)'." + (suggestions.isEmpty ? "" : " Did you mean \(Self.list(suggestions, or: "or"))?") + " See podgrade explain for the rules."
        case .checkUsesRule(let check, let exercises, let rule):
            return "Check \(check) (\(exercises.joined(separator: ", "))) applies rule \(rule):"
        case .unknownFormat(let name, let known):
            return "Unknown format '\(name)': use one of \(known.joined(separator: ", "))."
        case .formatFileEmpty(let spec):
            return "--format \(spec) has no file name after ':'."
        case .severalFormatsToStdout:
            return "Several formats would go to standard output: give each but one a file (--format sarif:out.sarif or --output FILE)."
        case .moreOutputsThanFormats:
            return "More --output files than --format formats."
        case .cannotWrite(let detail):
            return "Cannot write \(detail)."
        case .cannotAppendSummary(let path, let reason):
            return "Cannot append to GITHUB_STEP_SUMMARY \(path): \(reason)."
        case .runUnavailable(let reason):
            return "--run: no Pod was run: \(reason). The static grade follows."
        case .pulling(let image):
            return "--run: pulling the image \(image)…"
        case .runNotForWatch:
            return "--run does not go with --watch: run the Pod once at a time."
        case .watchNeedsFolder(let reason):
            switch reason {
            case .rev: return "--watch follows a folder's files while --rev grades a commit: choose one."
            case .deadline: return "--watch follows a folder's files while --deadline grades a commit: choose one."
            case .url: return "--watch follows a folder on disk, not a remote repository."
            }
        case .watching(let source, let exercises):
            return "Watching \(source)" + (exercises.isEmpty ? "" : " (\(exercises.joined(separator: ", ")))") + ": grading again on every save. Stop with Ctrl-C."
        case .watchGraded(let time):
            return "Graded at \(time); waiting for changes…"
        case .exercisesFolderUnreadable(let detail):
            return "Cannot read the exercises folder: \(detail)."
        case .noExerciseInFolder(let path, let problem):
            return "No exercise in \(path) (each needs <slug>/spec.yaml)" + (problem.map { "; first problem: \($0)" } ?? "") + "."
        case .alreadyExists(let path):
            return "\(path) already exists: not overwritten."
        case .cannotCreate(let path, let reason):
            return "Cannot create \(path): \(reason)."
        case .startNext(let slug):
            return "Task: podgrade show \(slug); check: podgrade check --exercise \(slug)"
        case .defaultVariant(let exercises):
            return "Exercises with a variant per learner (\(exercises.joined(separator: ", "))) were graded against their default variant: no student id was given (give --student ID or student: ID in .podgrade.yaml)."
        case .variantOf(let student, let values):
            return "Variant of student \(student): \(values)"
        case .learnerFileInvalid(let path, let line, let problem):
            return "\(path)\(line.map { ":\($0)" } ?? ""): \(problem); write it as student: YOUR_ID"
        case .checksHeading:
            return "Checks:"
        case .passMark(let pass, let max):
            return "Pass: \(EnglishPlural.points(pass)) of \(max)."
        case .seeHelp(let command):
            return "See \(command) --help."
        case .waitingForLock(let student):
            return "waiting for the cache lock of \(student) (another podgrade is updating it)"
        case .retryingSoon(let student, let seconds):
            return "\(student): trying again in \(seconds) s"
        case .attemptFailed(let student, let attempt, let error, let seconds):
            return "\(student): attempt \(attempt) failed (\(error)); trying again in \(seconds) s"
        case .inProgress(let names):
            return "in progress: \(names)"
        case .errorsWord:
            return "errors"
        case .andMore(let count):
            return "and \(count) more"
        case .batchFinished(let graded, let of, let skipped, let errors, let inError, let out):
            return "Graded \(graded) of \(of)" + (skipped.map { " (skipped by --resume: \($0))" } ?? "")
                + ", errors: \(errors)" + (inError.map { " (\($0))" } ?? "") + ". Results: \(out)/gradebook.csv, \(out)/report.html"
        case .interrupted(let command):
            return "Interrupted. To continue where it stopped: \(command)"
        case .reportWritten(let learners, let csv, let html):
            return (learners == 1 ? "1 learner" : "\(learners) learners") + ": \(csv), \(html)"
        case .severity(let isError):
            return isError ? "error" : "warning"
        case .validationSummary(let files, let objects, let errors, let warnings):
            func count(_ n: Int, _ word: String) -> String { n == 1 ? "1 \(word)" : "\(n) \(word)s" }
            return "\(count(files, "file")), \(count(objects, "object")), \(count(errors, "error"))"
                + (warnings > 0 ? ", \(count(warnings, "warning"))" : "")
        case .parser(let problem):
            switch problem {
            case .unknownOption(let option): return "Unknown option \(option)."
            case .unexpectedArgument(let argument): return "Unexpected argument '\(argument)'."
            case .missingArgument(let argument): return "Missing argument \(argument)."
            case .missingValue(let option): return "Missing value for \(option)."
            case .invalidValue(let value, let option): return "Invalid value '\(value)' for \(option)."
            case .other(let english): return english
            }
        case .noPodInFile(let path):
            return "\(path) holds no Pod and no pod template (spec.template): nothing to draw. Give a file with a Pod or Deployment manifest."
        case .podFormatUnknown(let name):
            return "explain --pod cannot write the format '\(name)': use --format text or --format markdown."
        case .schoolGradebookWritten(let path):
            return "For the school gradebook: \(path)"
        }
    }

    /// "a, b or c".
    static func list(_ items: [String], or word: String) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(word) " + last
    }
}
