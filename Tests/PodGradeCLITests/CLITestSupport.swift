import Foundation
import XCTest

let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The real binary SwiftPM built beside the test bundle.
let podgradeBinary: String = {
    let products = Bundle.main.bundleURL
    let candidate = products.appendingPathComponent("podgrade").path
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    return products.deletingLastPathComponent().appendingPathComponent("podgrade").path
}()

struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs podgrade with arguments, in a working directory, with extra environment.
@discardableResult
func podgrade(_ arguments: [String], in directory: String = packageRoot, environment: [String: String] = [:],
              binary: String = podgradeBinary) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env.removeValue(forKey: "PODGRADE_LANG")
    env.removeValue(forKey: "GITHUB_STEP_SUMMARY")
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RunResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData, as: UTF8.self))
}

/// Compares with a golden file; PODGRADE_UPDATE_GOLDEN=1 rewrites it.
func assertGolden(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let path = packageRoot + "/Tests/PodGradeCLITests/Golden/" + name
    if ProcessInfo.processInfo.environment["PODGRADE_UPDATE_GOLDEN"] == "1" {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOfFile: path, encoding: .utf8)
    XCTAssertEqual(text, expected, "\(name) differs (PODGRADE_UPDATE_GOLDEN=1 rewrites it)", file: file, line: line)
}

func temporaryDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("podgrade-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}
