import PodGradeCore
import FoundationEssentials

/// SARIF's message strings (SARIF 2.1.0 §3.11.7, §3.49.11) for podgrade's
/// message values. A result's `message` keeps its `text` and adds `id` (the
/// message key) and `arguments` (the message's arguments, flattened in the order
/// of their sorted names); each rule's descriptor holds, under `messageStrings`,
/// a template per key with `{n}` where argument n goes. A list argument is one
/// argument, its items joined by ", ".
enum SARIFMessages {
    /// The arguments of a message, as SARIF positions them.
    static func arguments(_ message: any RuleMessage) -> [String] {
        var leaves: [String] = []
        args(message)?.flatten(into: &leaves)
        return leaves
    }

    /// The templates of a rule's (or, with no rule, the shared) messages, by key.
    static func templates(_ samples: [any RuleMessage], rule: String?, lang: Lang) -> [String: String] {
        var templates: [String: String] = [:]
        for sample in samples where templates[sample.key] == nil {
            if let text = template(sample, rule: rule, lang: lang) { templates[sample.key] = text }
        }
        return templates
    }

    /// The sample rendered with a placeholder for each argument: `{n}` for a
    /// text, a number whose plural form is the general one for a count.
    static func template(_ sample: any RuleMessage, rule: String?, lang: Lang) -> String? {
        guard let args = args(sample) else { return nil }
        var counter = 0
        var numbers: [(Int, Int)] = []
        let placeholders = args.placeholders(&counter, &numbers)
        let finding = JSONValue.object(["message": .string(""), "key": .string(sample.key), "args": placeholders])
        let check = JSONValue.object(["id": .string("template"), "rule": .string(rule ?? ""), "status": .string("fail"),
                                      "points": .int(0), "maxPoints": .int(0), "findings": .array([finding])])
        guard let data = try? JSONEncoder().encode(check),
              let decoded = try? JSONDecoder().decode(CheckResult.self, from: data),
              let message = decoded.findings.first?.message, message.key == sample.key else { return nil }
        var text = message.text(lang)
        for (number, index) in numbers { text = text.replacingAll(String(number), with: "{\(index)}") }
        return text
    }

    /// A message's arguments as its JSON result has them under `args`.
    private static func args(_ message: any RuleMessage) -> JSONValue? {
        let finding = FindingResult(message: message, location: nil, path: nil)
        guard let data = try? JSONEncoder().encode(finding),
              case .object(let fields)? = try? JSONDecoder().decode(JSONValue.self, from: data) else { return nil }
        return fields["args"]
    }
}

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
