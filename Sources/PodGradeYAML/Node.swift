/// A position in a source file: 1-based line and column, the column counted in
/// characters (not bytes), so that a caret lands under the right letter of a
/// line holding Cyrillic text.
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: Mark, b: Mark) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// How a scalar was written; quoted and block scalars are always strings.
public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A scalar's meaning under the YAML 1.1 rules that Kubernetes' own reader
/// (sigs.k8s.io/yaml over go-yaml v2) applies.
public enum ScalarValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)
}

public struct Scalar: Sendable {
    public let text: String
    public let style: ScalarStyle
    public let value: ScalarValue
}

/// One key/value entry of a mapping. `key` is the key's canonical string, as
/// the YAML-to-JSON conversion Kubernetes uses would spell it.
public struct Pair: Sendable {
    public let key: String
    public let keyNode: Node
    public let value: Node
}

/// A YAML node with the position where it starts. Mappings keep their order.
public struct Node: Sendable {
    // Indirect: a node is copied often (lookups return nodes), and a boxed payload
    // makes that one reference count instead of one per string and array inside.
    public indirect enum Content: Sendable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([Pair])
    }

    public let content: Content
    public let mark: Mark
    /// The explicit tag, if the author wrote one (`!!str`, `!custom`); kept as data only.
    public let tag: String?
    /// Nodes in this subtree once aliases are expanded: what a consumer walking
    /// it would visit. Bounded by `YAMLLimits.maxExpandedNodes`.
    public let weight: Int

    public init(content: Content, mark: Mark, tag: String? = nil, weight: Int = 1) {
        self.content = content
        self.mark = mark
        self.tag = tag
        self.weight = weight
    }

    public var scalar: Scalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value under `key` in a mapping, or nil.
    public subscript(key: String) -> Node? {
        guard case .mapping(let pairs) = content else { return nil }
        // By index: binding each pair to a name would copy (retain) all its parts.
        for i in pairs.indices where Node.sameKey(pairs[i].key, key) { return pairs[i].value }
        return nil
    }

    /// The pair under `key` in a mapping (for the key's own position).
    public func pair(_ key: String) -> Pair? {
        guard case .mapping(let pairs) = content else { return nil }
        for i in pairs.indices where Node.sameKey(pairs[i].key, key) { return pairs[i] }
        return nil
    }

    /// Key equality, lengths first: most keys differ in length, and a length is read from
    /// the string at once while `==` on two different strings takes a slow path.
    @inline(__always)
    static func sameKey(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a == b
    }

    public var isNull: Bool {
        if case .scalar(let s) = content, case .null = s.value { return true }
        return false
    }

    /// The scalar as a string when it is one (not for numbers or booleans).
    public var string: String? {
        if case .scalar(let s) = content, case .string(let v) = s.value { return v }
        return nil
    }

    /// A whole number, accepting integral floats as JSON does (`8.0` is 8).
    public var int: Int64? {
        guard case .scalar(let s) = content else { return nil }
        switch s.value {
        case .int(let v): return v
        case .float(let d) where d.rounded() == d && abs(d) < 9.0e18: return Int64(d)
        default: return nil
        }
    }

    public var bool: Bool? {
        if case .scalar(let s) = content, case .bool(let b) = s.value { return b }
        return nil
    }

    /// A short name of the node's type, as a schema error names it.
    public var typeName: String {
        switch content {
        case .sequence: return "array"
        case .mapping: return "object"
        case .scalar(let s):
            switch s.value {
            case .null: return "null"
            case .bool: return "boolean"
            case .int: return "integer"
            case .float: return "number"
            case .string: return "string"
            }
        }
    }
}

/// A document of a stream; `index` counts from 0 over the non-empty documents.
public struct Document: Sendable {
    public let root: Node
    public let index: Int
}
