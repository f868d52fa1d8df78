public import PodGradeCore
import FoundationEssentials

/// SARIF 2.1.0 for code scanning (GitHub uploads it as is): every rule of the
/// catalog as a reportingDescriptor with its message strings, a result per
/// finding of a failed check (errors) and per Kubernetes warning or advice
/// (warnings), its message with text, `id` and `arguments` (SARIFMessages). A
/// finding without a location points at the exercise's file without a region,
/// never at a made-up line.
public struct SARIFReporter: Reporter {
    public static let name = "sarif"
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    public init() {}

    public func render(_ result: GradeResult, context: ReportContext) -> String {
        JSONReporter.encode(log(result, lang: context.lang))
    }

    func log(_ result: GradeResult, lang: Lang) -> Log {
        let rules = RuleCatalog.all.map { descriptor($0, lang: lang) }
        var index: [String: Int] = [:]
        for (i, rule) in RuleCatalog.all.enumerated() where index[rule.id] == nil { index[rule.id] = i }
        var results: [SARIFResult] = []
        for exercise in result.exercises {
            for check in exercise.checks {
                let findings: ArraySlice<FindingResult>
                let level: String
                switch check.status {
                case .fail, .error: findings = check.findings[...]; level = "error"
                case .info: findings = check.findings[...]; level = "warning"
                case .pass: findings = check.findings.dropFirst(); level = "warning"
                case .skip: continue
                }
                for finding in findings {
                    results.append(self.result(finding, check: check, exercise: exercise, level: level, ruleIndex: index[check.rule], lang: lang))
                }
            }
        }
        let shared = SARIFMessages.templates(SharedMessage.samples, rule: nil, lang: lang)
        let driver = Driver(name: "podgrade", version: PodGrade.version, semanticVersion: PodGrade.version,
                            globalMessageStrings: shared.mapValues { MessageString(text: $0) }, rules: rules)
        return Log(schema: Self.schemaURI, version: "2.1.0",
                   runs: [Run(tool: Tool(driver: driver), results: results, columnKind: "unicodeCodePoints",
                              originalUriBaseIds: ["%SRCROOT%": OriginalURIBase(description: Message(text: ReportText.source.text(lang)))])])
    }

    private func descriptor(_ rule: any Rule, lang: Lang) -> ReportingDescriptor {
        let properties = DescriptorProperties(tags: ["kubernetes", "podgrade"], lectureSection: rule.doc.section)
        return ReportingDescriptor(
            id: rule.id, name: Self.pascalName(rule.id),
            shortDescription: Message(text: rule.doc.title.text(lang)),
            fullDescription: Message(text: rule.doc.explanation.text(lang)),
            help: Message(text: RuleText.explain(rule, lang: lang)),
            messageStrings: SARIFMessages.templates(rule.anyMessageSamples, rule: rule.id, lang: lang).mapValues { MessageString(text: $0) },
            defaultConfiguration: Configuration(level: "error"),
            properties: properties)
    }

    private func result(_ finding: FindingResult, check: CheckResult, exercise: ExerciseResult, level: String,
                        ruleIndex: Int?, lang: Lang) -> SARIFResult {
        var text = finding.message.text(lang)
        if level == "error", let hint = check.hint { text += "\n" + ReportText.hint.text(lang) + ": " + hint.text(lang) }
        var locations: [SARIFLocation] = []
        if let location = finding.location {
            locations.append(SARIFLocation(physicalLocation: PhysicalLocation(
                artifactLocation: ArtifactLocation(uri: Escape.uriPath(location.file), uriBaseId: "%SRCROOT%"),
                region: Region(startLine: max(1, location.line), startColumn: max(1, location.column)))))
        } else if let file = exercise.files.first {
            // Code scanning needs a location: the file, without a region.
            locations.append(SARIFLocation(physicalLocation: PhysicalLocation(
                artifactLocation: ArtifactLocation(uri: Escape.uriPath(file), uriBaseId: "%SRCROOT%"), region: nil)))
        }
        let message = Message(text: text, id: finding.message.key, arguments: SARIFMessages.arguments(finding.message))
        return SARIFResult(ruleId: check.rule, ruleIndex: ruleIndex, level: level, message: message,
                           locations: locations.isEmpty ? nil : locations,
                           properties: ResultProperties(exercise: exercise.id, check: check.id, path: finding.path))
    }

    /// `ports.unique` → `PortsUnique` (SARIF's rule name is an identifier-like word).
    static func pascalName(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    // MARK: The SARIF object model (only what podgrade writes).

    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [SARIFResult]
        var columnKind: String
        var originalUriBaseIds: [String: OriginalURIBase]
    }

    struct OriginalURIBase: Encodable {
        var description: Message
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var version: String
        var semanticVersion: String
        var globalMessageStrings: [String: MessageString]
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: Message
        var messageStrings: [String: MessageString]
        var defaultConfiguration: Configuration
        var properties: DescriptorProperties
    }

    struct DescriptorProperties: Encodable {
        var tags: [String]
        var lectureSection: String?
    }

    struct Configuration: Encodable { var level: String }

    struct Message: Encodable {
        var text: String
        var id: String?
        var arguments: [String]?

        init(text: String, id: String? = nil, arguments: [String]? = nil) {
            self.text = text
            self.id = id
            self.arguments = arguments
        }
    }

    struct MessageString: Encodable { var text: String }

    struct SARIFResult: Encodable {
        var ruleId: String
        var ruleIndex: Int?
        var level: String
        var message: Message
        var locations: [SARIFLocation]?
        var properties: ResultProperties
    }

    struct ResultProperties: Encodable {
        var exercise: String
        var check: String
        var path: String?
    }

    struct SARIFLocation: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }
}
