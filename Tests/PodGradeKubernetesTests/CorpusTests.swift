import Testing
import PodGradeYAML
@testable import PodGradeKubernetes

/// The corpus of real manifests, copied into Tests/Fixtures/corpus (see its README).
enum Corpus {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3) // Tests/PodGradeKubernetesTests/CorpusTests.swift
        return parts.joined(separator: "/") + "/Tests/Fixtures/corpus"
    }()

    struct Entry: Sendable, CustomStringConvertible {
        let file: String
        let kind: String
        let containers: Int
        let initContainers: Int
        let sidecars: Int
        var description: String { file }
    }

    static func readFile(_ path: String) -> [UInt8]? {
        guard let handle = fopen(path, "rb") else { return nil }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, handle)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return bytes
    }

    static let inventory: [Entry] = {
        guard let bytes = readFile(root + "/INVENTORY.tsv") else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 5 else { return nil }
            func count(_ field: String) -> Int { Int(field.split(separator: "=").last ?? "") ?? -1 }
            return Entry(file: fields[0], kind: fields[1], containers: count(fields[2]),
                         initContainers: count(fields[3]), sidecars: count(fields[4]))
        }
    }()

    static func issues(_ file: String) -> (yamlError: YAMLError?, issues: [K8sIssue], workloads: [Workload]) {
        guard let bytes = readFile(root + "/" + file) else { return (nil, [], []) }
        let yaml = YAMLReader.read(bytes)
        var issues: [K8sIssue] = []
        var workloads: [Workload] = []
        for document in yaml.documents {
            issues += ObjectChecker.check(document: document)
            workloads += WorkloadDecoder.workloads(in: document)
        }
        return (yaml.error, issues, workloads)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct CorpusTests {
    @Test func inventoryIsComplete() {
        #expect(Corpus.inventory.count == 29)
    }

    @Test(arguments: Corpus.inventory)
    func fileMatchesInventory(_ entry: Corpus.Entry) {
        let result = Corpus.issues(entry.file)
        #expect(result.yamlError == nil)
        #expect(result.workloads.count == 1)
        guard let workload = result.workloads.first else { return }
        #expect(workload.kind == entry.kind)
        #expect(workload.pod?.containers.count == entry.containers)
        #expect(workload.pod?.initContainers.count == entry.initContainers)
        #expect(workload.pod?.initContainers.filter(\.isNativeSidecar).count == entry.sidecars)
    }

    static let validFiles = Corpus.inventory.filter { !$0.file.hasPrefix("kubernetes-examples/") }

    @Test(arguments: validFiles)
    func validFileHasNoErrors(_ entry: Corpus.Entry) {
        let errors = Corpus.issues(entry.file).issues.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
    }

    /// The archived examples, reviewed: the vitess template (with `{{...}}`
    /// placeholders) is invalid, and cockroachdb's PodDisruptionBudget is in
    /// policy/v1beta1, which Kubernetes 1.25 removed; the others are still valid objects today.
    static let archivedExpectations: [String: [K8sIssue]] = [
        "kubernetes-examples/_archived/cockroachdb/cockroachdb-statefulset.yaml": [
            K8sIssue(.schema, .unknownAPIVersion("policy/v1beta1", kind: "PodDisruptionBudget", served: ["policy/v1"]),
                     path: "apiVersion", mark: Mark(line: 57, column: 13)),
        ],
        "kubernetes-examples/_archived/elasticsearch/es-rc.yaml": [],
        "kubernetes-examples/_archived/javaweb-tomcat-sidecar/javaweb-2.yaml": [],
        "kubernetes-examples/_archived/javaweb-tomcat-sidecar/javaweb.yaml": [],
        "kubernetes-examples/_archived/storage/redis/redis-master.yaml": [],
        "kubernetes-examples/_archived/storage/vitess/vttablet-pod-template.yaml": [
            K8sIssue(.valid, .invalid("vttablet-{{uid}}", .dns1123Subdomain), path: "metadata.name", mark: Mark(line: 4, column: 9)),
            K8sIssue(.valid, .invalid("{{keyspace}}", .labelValue), path: "metadata.labels.keyspace", mark: Mark(line: 7, column: 15)),
            K8sIssue(.valid, .invalid("{{shard_label}}", .labelValue), path: "metadata.labels.shard", mark: Mark(line: 8, column: 12)),
            K8sIssue(.valid, .invalid("{{alias}}", .labelValue), path: "metadata.labels.tablet", mark: Mark(line: 9, column: 13)),
        ],
    ]

    static let archivedFiles = Corpus.inventory.filter { $0.file.hasPrefix("kubernetes-examples/") }

    @Test(arguments: archivedFiles)
    func archivedFileIssues(_ entry: Corpus.Entry) {
        let expected = Self.archivedExpectations[entry.file]
        #expect(expected != nil, "no reviewed expectation for \(entry.file)")
        #expect(Corpus.issues(entry.file).issues == expected ?? [])
    }

    @Test func validFilesHaveNoWarningsEither() {
        for entry in Self.validFiles {
            #expect(Corpus.issues(entry.file).issues.isEmpty, "\(entry.file)")
        }
    }
}
