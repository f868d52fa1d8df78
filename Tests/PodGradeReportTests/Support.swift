import Foundation
import XCTest

/// Where the tests find their files: from this file's path, never Bundle.module.
enum Paths {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let golden = testsDirectory.appendingPathComponent("Golden")
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    /// The SARIF and JUnit schemas, copied into Tests/Fixtures/schemas with their provenance.
    static let schemas = packageRoot.appendingPathComponent("Tests/Fixtures/schemas")
}

/// Golden files live in Tests/PodGradeReportTests/Golden/. When a format changes
/// on purpose, rewrite them with
///
///     PODGRADE_UPDATE_GOLDEN=1 swift test --filter PodGradeReportTests
///
/// and review `git diff Tests/PodGradeReportTests/Golden` before committing.
func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let url = Paths.golden.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["PODGRADE_UPDATE_GOLDEN"] == "1" {
        do {
            try FileManager.default.createDirectory(at: Paths.golden, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
        } catch {
            XCTFail("cannot write golden \(url.path): \(error)", file: file, line: line)
        }
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        XCTFail("missing golden \(url.path): run PODGRADE_UPDATE_GOLDEN=1 swift test --filter PodGradeReportTests", file: file, line: line)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard expected != actual else { return }
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let index = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
    let want = index < a.count ? String(a[index]) : "<end of file>"
    let got = index < b.count ? String(b[index]) : "<end of file>"
    XCTFail("""
        \(name) differs from its golden at line \(index + 1):
          golden: \(want)
          actual: \(got)
        (PODGRADE_UPDATE_GOLDEN=1 rewrites the goldens after a deliberate change)
        """, file: file, line: line)
}

/// A finished external command.
struct Run {
    let status: Int32
    let output: String
}

enum External {
    /// The executable's path on PATH, or nil.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = String(directory) + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Writes text to a fresh temporary file.
    static func temporary(_ text: String, suffix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("podgrade-report-\(UUID().uuidString)\(suffix)")
        try Data(text.utf8).write(to: url)
        return url
    }
}
