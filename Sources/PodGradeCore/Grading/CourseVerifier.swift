import PodGradeYAML

/// `podgrade verify`: a course proves itself. Every solution scores full
/// marks, every starter scores below its pass mark, every known-wrong
/// submission fails exactly the rules it names, every spec is well formed,
/// and every task text exists in both languages.
public enum CourseVerifier {
    public struct Report: Sendable {
        public var problems: [String] = []
        public var solutions = 0
        public var starters = 0
        public var wrongCases = 0
        public var rightCases = 0
        /// Checks no known-wrong case fails (`exercise/check`): the course cannot show they can fail.
        public var uncovered: [String] = []
        /// Variants proven beside the default ones (exercises with variables), and copies caught among them.
        public var variants = 0
        public var copiesCaught = 0
        public var ok: Bool { problems.isEmpty }
    }

    public static func verify(lab: Lab, solutions: [String: [UInt8]]) -> Report {
        var report = Report()
        report.problems += lab.problems.map(\.description)
        let grader = Grader(lab: lab)
        for exercise in lab.exercises {
            report.problems += textProblems(exercise)
            // Every container keeps running (or, as an init container, finishes): every exercise judges it.
            if !exercise.checks.contains(where: { $0.rule.id == "container.long-running" }) {
                report.problems.append("\(exercise.id): no container.long-running check: every exercise judges that its containers keep running")
            }
            // A Pod that would not work never passes, whatever the exercise asks.
            if !exercise.checks.contains(where: { $0.rule.id == "pod.works" }) {
                report.problems.append("\(exercise.id): no pod.works check: every exercise judges that the whole Pod would work")
            }

            // The reference solution: solutions/<slug>/...
            let solutionFiles = solutions.filter { $0.key.hasPrefix(exercise.id + "/") }
            if solutionFiles.isEmpty {
                report.problems.append("\(exercise.id): no reference solution in solutions/\(exercise.id)/")
            } else {
                let result = grade(grader, exercise, files: solutionFiles)
                report.solutions += 1
                if result.score != exercise.maxScore {
                    report.problems.append("\(exercise.id): the solution scores \(result.score)/\(exercise.maxScore): "
                                           + failed(result).joined(separator: "; "))
                }
            }

            // The starter: below the pass mark.
            if exercise.starter.isEmpty {
                report.problems.append("\(exercise.id): no starter manifest in exercises/\(exercise.id)/starter/")
            } else {
                let files = Dictionary(exercise.starter.map { ("\(exercise.id)/\($0.path)", $0.content) }, uniquingKeysWith: { a, _ in a })
                let result = grade(grader, exercise, files: files)
                report.starters += 1
                if result.score >= exercise.passScore {
                    report.problems.append("\(exercise.id): the starter already passes (\(result.score)/\(exercise.maxScore))")
                }
                // Its comments come in both languages, so `podgrade start` can write either.
                for file in exercise.starter {
                    for problem in StarterComments.problems(file.content) {
                        report.problems.append("\(exercise.id): starter/\(file.path):\(problem.line): \(problem.message)")
                    }
                }
            }

            // Correct alternative answers score full marks.
            for right in exercise.rightCases {
                let result = grade(grader, exercise, files: ["\(exercise.id)/\(right.file)": right.content])
                report.rightCases += 1
                if result.score != exercise.maxScore {
                    report.problems.append("\(exercise.id)/right/\(right.file): scores \(result.score)/\(exercise.maxScore): "
                                           + failed(result).joined(separator: "; "))
                }
            }

            // Known-wrong submissions fail exactly the named rules.
            var failedChecks = Set<String>()
            for wrong in exercise.wrongCases {
                let result = grade(grader, exercise, files: ["\(exercise.id)/\(wrong.file)": wrong.content])
                report.wrongCases += 1
                let failedRules = Set(result.checks.filter { $0.status == .fail }.map(\.rule))
                failedChecks.formUnion(result.checks.filter { $0.status == .fail }.map(\.id))
                if let key = wrong.key {
                    let firsts = result.checks.filter { $0.status == .fail && wrong.fails.contains($0.rule) }.compactMap { $0.findings.first?.message.key }
                    if !firsts.contains(key) {
                        report.problems.append("\(exercise.id)/wrong/\(wrong.file): no named rule's first finding says \(key) (they say \(firsts.joined(separator: ", ")))")
                    }
                }
                let expected = Set(wrong.fails)
                if failedRules != expected {
                    let extra = failedRules.subtracting(expected).sorted()
                    let absent = expected.subtracting(failedRules).sorted()
                    var parts: [String] = []
                    if !absent.isEmpty { parts.append("does not fail \(absent.joined(separator: ", "))") }
                    if !extra.isEmpty { parts.append("also fails \(extra.joined(separator: ", ")): " + failed(result, rules: Set(extra)).joined(separator: "; ")) }
                    report.problems.append("\(exercise.id)/wrong/\(wrong.file): " + parts.joined(separator: "; "))
                }
                if wrong.fails.isEmpty { report.problems.append("\(exercise.id)/wrong/\(wrong.file): names no rule to fail") }
            }
            let uncovered = exercise.checks.map(\.id).filter { !failedChecks.contains($0) }
            report.uncovered += uncovered.map { "\(exercise.id)/\($0)" }
            // The course proves its checks can fail: `make mutants` proposes cases for these.
            report.problems += uncovered.map { "\(exercise.id): no known-wrong case fails check \($0) (`make mutants` proposes some)" }
            if !exercise.variables.isEmpty { proveVariants(exercise, lab: lab, solutions: solutionFiles, report: &report) }
        }
        return report
    }

    /// Sample learners whose variants `verify` proves, beside the default one.
    public static let sampleStudents = (1...8).map { "sample-\($0)" }

    /// Every sampled variant: its rendered solution scores full marks, its right cases
    /// too, its wrong cases fail exactly their rules; and between samples with
    /// different values, one learner's solution does not pass the other's variant.
    static func proveVariants(_ base: Exercise, lab: Lab, solutions: [String: [UInt8]], report: inout Report) {
        // The solution's template, in exercises/<slug>/solution/, rendered for the default variant is solutions/<slug>/.
        let templates = lab.solutionTemplate(of: base)
        if templates.isEmpty {
            report.problems.append("\(base.id): an exercise with variables needs its solution as a template in exercises/\(base.id)/solution/")
            return
        }
        let rendered = templates.mapValues { Variants.render($0, values: base.values) }
        if rendered != solutions {
            let differ = Set(rendered.keys).union(solutions.keys).filter { rendered[$0] != solutions[$0] }.sorted()
            report.problems.append("\(base.id): exercises/\(base.id)/solution/ with the default values differs from solutions/ in \(differ.joined(separator: ", "))")
        }
        var samples: [(name: String, exercise: Exercise)] = [("default", base)]
        var seen: Set<[String: String]> = [base.values]
        for student in sampleStudents {
            let variant = lab.variant(of: base, student: student)
            if seen.insert(variant.values).inserted { samples.append((student, variant)) }
        }
        if samples.count < 2 {
            report.problems.append("\(base.id): the \(sampleStudents.count) sample learners all get the default variant: give the variables more choices")
            return
        }
        let grader = Grader(lab: lab)
        func solution(_ exercise: Exercise) -> [String: [UInt8]] { templates.mapValues { Variants.render($0, values: exercise.values) } }
        func named(_ sample: (name: String, exercise: Exercise)) -> String {
            "\(base.id) (\(sample.name): " + base.variables.map { "\($0.name)=\(sample.exercise.values[$0.name] ?? "")" }.joined(separator: ", ") + ")"
        }
        for sample in samples.dropFirst() {
            let exercise = sample.exercise
            report.variants += 1
            let result = grade(grader, exercise, files: solution(exercise))
            if result.score != exercise.maxScore {
                report.problems.append("\(named(sample)): the solution scores \(result.score)/\(exercise.maxScore): " + failed(result).joined(separator: "; "))
            }
            for right in exercise.rightCases {
                let result = grade(grader, exercise, files: ["\(exercise.id)/\(right.file)": right.content])
                if result.score != exercise.maxScore {
                    report.problems.append("\(named(sample)) right/\(right.file): scores \(result.score)/\(exercise.maxScore): " + failed(result).joined(separator: "; "))
                }
            }
            for wrong in exercise.wrongCases {
                let result = grade(grader, exercise, files: ["\(exercise.id)/\(wrong.file)": wrong.content])
                let failedRules = Set(result.checks.filter { $0.status == .fail }.map(\.rule))
                if failedRules != Set(wrong.fails) {
                    report.problems.append("\(named(sample)) wrong/\(wrong.file): fails \(failedRules.sorted().joined(separator: ", ")), not \(wrong.fails.sorted().joined(separator: ", "))")
                }
            }
        }
        // A copy is caught: each sample's solution, handed in for the next sample's variant, fails.
        for (a, b) in zip(samples, samples.dropFirst() + samples.prefix(1)) {
            let copied = grade(grader, b.exercise, files: solution(a.exercise))
            if copied.passed {
                report.problems.append("\(named(a))'s solution passes \(named(b)): a copied answer is not caught")
            } else {
                report.copiesCaught += 1
            }
        }
    }

    static func grade(_ grader: Grader, _ exercise: Exercise, files: [String: [UInt8]]) -> ExerciseResult {
        let snapshot = SourceSnapshot(origin: SourceOrigin(path: exercise.id),
                                      files: files.sorted { $0.key < $1.key }.map { SourceFile(path: $0.key, content: .bytes($0.value)) })
        return grader.grade(exercise, in: ManifestSet(snapshot))
    }

    static func failed(_ result: ExerciseResult, rules: Set<String>? = nil) -> [String] {
        result.checks.filter { $0.status != .pass && (rules?.contains($0.rule) ?? true) }.map { "\($0.id) [\($0.rule)] \($0.text(.en))" }
    }

    /// Task texts in both languages, titles and hints too, with the same placeholders.
    static func textProblems(_ exercise: Exercise) -> [String] {
        var problems: [String] = []
        if exercise.task.ru.isEmpty || exercise.task.en.isEmpty {
            problems.append("\(exercise.id): the task text must exist in ru and en")
        } else {
            if !exercise.task.ru.contains(where: { ("а"..."я").contains($0) || ("А"..."Я").contains($0) }) {
                problems.append("\(exercise.id): task.ru.md has no Russian text")
            }
            let ruCode = Set(codeSpans(exercise.task.ru)), enCode = Set(codeSpans(exercise.task.en))
            if ruCode != enCode {
                let diff = ruCode.symmetricDifference(enCode).sorted().prefix(5)
                problems.append("\(exercise.id): task.ru.md and task.en.md name different `code` (\(diff.joined(separator: ", ")))")
            }
        }
        for check in exercise.checks {
            if let hint = check.hint, hint.ru.isEmpty || hint.en.isEmpty {
                problems.append("\(exercise.id): check \(check.id): hint must exist in ru and en")
            }
        }
        return problems
    }

    /// `inline code` spans: the names and values a task gives, which both languages must give alike.
    static func codeSpans(_ text: String) -> [String] {
        var spans: [String] = []
        var inCode = false
        var fence = false
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { fence.toggle(); continue }
            if fence { continue }
            for c in line {
                if c == "`" {
                    if inCode { spans.append(current) }
                    current = ""
                    inCode.toggle()
                } else if inCode {
                    current.append(c)
                }
            }
            inCode = false
            current = ""
        }
        return spans
    }
}
