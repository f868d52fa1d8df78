public import PodGradeYAML
import PodGradeKubernetes

/// A check's parameters as written in spec.yaml, read through typed getters.
public struct Params: Sendable {
    public let node: Node?

    public init(_ node: Node?) { self.node = node }

    public func string(_ name: String) -> String? {
        guard let value = node?[name], let scalar = value.scalar, !value.isNull else { return nil }
        return scalar.text
    }

    public func int(_ name: String) -> Int? {
        node?[name]?.int.map { Int($0) }
    }

    public func strings(_ name: String) -> [String]? {
        node?[name]?.sequence?.compactMap { $0.scalar?.text }
    }

    public func stringMap(_ name: String) -> [(String, String)]? {
        node?[name]?.mapping?.compactMap { pair in pair.value.scalar.map { (pair.key, $0.text) } }
    }

    /// `mounts: [{container: a, path: /x}]`
    public func mounts(_ name: String) -> [(container: String, path: String?)]? {
        node?[name]?.sequence?.compactMap { item in
            guard let container = item["container"]?.scalar?.text else { return nil }
            return (container, item["path"]?.string)
        }
    }

    /// Problems with these parameters against a rule's declared ones.
    public func problems(against specs: [ParamSpec]) -> [String] {
        var problems: [String] = []
        let known = Set(specs.map(\.name))
        if let node, node.mapping == nil, !node.isNull {
            return ["params must be a mapping"]
        }
        for pair in node?.mapping ?? [] where !known.contains(pair.key) {
            problems.append("unknown parameter '\(pair.key)' (known: \(specs.map(\.name).joined(separator: ", ")))")
        }
        for spec in specs {
            guard let value = node?[spec.name], !value.isNull else {
                if spec.required { problems.append("missing parameter '\(spec.name)'") }
                continue
            }
            let ok: Bool
            switch spec.type {
            case .string: ok = value.scalar != nil
            case .int: ok = value.int != nil
            case .stringList: ok = value.sequence?.allSatisfy { $0.scalar != nil } ?? false
            case .stringMap: ok = value.mapping?.allSatisfy { $0.value.scalar != nil } ?? false
            case .quantityMap:
                ok = value.mapping?.allSatisfy { $0.value.scalar.flatMap { Quantity($0.text) } != nil } ?? false
            case .mountList:
                ok = value.sequence?.allSatisfy { $0["container"]?.scalar != nil } ?? false
            }
            if !ok { problems.append("parameter '\(spec.name)' must be a \(spec.type.rawValue)") }
        }
        return problems
    }
}
