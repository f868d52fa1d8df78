import Foundation
import Testing
@testable import PodGradeKubernetes

/// The schema table is generated from .ci/k8s-schemas/definitions.json by
/// .ci/gen-k8s-schemas.py (`make schemas`); the committed Swift file must be
/// what the generator writes today, byte for byte.
@Suite struct GeneratedSchemasTests {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3) // Tests/PodGradeKubernetesTests/GeneratedSchemasTests.swift
        return parts.joined(separator: "/")
    }()

    @Test func committedTableIsWhatTheGeneratorWrites() throws {
        let out = NSTemporaryDirectory() + "podgrade-schemas-\(UUID().uuidString).swift"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root + "/.ci/gen-k8s-schemas.py", "--out", out]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let generated = try Data(contentsOf: URL(fileURLWithPath: out))
        let committed = try Data(contentsOf: URL(fileURLWithPath: Self.root + "/Sources/PodGradeKubernetes/Schema/GeneratedSchemas.swift"))
        #expect(generated == committed, "GeneratedSchemas.swift is stale: run `make schemas` and commit it")
    }

    @Test func tableNamesItsKubernetesVersion() {
        #expect(SchemaChecker.kubernetesVersion == "1.37.0")
        #expect(SchemaChecker.kinds.count == 77) // 99 kind-version pairs
    }
}
