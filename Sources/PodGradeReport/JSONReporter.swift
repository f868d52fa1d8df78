public import PodGradeCore
import FoundationEssentials

/// `podgrade.result/v1`, as CONTRACT.md fixes it.
public struct JSONReporter: Reporter {
    public static let name = "json"

    public init() {}

    public func render(_ result: GradeResult, context: ReportContext) -> String {
        Self.encode(result, lang: context.lang)
    }

    /// JSON of a value; a result's texts in `lang`.
    public static func encode<T: Encodable>(_ value: T, lang: Lang = .ru, pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        if let key = Lang.codingKey { encoder.userInfo[key] = lang }
        encoder.outputFormatting = pretty ? [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys] : [.withoutEscapingSlashes, .sortedKeys]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + (pretty ? "\n" : "")
    }
}
