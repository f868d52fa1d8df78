import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer entry point over the whole path from bytes to a graded, rendered
/// result: the input is read as a manifest, graded against every bundled
/// exercise (as a file in each exercise's folder, and found by kind and name),
/// validated as `podgrade validate` does, and rendered as text and JSON.
///
/// Built only with PODGRADE_FUZZ=1 and -sanitize=fuzzer (see Package.swift and
/// bench/fuzz.sh). SwiftPM renames an executable's entry point (for testable
/// executables), so libFuzzer's own `main` is never linked: the top-level code
/// below hands control to libFuzzer's driver instead.
enum FuzzHarness {
    static let lab = Lab.bundled
    static let grader = Grader(lab: lab)

    static func run(_ bytes: [UInt8]) {
        let inFolders = SourceSnapshot(origin: SourceOrigin(path: "/fuzz"),
                                       files: lab.exercises.map { SourceFile(path: "\($0.id)/pod.yaml", content: .bytes(bytes)) })
        let byObject = SourceSnapshot(origin: SourceOrigin(path: "/fuzz"),
                                      files: [SourceFile(path: "submission.yaml", content: .bytes(bytes))])
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for (index, snapshot) in [inFolders, byObject].enumerated() {
            let result = grader.grade(snapshot)
            let context = ReportContext(lang: index == 0 ? .ru : .en, color: index == 0, sourceLines: { _ in lines })
            _ = TextReporter().render(result, context: context)
            _ = JSONReporter().render(result, context: context)
        }
        for item in ManifestValidation.findings(in: byObject) {
            _ = item.message.text(.ru)
            if let location = item.location {
                _ = ReportFrames.codeFrame(lines: lines, line: location.line, column: location.column, color: true)
            }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

var fuzzArgc = CommandLine.argc
var fuzzArgv = CommandLine.unsafeArgv
let fuzzStatus = LLVMFuzzerRunDriver(&fuzzArgc, &fuzzArgv) { data, size in fuzz(data, size) }
exit(fuzzStatus)
