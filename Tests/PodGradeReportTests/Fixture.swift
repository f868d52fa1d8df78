@testable import PodGradeCore
import PodGradeReport

/// A fixed result that exercises every branch of the reporters: a failed
/// exercise (pass, pass with a Kubernetes warning, fail with a located and an
/// unlocated finding, skip, error, info), a passed one, a missing one; Cyrillic
/// text and every character some format must escape: `<>&"'|%,:` and line breaks,
/// plus a control character XML 1.0 forbids.
enum Fixture {
    static let tricky = "порт <80> & \"web\" 'x' | 100% a,b: c\nвторая строка"

    static let result: GradeResult = {
        let file = "01-pod/pod, v1:%.yaml"
        let failed = ExerciseResult(
            id: "01-pod", title: same("Под «Ёлка» <для> Пети & Васи"), status: .fail, passed: false,
            score: 3, maxScore: 9, passScore: 8, files: [file],
            checks: [
                check("pod-found", "pod.found", .pass, 2, 2, [finding("Pod найден.")]),
                check("k8s-valid", "k8s.valid", .pass, 1, 1, [
                    finding("Манифест корректен (1 предупреждение)."),
                    finding("Предупреждение Kubernetes: поле `spec.foo` устарело", at: Location(file: file, line: 3, column: 5), path: "spec.foo"),
                ]),
                check("ports-unique", "ports.unique", .fail, 0, 3, [
                    finding(tricky, at: Location(file: file, line: 14, column: 22), path: "spec.containers[1].ports[0].containerPort"),
                    finding("Находка без места \u{07}звонок ::error::injected"),
                ], hint: "Подсказка с | и * и `кодом` и <b>html</b> 50%"),
                check("logs-readonly", "volume.readonly", .skip, 0, 2, [finding("Не проверено: Pod не найден.")]),
                check("broken", "no.such.rule", .error, 0, 1, [finding("Неизвестное правило «no.such.rule»")]),
                check("advice", "container.long-running", .info, 0, 0, [
                    finding("Совет: задайте resources.limits", at: Location(file: file, line: 20, column: 9)),
                ]),
            ])
        let passed = ExerciseResult(
            id: "02-sidecar", title: same("Sidecar"), status: .pass, passed: true, score: 4, maxScore: 4, passScore: 4,
            files: ["02-sidecar/pod.yaml"],
            checks: [check("pod-found", "pod.found", .pass, 4, 4, [finding("Pod найден.")])])
        let missing = ExerciseResult(
            id: "03-adapter", title: same("Adapter"), status: .missing, passed: false, score: 0, maxScore: 5, passScore: 5,
            files: [], checks: [])
        return GradeResult(
            source: .init(path: "курс/студент <x>", url: nil, commit: "0123456789abcdef0123456789abcdef01234567",
                          newerCommits: 2, deadline: nil),
            score: 7, maxScore: 18, passed: false,
            exercises: [failed, passed, missing], notes: ["Файл misc/a b.yaml пропущен: 100% бинарный"])
    }()

    static func finding(_ message: String, at location: Location? = nil, path: String? = nil) -> FindingResult {
        FindingResult(message: WrittenMessage(written: message, key: "fixture"), location: location, path: path)
    }

    /// A text the fixture shows alike in every language.
    static func same(_ text: String) -> LocalizedText { LocalizedText(ru: text, en: text) }

    static func check(_ id: String, _ rule: String, _ status: CheckResult.Status, _ points: Int, _ maxPoints: Int,
                      _ findings: [FindingResult], hint: String? = nil) -> CheckResult {
        CheckResult(id: id, rule: rule, status: status, points: points, maxPoints: maxPoints, hint: hint.map(same), findings: findings)
    }

    /// A passing learner's result (the same exercises, everything passed).
    static let perfect: GradeResult = {
        var result = Fixture.result
        result.exercises = result.exercises.map { exercise in
            var exercise = exercise
            exercise.status = .pass
            exercise.passed = true
            exercise.score = exercise.maxScore
            exercise.checks = exercise.checks.map { check in
                var check = check
                check.status = .pass
                check.points = check.maxPoints
                check.findings = Array(check.findings.prefix(1))
                check.hint = nil
                return check
            }
            return exercise
        }
        result.score = result.maxScore
        result.passed = true
        result.notes = nil
        return result
    }()

    static let classEntries: [ClassEntry] = [
        ClassEntry(student: "<script>alert(1)</script>", repo: "https://example.com/x?a=1&b=\"2\"", commit: "89abcdef0123456789",
                   status: LearnerStatus(result), result: result, feedbackLink: "results/<script>alert(1)</script>.json"),
        ClassEntry(student: "Иван Петров", repo: "file:///srv/repos/ivan.git", commit: nil, status: LearnerStatus(perfect),
                   result: perfect, feedbackLink: "results/Иван Петров.json"),
        ClassEntry(student: "mallory", repo: "javascript:alert(2)", status: .error,
                   error: "clone failed: <b>timeout</b> & \"gone\"", result: nil, feedbackLink: "javascript:alert(3)"),
    ]
}
