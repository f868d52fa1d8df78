import PodGradeCore
import FoundationEssentials

/// Any JSON value, to walk a message's arguments.
enum JSONValue: Codable {
    case string(String), int(Int), double(Double), bool(Bool), null
    case array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var fields: [String: JSONValue] = [:]
            for key in object.allKeys { fields[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(fields)
        } else if var items = try? decoder.unkeyedContainer() {
            var values: [JSONValue] = []
            while !items.isAtEnd { values.append(try items.decode(JSONValue.self)) }
            self = .array(values)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() { self = .null }
            else if let value = try? single.decode(Bool.self) { self = .bool(value) }
            else if let value = try? single.decode(Int.self) { self = .int(value) }
            else if let value = try? single.decode(Double.self) { self = .double(value) }
            else { self = .string(try single.decode(String.self)) }
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .object(let fields):
            var c = encoder.container(keyedBy: AnyKey.self)
            for (key, value) in fields { try c.encode(value, forKey: AnyKey(key)) }
        case .array(let values):
            var c = encoder.unkeyedContainer()
            for value in values { try c.encode(value) }
        case .string(let value): var c = encoder.singleValueContainer(); try c.encode(value)
        case .int(let value): var c = encoder.singleValueContainer(); try c.encode(value)
        case .double(let value): var c = encoder.singleValueContainer(); try c.encode(value)
        case .bool(let value): var c = encoder.singleValueContainer(); try c.encode(value)
        case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
        }
    }

    /// The leaves in the order of their sorted names; a list of texts is one leaf.
    func flatten(into leaves: inout [String]) {
        switch self {
        case .object(let fields): for key in fields.keys.sorted() { fields[key]?.flatten(into: &leaves) }
        case .array(let values): leaves.append(values.map(\.leafText).joined(separator: ", "))
        case .null: break
        default: leaves.append(leafText)
        }
    }

    private var leafText: String {
        switch self {
        case .string(let value): return value
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .bool(let value): return String(value)
        case .null, .array, .object: return ""
        }
    }

    /// The same shape with `{n}` for each text leaf and a marker number for each
    /// integer (recorded in `numbers` to be replaced by `{n}` after rendering).
    func placeholders(_ counter: inout Int, _ numbers: inout [(Int, Int)]) -> JSONValue {
        switch self {
        case .object(let fields):
            var out: [String: JSONValue] = [:]
            for key in fields.keys.sorted() { out[key] = fields[key]?.placeholders(&counter, &numbers) }
            return .object(out)
        case .array:
            defer { counter += 1 }
            return .array([.string("{\(counter)}")])
        case .null: return .null
        case .int:
            // Ends in 5: the general plural ("5 файлов", "5 files"), and found nowhere else.
            let marker = 1_000_005 + 10 * counter
            numbers.append((marker, counter))
            counter += 1
            return .int(marker)
        default:
            defer { counter += 1 }
            return .string("{\(counter)}")
        }
    }
}

struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
