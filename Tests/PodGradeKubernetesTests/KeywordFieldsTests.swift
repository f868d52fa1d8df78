import Foundation
import Testing
import PodGradeYAML
@testable import PodGradeKubernetes

/// Fields named like a JSON Schema keyword (`LimitRangeItem.default`,
/// `PriorityClass.description`, `JSONSchemaProps.format`...) once vanished from
/// the schema table: the generator dropped the keyword and the field alike.
/// This test is generated over every kind-version of the table: it walks
/// `.ci/k8s-schemas/definitions.json` (Kubernetes' own schemas, not the table)
/// from each kind to every such field it reaches, writes an object holding that
/// field with a value of its type, and expects `k8s.schema` to accept it.
@Suite struct KeywordFieldsTests {
    /// JSON Schema's keywords (drafts 4 to 2020-12), OpenAPI's additions, and
    /// Kubernetes' `x-kubernetes-*` extensions (by prefix).
    static let keywords: Set<String> = [
        "$schema", "$id", "$ref", "$defs", "$comment", "$anchor", "$vocabulary", "id",
        "default", "enum", "const", "type", "items", "additionalItems", "format", "properties",
        "patternProperties", "additionalProperties", "required", "description", "title",
        "examples", "example", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems",
        "minProperties", "maxProperties", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
        "definitions", "dependencies", "dependentRequired", "dependentSchemas", "contains",
        "propertyNames", "readOnly", "writeOnly", "deprecated", "nullable", "discriminator",
        "externalDocs", "xml", "contentEncoding", "contentMediaType",
    ]

    /// The field names of Kubernetes 1.37's kinds that are keywords too.
    static let found: [String] = [
        "$ref", "$schema", "additionalItems", "additionalProperties", "allOf", "anyOf", "default",
        "definitions", "dependencies", "deprecated", "description", "enum", "example", "exclusiveMaximum",
        "exclusiveMinimum", "externalDocs", "format", "id", "items", "maxItems", "maxLength", "maxProperties",
        "maximum", "minItems", "minLength", "minProperties", "minimum", "multipleOf", "not", "nullable",
        "oneOf", "pattern", "patternProperties", "properties", "readOnly", "required", "title", "type",
        "uniqueItems", "x-kubernetes-embedded-resource", "x-kubernetes-int-or-string",
        "x-kubernetes-list-map-keys", "x-kubernetes-list-type", "x-kubernetes-map-type",
        "x-kubernetes-preserve-unknown-fields", "x-kubernetes-validations",
    ]

    static func isKeyword(_ name: String) -> Bool {
        keywords.contains(name) || name.hasPrefix("x-kubernetes-")
    }

    /// One step of a path from an object to a field.
    enum Step: Hashable {
        case field(String)
        case item   // an element of an array
        case entry  // a value of a map
    }

    /// A field named like a keyword, reached from a kind-version.
    struct Case: CustomStringConvertible {
        let apiVersion: String
        let kind: String
        let steps: [Step]
        let value: Any

        var path: String {
            var path = ""
            for step in steps {
                switch step {
                case .field(let name): path += path.isEmpty ? name : "." + name
                case .item: path += "[0]"
                case .entry: path += ".k"
                }
            }
            return path
        }

        var description: String { "\(apiVersion) \(kind) \(path)" }

        /// The object as JSON text (YAML reads it): apiVersion, kind, a name, the path down to the field.
        var manifest: String {
            var node: Any = value
            for step in steps.reversed() {
                switch step {
                case .field(let name): node = [name: node]
                case .item: node = [node]
                case .entry: node = ["k": node]
                }
            }
            var object = (node as? [String: Any]) ?? [:]
            object["apiVersion"] = apiVersion
            object["kind"] = kind
            if object["metadata"] == nil { object["metadata"] = ["name": "demo"] }
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "" }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// The walk over Kubernetes' schemas.
    struct Walk {
        let definitions: [String: [String: Any]]

        init() {
            let path = GeneratedSchemasTests.root + "/.ci/k8s-schemas/definitions.json"
            guard let data = FileManager.default.contents(atPath: path),
                  let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let defs = json["$defs"] as? [String: [String: Any]] else {
                definitions = [:]
                return
            }
            definitions = defs
        }

    func refName(_ schema: [String: Any]) -> String? {
        guard let ref = schema["$ref"] as? String, let slash = ref.range(of: "$defs/", options: .backwards) else { return nil }
        return String(ref[slash.upperBound...])
    }

    func types(_ schema: [String: Any]) -> [String] {
        if let type = schema["type"] as? String { return [type] }
        return ((schema["type"] as? [String]) ?? []).filter { $0 != "null" }
    }

    /// What a value of this schema leads to: an object's definition to walk
    /// into, through array items and map values (the steps to take).
    func target(_ schema: [String: Any], _ steps: [Step] = []) -> (name: String, steps: [Step])? {
        if let name = refName(schema) {
            guard definitions[name]?["properties"] != nil else { return nil }
            return (name, steps)
        }
        let types = types(schema)
        if types.contains("array"), let items = schema["items"] as? [String: Any] {
            return target(items, steps + [.item])
        }
        if types.contains("object"), let values = schema["additionalProperties"] as? [String: Any] {
            return target(values, steps + [.entry])
        }
        return nil
    }

    /// A value of the field's type (the schema's own, resolved through `$ref`).
    func sample(_ schema: [String: Any]) -> Any {
        if let name = refName(schema), let resolved = definitions[name] {
            return resolved["properties"] != nil ? [String: Any]() : sample(resolved)
        }
        if let alternatives = schema["oneOf"] as? [[String: Any]] {
            return alternatives.contains { types($0).contains("integer") || types($0).contains("number") } ? 1 : "x"
        }
        switch types(schema).first {
        case "string": return "x"
        case "integer", "number": return 1
        case "boolean": return true
        case "array": return [Any]()
        default: return [String: Any]()
        }
    }

    /// Every keyword-named field reachable from every kind-version of the table,
    /// each at its shortest path from that kind.
    var cases: [Case] {
        var result: [Case] = []
        let table = SchemaTable.shared
        for kind in table.kinds.keys.sorted() {
            for (apiVersion, index) in table.kinds[kind] ?? [] {
                guard let root = table.type(index).map({ "io.k8s." + $0.name }), definitions[root] != nil else { continue }
                var seen: Set<String> = [root]
                var queue: [(String, [Step])] = [(root, [])]
                var found: Set<String> = []
                while !queue.isEmpty {
                    let (name, steps) = queue.removeFirst()
                    let properties = (definitions[name]?["properties"] as? [String: [String: Any]]) ?? [:]
                    for field in properties.keys.sorted() {
                        guard let schema = properties[field] else { continue }
                        if steps.isEmpty && (field == "apiVersion" || field == "kind" || field == "status") { continue }
                        if KeywordFieldsTests.isKeyword(field), found.insert(name + "." + field).inserted {
                            result.append(Case(apiVersion: apiVersion, kind: kind, steps: steps + [.field(field)], value: sample(schema)))
                        }
                        if let next = target(schema, steps + [.field(field)]), seen.insert(next.name).inserted {
                            queue.append(next)
                        }
                    }
                }
            }
        }
        return result
    }
    }

    @Test func everyKindAcceptsItsFieldsNamedLikeKeywords() {
        let walk = Walk()
        #expect(walk.definitions.count == 588)
        let cases = walk.cases
        var fields: Set<String> = []
        for test in cases {
            let file = YAMLReader.read(test.manifest)
            guard file.error == nil, let root = file.documents.first?.root else {
                Issue.record("unreadable manifest for \(test)")
                continue
            }
            let refused = SchemaChecker.check(root, path: "").filter { issue in
                switch issue.problem {
                case .unknownField: return true
                case .required: return issue.path == test.path // a field the sample leaves out is not the point
                default: return issue.path == test.path || issue.path.hasPrefix(test.path + ".") || issue.path.hasPrefix(test.path + "[")
                }
            }
            #expect(refused.isEmpty, "\(test): \(refused)")
            if let last = test.steps.last, case .field(let name) = last { fields.insert(name) }
        }
        // What the walk finds today: a change in Kubernetes' schemas shows here.
        #expect(cases.count == 370)
        #expect(fields.sorted() == Self.found, "\(fields.sorted())")
    }

    /// The issue's own example: kubeconform's quantity.yaml, a LimitRange with `default`.
    @Test func limitRangeDefaultIsAField() {
        let manifest = """
            apiVersion: v1
            kind: LimitRange
            metadata:
              name: mem-limit-range
            spec:
              limits:
              - default:
                  memory: 512Mi
                defaultRequest:
                  memory: 256000
                type: Container
            """
        let file = YAMLReader.read(manifest)
        let issues = file.documents.first.map { SchemaChecker.check($0.root, path: "") } ?? []
        #expect(issues.isEmpty)
        let wrong = YAMLReader.read(manifest.replacingOccurrences(of: "memory: 512Mi", with: "memory: [512Mi]"))
        let typed = wrong.documents.first.map { SchemaChecker.check($0.root, path: "") } ?? []
        #expect(typed.map(\.path) == ["spec.limits[0].default.memory"])
    }
}
