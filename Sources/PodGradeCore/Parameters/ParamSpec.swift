/// A parameter a rule takes: its name, the kind of value, whether a check must give it.
public struct ParamSpec: Sendable {
    /// The kinds of value a rule parameter takes (checked by `verify` and at load).
    public enum Kind: String, Sendable {
        case string, int, stringList, stringMap, mountList, quantityMap
    }

    public let name: String
    public let type: Kind
    public let required: Bool

    public init(_ name: String, _ type: Kind, required: Bool = false) {
        self.name = name
        self.type = type
        self.required = required
    }
}
