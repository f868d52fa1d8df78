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
