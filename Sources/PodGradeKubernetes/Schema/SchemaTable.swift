import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The object types and kinds of the Kubernetes API, from the generated text
/// table (`GeneratedSchemas`, written by .ci/gen-k8s-schemas.py from Kubernetes'
/// published JSON schemas). The kinds are read at the first use; each of the
/// hundreds of object types only when asked for (a Pod's check reads a few dozen):
/// the table is read at every start of podgrade.
struct SchemaTable: Sendable {
    /// Every object type; `FieldType.object(i)` is `type(i)`.
    private let types: LazyObjectSchemas
    /// kind → its apiVersions with their type, the preferred (newest stable) first.
    let kinds: [String: [(apiVersion: String, type: Int)]]
    /// API groups the table knows (`""` for core): a kind unknown in one of them is a mistake, not a CRD.
    let groups: Set<String>
    let foldedKinds: [String: String]
    /// Lines of the kinds that did not read.
    private let unreadKindLines: Int

    static let shared = SchemaTable(text: GeneratedSchemas.table)

    /// Finds the lines in one pass over the bytes (no Character-level string splitting
    /// here) and reads the kinds; the types wait until asked for.
    init(text: String) {
        let bytes = Array(text.utf8)
        var typeLines: [Range<Int>] = []
        var kindRows: [(String, String, Int)] = []
        var unread = 0
        bytes.withUnsafeBufferPointer { bytes in
            var lines: [Range<Int>] = []
            lines.reserveCapacity(bytes.count / 64)
            var start = 0
            // Each line's end by memchr (the table is read at every start).
            while start < bytes.count, let base = bytes.baseAddress {
                let end = memchr(base + start, Int32(Self.newline), bytes.count - start)
                    .map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - base } ?? bytes.count
                if end > start { lines.append(start..<end) }
                start = end + 1
            }
            for line in lines {
                // A type's line is only found here (`T<tab>`): its columns wait until it is read.
                if line.count > 2, bytes[line.lowerBound] == UInt8(ascii: "T"), bytes[line.lowerBound + 1] == Self.tab {
                    typeLines.append(line)
                    continue
                }
                let cols = Self.columns(bytes, line)
                guard cols.count == 4, cols[0].count == 1 else { unread += 1; continue }
                guard bytes[cols[0].lowerBound] == UInt8(ascii: "K"), let index = Int(Self.string(bytes, cols[3])) else {
                    unread += 1
                    continue
                }
                kindRows.append((Self.string(bytes, cols[1]), Self.string(bytes, cols[2]), index))
            }
        }
        var kinds: [String: [(apiVersion: String, type: Int)]] = [:]
        var groups: Set<String> = []
        var foldedKinds: [String: String] = [:]
        for (apiVersion, kind, index) in kindRows {
            guard index >= 0 && index < typeLines.count else { unread += 1; continue }
            kinds[kind, default: []].append((apiVersion, index))
            groups.insert(Self.group(of: apiVersion))
            foldedKinds[kind.lowercased()] = kind
        }
        self.types = LazyObjectSchemas(bytes: bytes, lines: typeLines)
        self.kinds = kinds
        self.groups = groups
        self.foldedKinds = foldedKinds
        self.unreadKindLines = unread
    }

    /// Lines of the table that do not read, every type read to know it (a test keeps this at zero).
    var unreadLines: Int {
        unreadKindLines + (0..<types.count).reduce(0) { $0 + types.read($1).unread }
    }

    fileprivate static let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")
    fileprivate static let equals = UInt8(ascii: "="), comma = UInt8(ascii: ",")

    fileprivate static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    fileprivate static func columns(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var from = line.lowerBound
        for i in line where bytes[i] == tab {
            result.append(from..<i)
            from = i + 1
        }
        result.append(from..<line.upperBound)
        return result
    }

    /// One `T` line: the type, and how many of its parts did not read.
    fileprivate static func readType(_ bytes: UnsafeBufferPointer<UInt8>, line: Range<Int>, objects count: Int) -> (schema: ObjectSchema, unread: Int) {
        let cols = columns(bytes, line)
        guard cols.count == 4 else { return (ObjectSchema(string(bytes, cols.count > 1 ? cols[1] : line), [:]), 1) }
        var unread = 0
        var required: [String] = []
        var from = cols[2].lowerBound
        for i in cols[2].lowerBound...cols[2].upperBound where i == cols[2].upperBound || bytes[i] == comma {
            if i > from { required.append(string(bytes, from..<i)) }
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
                fields[string(bytes, itemStart..<eq)] = type
            } else {
                fields[string(bytes, itemStart..<eq)] = .any
                unread += 1
            }
        }
        return (ObjectSchema(string(bytes, cols[1]), required: required, fields), unread)
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
        guard let slash = apiVersion.utf8.firstIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(apiVersion[..<slash])
    }

    func type(_ index: Int) -> ObjectSchema? {
        index >= 0 && index < types.count ? types.schema(index) : nil
    }

    /// The type of an object type by its name in the table (`api.core.v1.Container`).
    func type(named name: String) -> ObjectSchema? {
        types.index(named: name).map { types.schema($0) }
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

/// The object types of the table, each read from its line the first time it is asked
/// for, by whichever thread asks first (a batch grades on several): a slot is published
/// with one atomic compare-and-exchange, and read after with one atomic load.
private final class LazyObjectSchemas: Sendable {
    private final class Slot: Sendable {
        let schema = Atomic<Unmanaged<ObjectSchema>?>(nil)
    }

    private let bytes: [UInt8]
    private let lines: [Range<Int>]
    private let slots: [Slot]

    init(bytes: [UInt8], lines: [Range<Int>]) {
        self.bytes = bytes
        self.lines = lines
        self.slots = lines.map { _ in Slot() }
    }

    deinit {
        for slot in slots { slot.schema.load(ordering: .acquiring)?.release() }
    }

    var count: Int { lines.count }

    /// Type `index` (in range), read now if no thread has read it yet.
    func schema(_ index: Int) -> ObjectSchema {
        let slot = slots[index]
        if let known = slot.schema.load(ordering: .acquiring) { return known.takeUnretainedValue() }
        let made = Unmanaged.passRetained(read(index).schema)
        let (stored, winner) = slot.schema.compareExchange(expected: nil, desired: made, ordering: .acquiringAndReleasing)
        guard !stored, let winner else { return made.takeUnretainedValue() }
        made.release()
        return winner.takeUnretainedValue()
    }

    /// The index of the type named `name`, found by the bytes of each line's name
    /// (`T<tab>name<tab>...`) without reading the types.
    func index(named name: String) -> Int? {
        let wanted = Array(name.utf8)
        return bytes.withUnsafeBufferPointer { bytes in
            lines.firstIndex { line in
                let start = line.lowerBound + 2, end = start + wanted.count
                return end < line.upperBound && bytes[end] == SchemaTable.tab
                    && bytes[start..<end].elementsEqual(wanted)
            }
        }
    }

    /// Type `index` read from its line (not kept).
    func read(_ index: Int) -> (schema: ObjectSchema, unread: Int) {
        bytes.withUnsafeBufferPointer { SchemaTable.readType($0, line: lines[index], objects: lines.count) }
    }
}
