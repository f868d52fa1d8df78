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

    /// Reads the table's bytes in one pass (it is read at every start of podgrade:
    /// no Character-level string splitting here).
    init(text: String) {
        var text = text
        let (types, kindRows, unread) = text.withUTF8 { Self.read($0) }
        var kinds: [String: [(apiVersion: String, type: Int)]] = [:]
        var groups: Set<String> = []
        var foldedKinds: [String: String] = [:]
        for (apiVersion, kind, index) in kindRows where index >= 0 && index < types.count {
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

    private static let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")
    private static let equals = UInt8(ascii: "="), comma = UInt8(ascii: ",")

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> ([ObjectSchema], [(String, String, Int)], Int) {
        // Lines first: the number of types is needed to check references.
        var lines: [Range<Int>] = []
        var start = 0
        for i in 0..<bytes.count where bytes[i] == newline {
            if i > start { lines.append(start..<i) }
            start = i + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        let count = lines.reduce(0) { $0 + (bytes[$1.lowerBound] == UInt8(ascii: "T") ? 1 : 0) }
        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        func columns(_ line: Range<Int>) -> [Range<Int>] {
            var result: [Range<Int>] = []
            var from = line.lowerBound
            for i in line where bytes[i] == tab {
                result.append(from..<i)
                from = i + 1
            }
            result.append(from..<line.upperBound)
            return result
        }
        var types: [ObjectSchema] = []
        types.reserveCapacity(count)
        var kinds: [(String, String, Int)] = []
        var unread = 0
        for line in lines {
            let cols = columns(line)
            guard cols.count == 4, cols[0].count == 1 else { unread += 1; continue }
            switch bytes[cols[0].lowerBound] {
            case UInt8(ascii: "T"):
                var required: [String] = []
                var from = cols[2].lowerBound
                for i in cols[2].lowerBound...cols[2].upperBound where i == cols[2].upperBound || bytes[i] == comma {
                    if i > from { required.append(string(from..<i)) }
                    from = i + 1
                }
                var fields: [String: FieldType] = [:]
                var itemStart = cols[3].lowerBound
                for i in cols[3].lowerBound...cols[3].upperBound where i == cols[3].upperBound || bytes[i] == space {
                    defer { itemStart = i + 1 }
                    guard i > itemStart else { continue }
                    guard let eq = (itemStart..<i).first(where: { bytes[$0] == equals }) else { unread += 1; continue }
                    var position = eq + 1
                    if let type = parse(bytes, &position, end: i, objects: count), position == i {
                        fields[string(itemStart..<eq)] = type
                    } else {
                        fields[string(itemStart..<eq)] = .any
                        unread += 1
                    }
                }
                types.append(ObjectSchema(string(cols[1]), required: required, fields))
            case UInt8(ascii: "K"):
                guard let index = Int(string(cols[3])) else { unread += 1; continue }
                kinds.append((string(cols[1]), string(cols[2]), index))
            default:
                unread += 1
            }
        }
        return (types, kinds, unread)
    }

    /// One type code (`[#12`, `{s`, `I`...) from `position`, which it moves past the code.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, end: Int, objects: Int) -> FieldType? {
        guard position < end else { return nil }
        let first = bytes[position]
        position += 1
        switch first {
        case UInt8(ascii: "s"): return .string
        case UInt8(ascii: "i"): return .integer
        case UInt8(ascii: "b"): return .boolean
        case UInt8(ascii: "n"): return .number
        case UInt8(ascii: "q"): return .quantity
        case UInt8(ascii: "I"): return .intOrString
        case UInt8(ascii: "m"): return .stringMap
        case UInt8(ascii: "a"): return .any
        case UInt8(ascii: "o"): return .openObject
        case UInt8(ascii: "["): return parse(bytes, &position, end: end, objects: objects).map { .array($0) }
        case UInt8(ascii: "{"): return parse(bytes, &position, end: end, objects: objects).map { .map($0) }
        case UInt8(ascii: "#"):
            var index = 0, digits = 0
            while position < end, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9"), digits < 6 {
                index = index * 10 + Int(bytes[position] - UInt8(ascii: "0"))
                position += 1
                digits += 1
            }
            guard digits > 0, index < objects else { return nil }
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
