/// What a field of a Kubernetes object may hold, as its JSON schema says.
/// Object types are indices into the `SchemaTable`, so types may refer to each
/// other (and to themselves) without copies.
indirect enum FieldType: Sendable, Equatable {
    case string
    case integer
    case boolean
    /// Any JSON number (integers included).
    case number
    /// An integer or a quantity string ("64Mi"): `resource.Quantity`.
    case quantity
    /// `intstr.IntOrString`: a port number or a port name, a count or a percentage.
    case intOrString
    /// `map[string]string`: labels, annotations, nodeSelector.
    case stringMap
    /// Any value at all (free-form data such as `status`).
    case any
    /// An object whose fields the schema does not list (`RawExtension`, `FieldsV1`).
    case openObject
    /// An object type of the table, by index.
    case object(Int)
    case array(FieldType)
    /// An object with arbitrary keys whose values all have one type.
    case map(FieldType)
}

/// The fields of one object type: a dictionary for constant-time lookups, the
/// required ones, and a case-folded index for "did you mean" suggestions.
final class ObjectSchema: Sendable {
    let name: String
    let fields: [String: FieldType]
    let required: [String]

    init(_ name: String, required: [String] = [], _ fields: [String: FieldType]) {
        self.name = name
        self.fields = fields
        self.required = required
    }

    /// The known field closest to an unknown one (built when needed: an unknown
    /// field is rare, and the table is read at every start).
    func suggestion(for unknown: String) -> String? {
        var folded: [String: String] = [:]
        for key in fields.keys { folded[key.lowercased()] = key }
        return closestName(to: unknown, among: fields.keys, folded: folded)
    }
}

/// The name closest to an unknown one: the same letters in another case, or at
/// most two edits away (the nearest; ties go to the alphabetically first).
func closestName(to unknown: String, among names: some Sequence<String>, folded: [String: String]) -> String? {
    if let exact = folded[unknown.lowercased()] { return exact }
    let target = Array(unknown.lowercased().unicodeScalars)
    guard target.count <= 64 else { return nil }
    var best: (distance: Int, name: String)?
    for key in names {
        let candidate = Array(key.lowercased().unicodeScalars)
        guard abs(candidate.count - target.count) <= 2 else { continue }
        let d = editDistance(target, candidate, limit: 2)
        guard d <= 2 else { continue }
        if let current = best, current.distance < d || (current.distance == d && current.name < key) { continue }
        best = (d, key)
    }
    // A one-letter name two edits from anything says nothing.
    if let best, best.distance >= target.count { return nil }
    return best?.name
}

/// Levenshtein distance with transpositions counted as one edit, stopping early past `limit`.
public func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        var rowMin = current[0]
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                value = min(value, previous2[j - 2] + 1)
            }
            current[j] = value
            rowMin = min(rowMin, value)
        }
        if rowMin > limit { return limit + 1 }
        (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
}
