import Foundation
import XCTest

/// A real client: Neovim's built-in LSP client (nvim/e2e.lua) against the
/// built binary, on a temporary copy of the sample learner repository.
final class NeovimTests: XCTestCase {
    func nvim() -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/nvim"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    func testNeovimSeesTheDiagnosticsAndAppliesTheQuickFix() throws {
        guard let nvim = nvim() else {
            throw XCTSkip("nvim is not installed: `make deps` installs Debian's neovim (the end-to-end editor test needs it)")
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("podgrade-nvim-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: sampleLearner, toPath: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nvim)
        process.arguments = ["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile " + packageRoot + "/Tests/PodGradeLSPTests/nvim/e2e.lua"]
        var environment = ProcessInfo.processInfo.environment
        environment["PODGRADE_BIN"] = podgradeBinary
        environment["E2E_ROOT"] = root
        environment["E2E_FILE"] = "03-sidecar-logging/pod.yaml"
        environment["PODGRADE_LANG"] = "ru"  // the client's init_options choose English over it
        environment["XDG_STATE_HOME"] = root + "/.state"
        environment["XDG_DATA_HOME"] = root + "/.data"
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let timer = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 90, execute: timer)
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        timer.cancel()
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 0, output + errors)
        XCTAssertEqual(output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), [
            "opened 2",
            "0:0-0 podgrade.score 3 03-sidecar-logging: 13/15, pass at 15",
            "16:6-10 volume.readonly 1 Container \"log-collector\" mounts \"logs\" at /fluentd/log/nginx writable: add readOnly: true.",
            "typed 5",
            "0:0-0 podgrade.score 3 03-sidecar-logging: 8/15, pass at 15",
            "6:10-20 volume.shared 1 Only \"log-collector\" mounts volume \"logs\"; \"web-server\" does not: a volume one container mounts shares nothing.",
            "10:4-15 k8s.schema 1 spec.containers[0].volumeMount: unknown field \"volumeMount\" (did you mean \"volumeMounts\"?)",
            "13:10-23 role.sidecar 1 Sidecar \"log-collector\" shares no volume with \"web-server\": it has nothing to work on.",
            "16:6-10 volume.readonly 1 Container \"log-collector\" mounts \"logs\" at /fluentd/log/nginx writable: add readOnly: true.",
            "action Change \"volumeMount\" to \"volumeMounts\"",
            "line     volumeMounts:",
            "fixed 2",
            "0:0-0 podgrade.score 3 03-sidecar-logging: 13/15, pass at 15",
            "16:6-10 volume.readonly 1 Container \"log-collector\" mounts \"logs\" at /fluentd/log/nginx writable: add readOnly: true.",
            "done",
            "",
        ])
    }
}
