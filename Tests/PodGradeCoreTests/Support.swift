import Foundation
import PodGradeCore

/// The package root, found from this file (tests never rely on Bundle paths).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The corpus of real manifests, copied into Tests/Fixtures/corpus with its provenance.
let corpusRoot = packageRoot + "/Tests/Fixtures/corpus"

/// A snapshot from (path, text) pairs.
func snapshot(_ files: [(String, String)]) -> SourceSnapshot {
    SourceSnapshot(origin: SourceOrigin(path: "test"), files: files.map { SourceFile(path: $0.0, content: .bytes(Array($0.1.utf8))) })
}

/// Grades one exercise of the bundled lab over the given files.
func grade(_ exercise: String, _ files: [(String, String)]) -> ExerciseResult? {
    let grader = Grader(lab: Lab.bundled)
    return grader.grade(snapshot(files), only: [exercise]).exercises.first
}

extension ExerciseResult {
    func check(_ id: String) -> CheckResult? { checks.first { $0.id == id } }
    var failedRules: Set<String> { Set(checks.filter { $0.status == .fail }.map(\.rule)) }
}

func solution(_ slug: String) -> String {
    Lab.bundledSolutions.first { $0.key.hasPrefix(slug + "/") }.map { String(decoding: $0.value, as: UTF8.self) } ?? ""
}
