import Foundation
import XCTest
@testable import PodGradeCore
import PodGradeYAML
import PodGradeKubernetes

/// The models of every workload in a YAML text.
func podModels(_ yaml: String) -> [PodModel] {
    YAMLReader.read(yaml).documents.flatMap { WorkloadDecoder.workloads(in: $0) }.compactMap { $0.pod.map(PodModel.init(pod:)) }
}

/// The model of a Pod whose `spec:` body is given (indented by two spaces).
func podModel(_ spec: String, file: StaticString = #filePath, line: UInt = #line) throws -> PodModel {
    let models = podModels("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n" + spec)
    return try XCTUnwrap(models.first, file: file, line: line)
}

/// A short plain description of a model, for debugging and for readable assertions.
func describe(_ model: PodModel) -> String {
    var lines: [String] = []
    for c in model.containers {
        lines.append("container \(c.name) \(c.kind) family=\(c.family?.name ?? "-") lifecycle=\(c.lifecycle)")
        for f in model.files where f.container == c.name {
            lines.append("  file \(f.kind) \(f.isStdout ? "stdout" : f.path) place=\(f.place.map { "\($0.volume):\($0.relative)" } ?? "-") via=\(f.via) ro=\(f.onReadOnlyMount)")
        }
        for l in model.listeners where l.container == c.name {
            lines.append("  listen \(l.port) \(l.address ?? "") via=\(l.via) at=\(l.source.path)")
        }
        for n in model.connections where n.container == c.name {
            lines.append("  connect \(n.host):\(n.port.map(String.init) ?? "?") \(n.hostKind) via=\(n.via) listeners=\(n.listeners.map(\.container))")
        }
    }
    for f in model.flows {
        lines.append("flow \(f.writer.container):\(f.writer.path) -> \(f.reader.container):\(f.reader.path) [\(f.volume)]")
    }
    return lines.joined(separator: "\n")
}
