/// A rule's typed parameters: a `Decodable` struct declared in the rule's file,
/// decoded once when the lab loads. Its stored properties are the parameters:
/// an optional one may be left out, a non-optional one is required. The
/// declared list (`podgrade explain`, the loader's checks) is read from the
/// struct itself (`ParamProbe`), so it cannot drift.
public protocol RuleParameters: Decodable, Sendable {}

/// The parameters of a rule that takes none.
public struct NoParameters: RuleParameters {
    public init() {}
}

/// A parameter's value of a kind the loader checks.
public protocol ParamValue: Decodable, Sendable {
    static var kind: ParamSpec.Kind { get }
}

extension String: ParamValue { public static var kind: ParamSpec.Kind { .string } }
extension Int: ParamValue { public static var kind: ParamSpec.Kind { .int } }
extension Array: ParamValue where Element == String { public static var kind: ParamSpec.Kind { .stringList } }

/// `labels: {app: web}`: text values by key, in the order written.
public struct StringMap: ParamValue {
    public static var kind: ParamSpec.Kind { .stringMap }
    public let pairs: [(key: String, value: String)]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        pairs = try container.allKeys.map { ($0.stringValue, try container.decode(String.self, forKey: $0)) }
    }
}

/// `requests: {memory: 64Mi}`: Kubernetes quantities by resource, in the order
/// written (the loader checks each is a quantity).
public struct QuantityMap: ParamValue {
    public static var kind: ParamSpec.Kind { .quantityMap }
    public let pairs: [(key: String, value: String)]

    public init(from decoder: any Decoder) throws {
        pairs = try StringMap(from: decoder).pairs
    }
}

/// `mounts: [{container: a, path: /x}]`.
public struct MountList: ParamValue {
    public struct Mount: Decodable, Sendable {
        public let container: String
        public let path: String?
    }

    public static var kind: ParamSpec.Kind { .mountList }
    public let mounts: [Mount]

    public init(from decoder: any Decoder) throws {
        mounts = try [Mount](from: decoder)
    }
}
