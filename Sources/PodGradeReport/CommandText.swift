public import PodGradeCore

/// What the commands themselves say to a person (usage errors, progress of
/// `--watch`, headings of `show`), in both languages. Each case renders in
/// every language through one exhaustive switch: a missing translation does
/// not compile. Findings of checks are rendered elsewhere (the reporters).
public enum CommandText: Sendable, Equatable {
    case unknownLanguage(value: String, origin: Lang.Origin)
    case unknownCommand(typed: String, suggestion: String)
    case noSuchSource(path: String)
    case unreadableSource(detail: String)
    case unknownExercise(typed: String, suggestions: [String])
    case ambiguousExercise(typed: String, matches: [String])
    case unknownRule(typed: String, suggestions: [String])
    case checkUsesRule(check: String, exercises: [String], rule: String)
    case unknownFormat(name: String, known: [String])
    case formatFileEmpty(spec: String)
    case severalFormatsToStdout
    case moreOutputsThanFormats
    case cannotWrite(detail: String)
    case cannotAppendSummary(path: String, reason: String)
    /// `check --run` without a runtime: the static grade is printed all the same.
    case runUnavailable(reason: String)
    case pulling(image: String)
    case runNotForWatch
    case watchNeedsFolder(reason: WatchConflict)
    case watching(source: String, exercises: [String])
    case watchGraded(time: String)
    case exercisesFolderUnreadable(detail: String)
    case noExerciseInFolder(path: String, firstProblem: String?)
    case alreadyExists(path: String)
    case cannotCreate(path: String, reason: String)
    case startNext(slug: String)
    case checksHeading
    case passMark(pass: Int, max: Int)
    case seeHelp(command: String)
    /// `grade`'s progress and closing lines, `report`'s summary.
    case waitingForLock(student: String)
    case retryingSoon(student: String, seconds: String)
    case attemptFailed(student: String, attempt: Int, error: String, seconds: String)
    case inProgress(names: String)
    case errorsWord
    case andMore(count: Int)
    case batchFinished(graded: Int, of: Int, skippedByResume: Int?, errors: Int, inError: String?, out: String)
    case interrupted(command: String)
    case reportWritten(learners: Int, csv: String, html: String)
    /// `validate`'s word for a finding's weight.
    case severity(isError: Bool)
    /// `validate`'s closing line: what was checked.
    case validationSummary(files: Int, objects: Int, errors: Int, warnings: Int)
    /// An error of the argument parser, in its words when no translation is known.
    case parser(ParserProblem)
    /// `explain --pod FILE` found nothing to draw.
    case noPodInFile(path: String)
    /// `explain --pod` with a format it cannot draw in.
    case podFormatUnknown(name: String)
    /// `grade --gradebook`: the school gradebook's import file was written too.
    case schoolGradebookWritten(path: String)
    /// Exercises with per-learner variants graded without a student id.
    case defaultVariant(exercises: [String])
    /// `show`/`start --student`: whose variant this is.
    case variantOf(student: String, values: String)
    /// `.podgrade.yaml` is unusable.
    case learnerFileInvalid(path: String, line: Int?, problem: String)

    public enum WatchConflict: Sendable, Equatable { case rev, deadline, url }

    /// The argument parser's usual complaints, recognised so they can be said in Russian.
    public enum ParserProblem: Sendable, Equatable {
        case unknownOption(String)
        case unexpectedArgument(String)
        case missingArgument(String)
        case missingValue(String)
        case invalidValue(value: String, option: String)
        case other(english: String)

        /// Reads the parser's first line ("Unknown option '--x'", ...).
        public init(_ line: String) {
            func quoted(after prefix: String) -> String? {
                guard line.hasPrefix(prefix) else { return nil }
                let rest = line.dropFirst(prefix.count)
                guard let open = rest.firstIndex(of: "'"), let close = rest[rest.index(after: open)...].firstIndex(of: "'") else { return nil }
                return String(rest[rest.index(after: open)..<close])
            }
            if let option = quoted(after: "Unknown option") { self = .unknownOption(option) }
            else if let argument = quoted(after: "Unexpected argument") { self = .unexpectedArgument(argument) }
            else if let argument = quoted(after: "Missing expected argument") { self = .missingArgument(argument) }
            else if let option = quoted(after: "Missing value for") { self = .missingValue(option) }
            else if line.hasPrefix("The value '"), case let parts = line.split(separator: "'", omittingEmptySubsequences: false),
                    parts.count >= 5, parts[2] == " is invalid for " {
                self = .invalidValue(value: String(parts[1]), option: String(parts[3]))
            } else { self = .other(english: line) }
        }
    }

}
