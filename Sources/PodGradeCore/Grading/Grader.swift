import PodGradeYAML
import PodGradeKubernetes

/// Grades snapshots against a lab: finds each exercise's submission, runs its
/// checks and scores them. The result holds message values; reporters render
/// them in the language they are asked for.
public struct Grader: Sendable {
    public let lab: Lab
    public let limits: YAMLLimits
    /// Whether one learner's exercises are graded on two threads: `check`, which grades
    /// one learner while a person waits (a batch grades several learners at once instead).
    public var exercisesInTwoThreads = false

    public init(lab: Lab, limits: YAMLLimits = .default) {
        self.lab = lab
        self.limits = limits
    }

    /// Grades the exercises named in `only` (all when empty); `describePods` adds each
    /// found Pod's picture (`ExerciseResult.pod`).
    public func grade(_ snapshot: SourceSnapshot, only: [String] = [], describePods: Bool = false) -> GradeResult {
        grade(snapshot, manifests: ManifestSet(snapshot, limits: limits), only: only, describePods: describePods)
    }

    /// The same, over the snapshot's manifests already read (`ManifestSet(snapshot, limits:)`).
    public func grade(_ snapshot: SourceSnapshot, manifests: ManifestSet, only: [String] = [], describePods: Bool = false) -> GradeResult {
        let exercises = only.isEmpty ? lab.exercises : only.compactMap(lab.exercise)
        let grader = self
        let one: @Sendable (Exercise) -> ExerciseResult = { describePods ? grader.gradeDescribingPod($0, in: manifests) : grader.grade($0, in: manifests) }
        let results = exercisesInTwoThreads ? Parallel.inTwoThreads(exercises.count) { one(exercises[$0]) } : exercises.map(one)
        // CONTRACT.md: `passed` means every exercise asked for passed; a missing one is not passed.
        let passed = !results.isEmpty && results.allSatisfy(\.passed)
        let origin = snapshot.origin
        return GradeResult(
            source: .init(path: origin.path, url: origin.url, commit: origin.commit, newerCommits: origin.newerCommits, deadline: origin.deadline),
            score: results.reduce(0) { $0 + $1.score },
            maxScore: results.reduce(0) { $0 + $1.maxScore },
            passed: passed,
            exercises: results,
            notes: snapshot.notes.isEmpty ? nil : snapshot.notes)
    }

    public func grade(_ exercise: Exercise, in manifests: ManifestSet) -> ExerciseResult {
        let submission = manifests.submission(for: exercise)
        let paths = (submission.files.map(\.path) + submission.skipped.map(\.path)).sorted()
        guard !paths.isEmpty else {
            return ExerciseResult(id: exercise.id, title: exercise.title, status: .missing, passed: false, score: 0,
                                  maxScore: exercise.maxScore, passScore: exercise.passScore, files: [], checks: [])
        }
        let notGradable = NotGradable.reason(target: submission.target, files: submission.files)
        let context = CheckContext(exercise: exercise, files: submission.files, target: submission.target, notGradable: notGradable)
        var checks = exercise.checks.map { run($0, context) }
        if let unreadable = implicitSyntaxCheck(exercise, context, skipped: submission.skipped) {
            checks.insert(unreadable, at: 0)
        }
        let score = checks.reduce(0) { $0 + $1.points }
        let passed = score >= exercise.passScore && !checks.contains { $0.status == .error }
        return ExerciseResult(id: exercise.id, title: exercise.title, status: passed ? .pass : .fail, passed: passed,
                              score: score, maxScore: exercise.maxScore, passScore: exercise.passScore, files: paths, checks: checks)
    }

    /// The exercise's result with the picture of the Pod its checks examined.
    public func gradeDescribingPod(_ exercise: Exercise, in manifests: ManifestSet) -> ExerciseResult {
        var result = grade(exercise, in: manifests)
        if result.status != .missing, let target = manifests.submission(for: exercise).target {
            result.pod = PodPicture(target.workload, file: target.file)
        }
        return result
    }

    func run(_ spec: CheckSpec, _ context: CheckContext) -> CheckResult {
        let rule = spec.rule
        // Not run: the object is not there, or it cannot be told (a file that does not parse may hold it;
        // `pod.found` itself is then "not checked" like the rest, not failed).
        if (rule.needsWorkload && context.target == nil) || (context.notGradable != nil && rule.needsIdentity) {
            return result(spec, status: .skip, points: 0, findings: [context.notGradable ?? Finding(SharedMessage.skippedNoWorkload)], hint: nil)
        }
        switch spec.check.run(context) {
        case .pass(let message):
            return result(spec, status: .pass, points: spec.points, findings: [Finding(message)], hint: nil)
        case .passWithNotes(let message, let notes):
            return result(spec, status: .pass, points: spec.points, findings: [Finding(message)] + notes, hint: nil)
        case .fail(let findings):
            // The hint only shows on a failure.
            let hint = spec.hint ?? defaultHint(rule)
            let shown = findings.isEmpty ? [Finding(SharedMessage.checkCrashed(detail: "no finding"))] : findings
            return result(spec, status: .fail, points: 0, findings: shown, hint: hint)
        case .skip(let message):
            return result(spec, status: .skip, points: 0, findings: [Finding(message)], hint: nil)
        }
    }

    /// A rule's explanation with the lecture section it comes from, for a check without its own hint.
    func defaultHint(_ rule: any Rule) -> LocalizedText {
        guard let section = rule.doc.section else { return rule.doc.explanation }
        return LocalizedText(ru: rule.doc.explanation.ru + " См. раздел лекции «\(section)».",
                             en: rule.doc.explanation.en + " See the lecture's section «\(section)».")
    }

    private func result(_ spec: CheckSpec, status: CheckResult.Status, points: Int, findings: [Finding], hint: LocalizedText?) -> CheckResult {
        CheckResult(id: spec.id, rule: spec.rule.id, status: status, points: points, maxPoints: spec.points, hint: hint,
                    findings: findings.map { FindingResult(message: $0.message, location: $0.location, path: $0.path) })
    }

    /// Files that do not parse, or could not be read, always show: as the
    /// spec's own yaml.syntax check, or else as one worth no points.
    private func implicitSyntaxCheck(_ exercise: Exercise, _ context: CheckContext, skipped: [(path: String, reason: SkipReason)]) -> CheckResult? {
        let syntax = YAMLSyntaxRule()
        var findings = skipped.map {
            Finding(SharedMessage.fileSkipped(path: $0.path, reason: $0.reason), location: Location(file: $0.path, line: 1, column: 1))
        }
        if !exercise.checks.contains(where: { $0.rule.id == syntax.id }), case .fail(let failures) = syntax.evaluate(context, NoParameters()) {
            findings += failures
        }
        guard !findings.isEmpty else { return nil }
        let spec = CheckSpec(id: "yaml-syntax", rule: syntax, points: 0, check: BoundCheck { syntax.evaluate($0, NoParameters()) }, hint: nil)
        // Beside an object that was found and graded, a leftover file that cannot be read costs
        // nothing: a warning of the exercise (CONTRACT.md's `info`), never a failed check.
        let status: CheckResult.Status = context.target != nil && !findings.contains { $0.location?.file == context.target?.file } ? .info : .fail
        return result(spec, status: status, points: 0, findings: findings, hint: defaultHint(syntax))
    }
}
