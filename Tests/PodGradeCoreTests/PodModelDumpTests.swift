import Foundation
import XCTest
@testable import PodGradeCore

final class PodModelDumpTests: XCTestCase {
    func testDump() throws {
        guard ProcessInfo.processInfo.environment["PODGRADE_DUMP_MODELS"] != nil else { return }
        let fm = FileManager.default
        var paths: [String] = []
        for root in [corpusRoot, packageRoot + "/solutions", packageRoot + "/exercises"] {
            let e = fm.enumerator(atPath: root)
            while let p = e?.nextObject() as? String { if p.hasSuffix(".yaml") && !p.hasSuffix("spec.yaml") && !p.hasSuffix("cases.yaml") { paths.append(root + "/" + p) } }
        }
        for path in paths.sorted() {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for m in podModels(text) { print("=== \(path.replacingOccurrences(of: packageRoot + "/", with: ""))\n\(describe(m))") }
        }
    }
}
