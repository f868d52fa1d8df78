/// The object types and kinds of the Kubernetes API, read once from the
/// generated text table (`GeneratedSchemas`, written by .ci/gen-k8s-schemas.py
/// from Kubernetes' published JSON schemas).
struct SchemaTable: Sendable {
    /// Every object type; `FieldType.object(i)` is `types[i]`.
    let types: [ObjectSchema]
    /// kind → its apiVersions with their type, the preferred (newest stable) first.
    let kinds: [String: [(apiVersion: String, type: Int)]]
    /// API groups the table knows (`""` for core): a kind unknown in one of them is a mistake, not a CRD.
    let groups: Set<String>
    let foldedKinds: [String: String]
    /// Lines of the table that did not read (a test keeps this at zero).
    let unreadLines: Int

    static let shared = SchemaTable(text: GeneratedSchemas.table)

    init(text: String) {
        var rows: [(name: String, required: [String], fields: [(String, Substring)])] = []
        var kindRows: [(String, String, Int)] = []
        var unread = 0
        for line in text.split(separator: "\n") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            if columns.count == 4, columns[0] == "T" {
                let required = columns[2].split(separator: ",").map(String.init)
                let fields = columns[3].split(separator: " ").compactMap { item -> (String, Substring)? in
                    guard let eq = item.firstIndex(of: "=") else { return nil }
                    return (String(item[..<eq]), item[item.index(after: eq)...])
                }
                rows.append((String(columns[1]), required, fields))
            } else if columns.count == 4, columns[0] == "K", let index = Int(columns[3]) {
                kindRows.append((String(columns[1]), String(columns[2]), index))
            } else {
                unread += 1
            }
        }
        let count = rows.count
        var types: [ObjectSchema] = []
        types.reserveCapacity(count)
        for row in rows {
            var fields: [String: FieldType] = [:]
            fields.reserveCapacity(row.fields.count)
            for (name, code) in row.fields {
                var rest = code[...]
                if let type = Self.parse(&rest, objects: count), rest.isEmpty {
                    fields[name] = type
                } else {
                    fields[name] = .any
                    unread += 1
                }
            }
            types.append(ObjectSchema(row.name, required: row.required, fields))
        }
        var kinds: [String: [(apiVersion: String, type: Int)]] = [:]
        var groups: Set<String> = []
        var foldedKinds: [String: String] = [:]
        for (apiVersion, kind, index) in kindRows where index >= 0 && index < count {
            kinds[kind, default: []].append((apiVersion, index))
            groups.insert(Self.group(of: apiVersion))
            foldedKinds[kind.lowercased()] = kind
        }
        self.types = types
        self.kinds = kinds
        self.groups = groups
        self.foldedKinds = foldedKinds
        self.unreadLines = unread
    }

    /// One type code (`[#12`, `{s`, `I`...), consumed from the front of `code`.
    private static func parse(_ code: inout Substring, objects: Int) -> FieldType? {
        guard let first = code.first else { return nil }
        code = code.dropFirst()
        switch first {
        case "s": return .string
        case "i": return .integer
        case "b": return .boolean
        case "n": return .number
        case "q": return .quantity
        case "I": return .intOrString
        case "m": return .stringMap
        case "a": return .any
        case "o": return .openObject
        case "[": return parse(&code, objects: objects).map { .array($0) }
        case "{": return parse(&code, objects: objects).map { .map($0) }
        case "#":
            let digits = code.prefix { $0.isASCII && $0.isNumber }
            code = code.dropFirst(digits.count)
            guard let index = Int(digits), index < objects else { return nil }
            return .object(index)
        default: return nil
        }
    }

    /// `apps` of `apps/v1`, `""` of `v1`.
    static func group(of apiVersion: String) -> String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    func type(_ index: Int) -> ObjectSchema? {
        index >= 0 && index < types.count ? types[index] : nil
    }

    /// The type of an object type by its name in the table (`api.core.v1.Container`).
    func type(named name: String) -> ObjectSchema? {
        types.first { $0.name == name }
    }

    /// The kind closest to an unknown one, among the kinds of the table.
    func suggestion(forKind unknown: String) -> String? {
        closestName(to: unknown, among: kinds.keys, folded: foldedKinds)
    }

    /// The names of the volume sources (`emptyDir`, `configMap`...): the fields of a Volume but its name.
    static let volumeSources: Set<String> = {
        guard let volume = shared.type(named: "api.core.v1.Volume") else { return [] }
        return Set(volume.fields.keys.filter { $0 != "name" })
    }()
}
