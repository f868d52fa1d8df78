import PodGradeYAML
import PodGradeFuzzDriver
import PodGradeKubernetes
import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer entry point. Two modes, chosen once per run by `PODGRADE_FUZZ_MODE`
/// (bench/fuzz.sh's `FUZZ_MODE`):
///
/// - `grade` (default): bytes to a graded, rendered result, for one exercise per
///   input. Byte 0 selects the exercise (its index among the bundled exercises
///   sorted by id, modulo their count), byte 1 how it is graded and shown (bit 0:
///   language; bit 1: found by kind and name instead of as a file in the
///   exercise's folder; bits 2–4: reporter, SARIF (slow) only when bits 0, 1, 5, 6
///   and 7 are set too, text otherwise; bit 5: also validated as `podgrade
///   validate` does). The rest is the manifest. Grading one exercise and rendering
///   one format keeps the target above 1,000 executions/s.
/// - `model`: the Pod wiring model alone (`PodModel(pod:)`), the input surface of
///   shell splitting, `$VAR` expansion and inline Envoy configurations. The input
///   is read as a manifest and every Pod (template) in it is modelled; an input
///   that holds no Pod (a script, an Envoy configuration, a manifest a mutation
///   broke) of at most 4 KiB is embedded, as a string, as a `sh -c` script and
///   an Envoy configuration in a fixed Pod, so that mutations reach the shell reader
///   without having to keep the YAML around them valid.
///
/// Built only with PODGRADE_FUZZ=1 and -sanitize=fuzzer (see Package.swift and
/// bench/fuzz.sh). SwiftPM renames an executable's entry point (for testable
/// executables), so libFuzzer's own `main` is never linked: the top-level code
/// below hands control to libFuzzer's driver instead.
enum FuzzHarness {
    static let lab = Lab.bundled
    static let grader = Grader(lab: lab)
    static let exercises = lab.exercises.sorted { $0.id < $1.id }
    static let modelMode = getenv("PODGRADE_FUZZ_MODE").map { String(cString: $0) } == "model"
    /// Longest input embedded as a script (longer ones are still modelled as manifests).
    static let maxEmbedded = 4_096

    static func run(_ bytes: [UInt8]) {
        if modelMode { model(bytes) } else { grade(bytes) }
    }

    // MARK: - grade

    static func grade(_ input: [UInt8]) {
        guard input.count >= 2, !exercises.isEmpty else { return }
        let exercise = exercises[Int(input[0]) % exercises.count]
        let flags = input[1]
        let bytes = Array(input[2...])
        let lang: Lang = flags & 1 == 0 ? .ru : .en
        let byObject = flags & 2 != 0
        var reporter = Reporters.all[Int((flags >> 2) & 7) % Reporters.all.count]
        // SARIF renders every rule's descriptor and message templates (~40 ms with ASan,
        // 30–100 times any other format): one input in 256 renders it, the others as text.
        if reporter.name == SARIFReporter.name && flags & 0xE3 != 0xE3 { reporter = TextReporter.self }
        let file = SourceFile(path: byObject ? "submission.yaml" : "\(exercise.id)/pod.yaml", content: .bytes(bytes))
        let snapshot = SourceSnapshot(origin: SourceOrigin(path: "/fuzz"), files: [file])
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let result = grader.grade(snapshot, only: [exercise.id])
        let context = ReportContext(lang: lang, color: flags & 1 == 0, sourceLines: { _ in lines })
        _ = Reporters.named(reporter.name)?.render(result, context: context)
        if flags & 32 != 0 {
            for item in ManifestValidation.findings(in: snapshot) {
                _ = item.message.text(lang)
                if let location = item.location {
                    _ = ReportFrames.codeFrame(lines: lines, line: location.line, column: location.column, color: true)
                }
            }
        }
    }

    // MARK: - model

    static func model(_ bytes: [UInt8]) {
        var sink = 0
        var modelled = false
        for document in YAMLReader.read(bytes).documents {
            for object in WorkloadDecoder.objects(in: document) {
                if let pod = WorkloadDecoder.workload(object.node, path: object.path)?.pod {
                    sink &+= touch(PodModel(pod: pod))
                    modelled = true
                }
            }
        }
        if !modelled && bytes.count <= maxEmbedded {
            let text = quoted(String(decoding: bytes, as: UTF8.self))
            for document in YAMLReader.read(embedding(text)).documents {
                for workload in WorkloadDecoder.workloads(in: document) {
                    if let pod = workload.pod { sink &+= touch(PodModel(pod: pod)) }
                }
            }
        }
        if sink == Int.min { print(sink) }
    }

    /// Reads every part of the model, so that lazily computed parts run too.
    static func touch(_ model: PodModel) -> Int {
        var n = model.containers.count &+ model.volumes.count
        for container in model.containers {
            n &+= container.name.utf8.count &+ (container.isLongLived ? 1 : 0) &+ (container.blocksPodStart ? 1 : 0)
            n &+= container.lifecycle.keepsRunning ? 1 : 0
            n &+= container.lifecycle.ends ? 1 : 0
            n &+= container.lifecycle.reason.hashValue
            n &+= ImageFamilies.family(of: container.image) == nil ? 0 : 1
            n &+= ImageFamilies.defaults(of: container.image) == nil ? 0 : 1
        }
        for file in model.files {
            n &+= file.path.utf8.count &+ (file.onReadOnlyMount ? 1 : 0) &+ (file.isSymbolic ? 1 : 0)
        }
        for listener in model.listeners { n &+= listener.port }
        for connection in model.connections {
            n &+= connection.host.utf8.count &+ (connection.isLoopback ? 1 : 0) &+ connection.listeners.count
        }
        for flow in model.flows { n &+= flow.volume.utf8.count }
        for volume in model.volumes { n &+= volume.containers.count }
        return n
    }

    /// The input as a YAML double-quoted scalar (every character kept).
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                    || scalar.value == 0xFEFF || (0xD800...0xDFFF).contains(scalar.value) || scalar.value >= 0xFFFE {
                    let hex = String(scalar.value, radix: 16)
                    out += scalar.value > 0xFFFF ? "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                                                 : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A Pod whose application runs `text` as a `sh -c` script (with env to expand and a
    /// volume mounted whole and through `subPath`), and whose Envoy reads it as its inline
    /// configuration (parsed only when it looks like one).
    static func embedding(_ text: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: fuzz}
        spec:
          volumes: [{name: logs, emptyDir: {}}]
          containers:
          - name: app
            image: busybox:1.36
            env: [{name: LOG, value: /var/log/app.log}, {name: PORT, value: "8080"}, {name: HOST, value: localhost}]
            command: ["sh", "-c", \(text)]
            volumeMounts: [{name: logs, mountPath: /var/log}, {name: logs, mountPath: /data/app.log, subPath: app.log}]
          - name: proxy
            image: envoyproxy/envoy:v1.30-latest
            args: ["--config-yaml", \(text)]
            volumeMounts: [{name: logs, mountPath: /logs, readOnly: true}]
        """
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

FuzzDriver.run { data, size in fuzz(data, size) }
