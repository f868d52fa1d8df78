import Foundation
import XCTest
import PodGradeCore
@testable import PodGradeSimilarity

/// The real binary SwiftPM built beside the test bundle.
private let binary: String = {
    let products = Bundle.main.bundleURL
    let candidate = products.appendingPathComponent("podgrade").path
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    return products.deletingLastPathComponent().appendingPathComponent("podgrade").path
}()

private struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
}

private func podgrade(_ arguments: [String], in directory: String) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "PODGRADE_LANG")
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

final class SimilarCommandTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("podgrade-similar-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// A generated class of 60 written as one folder per learner; one planted copy.
    func writeClass() throws -> GeneratedClass {
        let generated = ClassGenerator.makeClass(size: 60, copies: 1, seed: 3)
        for learner in generated.learners {
            for (path, text) in learner.files {
                let file = root + "/repos/" + learner.student + "/" + path
                try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try text.write(toFile: file, atomically: true, encoding: .utf8)
            }
        }
        try FileManager.default.createDirectory(atPath: root + "/repos/.hidden", withIntermediateDirectories: true)
        return generated
    }

    func testSimilarOverLearnerFoldersFindsThePlantedCopy() throws {
        let generated = try writeClass()
        let copy = try XCTUnwrap(generated.planted.first)
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
        let run = try podgrade(["similar", "--repos", "repos", "--lang", "en", "--csv", "out/pairs.csv", "--top", "3"], in: root)
        XCTAssertEqual(run.stderr, "")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        guard lines.count == 3 else { return XCTFail(run.stdout + run.stderr) }
        XCTAssertTrue(lines[0].hasPrefix("60 learners, 3 exercises. Pairs compared: "), lines[0])
        XCTAssertTrue(lines[0].hasSuffix(" possible. Above the threshold 0.500: 1 pair."), lines[0])
        let pair = [copy.original, copy.copier].sorted()
        XCTAssertTrue(lines[1].hasSuffix("  \(pair[0]) ~ \(pair[1])  \(copy.exercise)  (identical after normalizing)"), lines[1])
        XCTAssertEqual(lines[2], "Evidence to look at side by side, not a verdict of copying: out/pairs.csv, out/similarity.html")
        let csv = try String(contentsOfFile: root + "/out/pairs.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(csv.count, 2)
        // The copy says the same as its original once normalized: its own signal, scored 1.
        XCTAssertTrue(csv[1].hasPrefix("\(pair[0]),\(pair[1]),\(copy.exercise),1.000,"), String(csv[1]))
        XCTAssertTrue(csv[1].hasSuffix(",identical after normalizing"), String(csv[1]))
        XCTAssertTrue(lines[1].hasPrefix("  1.000  "), lines[1])
        let html = try String(contentsOfFile: root + "/out/similarity.html", encoding: .utf8)
        XCTAssertTrue(html.contains("<td>\(pair[0])</td><td>\(pair[1])</td>"))
        XCTAssertTrue(html.contains("1.000</a><br><span class=\"identical\">identical after normalizing</span></td>"))
        XCTAssertEqual(run.status, 0)

        // In Russian, with a lower threshold and the default outputs in the current folder.
        let ru = try podgrade(["similar", "--repos", "repos", "--threshold", "0", "--top", "2"], in: root)
        XCTAssertEqual(ru.status, 0)
        let first = ru.stdout.split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertTrue(first.hasPrefix("60 учеников, 3 задания. Сравнено пар: "), first)
        // At threshold 0 every pair compared is above it: the CSV has them all, the screen the top 2.
        let compared = first.split(separator: " ").firstIndex(of: "пар:").flatMap { Int(first.split(separator: " ")[$0 + 1]) } ?? -1
        XCTAssertGreaterThan(compared, 100)
        XCTAssertTrue(first.hasSuffix("Выше порога 0.000: \(SimilarityText.pairs(compared, .ru))."), first)
        XCTAssertEqual(ru.stdout.split(separator: "\n").count, 4)
        XCTAssertTrue(ru.stdout.contains("Это повод посмотреть работы рядом, а не вывод о списывании: similarity.csv, similarity.html"))
        let all = try String(contentsOfFile: root + "/similarity.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(all.count, compared + 1)
    }

    /// What `podgrade grade` will store (fingerprints/) gives the same pairs as fingerprinting the folders.
    func testSimilarOverAnOutputFolderReadsTheStoredFingerprints() throws {
        let generated = try writeClass()
        for learner in generated.learners {
            let snapshot = try SourceLoader.snapshot(SourceRequest(source: root + "/repos/" + learner.student))
            try SimilarityStore.write(Fingerprinter.fingerprints(of: snapshot, lab: Lab.bundled), student: learner.student, to: root + "/out")
        }
        let fromStore = try podgrade(["similar", "out", "--lang", "en"], in: root)
        XCTAssertEqual(fromStore.status, 0, fromStore.stderr)
        let fromRepos = try podgrade(["similar", "--repos", "repos", "--lang", "en", "--csv", "direct.csv"], in: root)
        XCTAssertEqual(try String(contentsOfFile: root + "/out/similarity.csv", encoding: .utf8),
                       try String(contentsOfFile: root + "/direct.csv", encoding: .utf8))
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/out/similarity.html"))
        XCTAssertEqual(fromStore.stdout.split(separator: "\n").dropLast(), fromRepos.stdout.split(separator: "\n").dropLast())
    }

    func testUnusableInputIsOneLineAndExit2() throws {
        try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        let cases: [([String], String)] = [
            (["similar", "--lang", "en"], "podgrade: give an output folder of podgrade grade or --repos DIR (one of the two)\n"),
            (["similar", "out", "--repos", "x", "--lang", "en"], "podgrade: give an output folder of podgrade grade or --repos DIR (one of the two)\n"),
            (["similar", "--repos", "empty", "--threshold", "2", "--lang", "en"], "podgrade: --threshold must be a number from 0 to 1, such as 0.5\n"),
            (["similar", "--repos", "empty", "--top", "0"], "podgrade: --top должен быть не меньше 1\n"),
            (["similar", "--repos", "nowhere", "--lang", "en"], "podgrade: nowhere: no such folder (it needs one sub-folder per learner)\n"),
            (["similar", "--repos", "empty", "--lang", "en"], "podgrade: empty: no learner sub-folders\n"),
            (["similar", "empty", "--lang", "en"],
             "podgrade: empty: no fingerprints in fingerprints/ (an output folder of an older podgrade grade?); compare the repositories directly with --repos DIR\n"),
            (["similar", "empty"],
             "podgrade: empty: нет отпечатков в fingerprints/ (папка от старой версии podgrade grade?); сравните репозитории напрямую: --repos ПАПКА\n"),
        ]
        for (arguments, stderr) in cases {
            let run = try podgrade(arguments, in: root)
            XCTAssertEqual(run.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(run.stderr, stderr, arguments.joined(separator: " "))
            XCTAssertEqual(run.stdout, "")
        }
        let help = try podgrade(["--help"], in: root)
        XCTAssertTrue(help.stdout.contains("  similar"))
    }
}
