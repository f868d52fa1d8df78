public import PodGradeYAML
import PodGradeKubernetes

/// A check's parameters as written in spec.yaml, checked against the rule's
/// declared ones with the spec's line numbers before they are decoded.
public struct Params: Sendable {
    public let node: Node?

    public init(_ node: Node?) { self.node = node }

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
