import XCTest
@testable import PodGradeCore
import PodGradeYAML

/// Grade the idea, report the letter once: images by family, names identified by role,
/// every right/ case full marks and every wrong/ case's misconception named.
final class IdeaGradingTests: XCTestCase {
    func testEveryRightCaseScoresFullMarks() {
        var count = 0
        for exercise in Lab.bundled.exercises {
            for right in exercise.rightCases {
                count += 1
                let result = grade(exercise.id, [("\(exercise.id)/\(right.file)", String(decoding: right.content, as: UTF8.self))])
                XCTAssertEqual(result?.score, exercise.maxScore, "\(exercise.id)/right/\(right.file)")
            }
        }
        XCTAssertEqual(count, Lab.bundled.exercises.reduce(0) { $0 + $1.rightCases.count })
        XCTAssertGreaterThanOrEqual(count, 5 * Lab.bundled.exercises.count)
    }

    func testEveryNamedMisconceptionIsTheFirstFindingOfANamedRule() {
        var keyed = 0
        for exercise in Lab.bundled.exercises {
            for wrong in exercise.wrongCases {
                guard let key = wrong.key else { continue }
                keyed += 1
                let result = grade(exercise.id, [("\(exercise.id)/\(wrong.file)", String(decoding: wrong.content, as: UTF8.self))])
                let firsts = result?.checks.filter { $0.status == .fail && wrong.fails.contains($0.rule) }.compactMap { $0.findings.first?.message.key } ?? []
                XCTAssertTrue(firsts.contains(key), "\(exercise.id)/wrong/\(wrong.file): \(firsts)")
            }
        }
        XCTAssertGreaterThanOrEqual(keyed, 20)
    }

    func testImagesCompareByFamily() throws {
        let pod = solution("01-multi-container-pod")
        for image in ["ghcr.io/google/cadvisor:v0.53.0", "gcr.io/cadvisor/cadvisor@sha256:0000000000000000000000000000000000000000000000000000000000000000"] {
            let text = pod.replacingOccurrences(of: "gcr.io/cadvisor/cadvisor:v0.47.2", with: image)
            XCTAssertNotEqual(text, pod)
            XCTAssertEqual(grade("01-multi-container-pod", [("01-multi-container-pod/pod.yaml", text)])?.check("cadvisor-spec")?.status, .pass, image)
        }
        let httpd = pod.replacingOccurrences(of: "gcr.io/cadvisor/cadvisor:v0.47.2", with: "httpd")
        let failed = try XCTUnwrap(grade("01-multi-container-pod", [("01-multi-container-pod/pod.yaml", httpd)])?.check("cadvisor-spec"))
        XCTAssertEqual(failed.findings.first?.message.key, "imageWrong")
    }

    /// A container named otherwise is identified by role: only the name check fails.
    func testAContainerNamedOtherwiseFailsOnlyTheNameCheck() throws {
        let pod = solution("03-sidecar-logging").replacingOccurrences(of: "name: log-collector", with: "name: fluentd")
        let result = try XCTUnwrap(grade("03-sidecar-logging", [("03-sidecar-logging/pod.yaml", pod)]))
        XCTAssertEqual(result.checks.filter { $0.status == .fail }.map(\.id), ["log-collector-spec"])
        XCTAssertEqual(result.check("log-collector-spec")?.findings.map(\.message.key), ["containerMissing"])
    }

    /// A shared volume named otherwise: one note, full marks.
    func testAVolumeNamedOtherwiseIsOneNote() throws {
        let pod = solution("03-sidecar-logging").replacingOccurrences(of: "name: logs\n", with: "name: app-logs\n")
        let result = try XCTUnwrap(grade("03-sidecar-logging", [("03-sidecar-logging/pod.yaml", pod)]))
        XCTAssertEqual(result.score, result.maxScore)
        XCTAssertEqual(result.check("logs-shared")?.findings.map(\.message.key), ["volumeSharedOK", "volumeNamedOtherwise"])
    }

    /// Every spec judges every container's lifecycle.
    func testEverySpecChecksThatContainersKeepRunning() {
        for exercise in Lab.bundled.exercises {
            XCTAssertTrue(exercise.checks.contains { $0.rule.id == "container.long-running" }, exercise.id)
        }
    }

    /// Every check of every spec is failed by a known-wrong case.
    func testEveryCheckIsFailedByAKnownWrongCase() {
        XCTAssertEqual(CourseVerifier.verify(lab: .bundled, solutions: Lab.bundledSolutions).uncovered, [])
    }

    /// Mutants of the solutions that fail exactly one check, each named by the check it fails.
    func testMutantsFailExactlyOneCheck() throws {
        let mutants = CourseMutants.propose(lab: .bundled, solutions: Lab.bundledSolutions, uncovered: [])
        XCTAssertGreaterThan(mutants.count, Lab.bundled.exercises.count)
        let m = try XCTUnwrap(mutants.first { $0.exercise == "02-yellow" && $0.check == "pod-found" })
        XCTAssertEqual(m.change, "line 4 renamed: name: yellow")
        let failed = grade("02-yellow", [("02-yellow/pod.yaml", m.content)])?.checks.filter { $0.status == .fail }.map(\.id)
        XCTAssertEqual(failed, ["pod-found"])
    }
}
