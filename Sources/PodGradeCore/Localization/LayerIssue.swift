/// A lower layer's problem as a message argument. Those layers' types are not
/// `Codable`, so the JSON result carries the problem as its text in every
/// language; a decoded one renders from those texts.
public struct LayerIssue<Problem: LayerProblem>: Sendable, Codable {
    public let problem: Problem?
    private let texts: [String: String]

    public init(_ problem: Problem) {
        self.problem = problem
        self.texts = [:]
    }

    public func text(_ lang: Lang) -> String {
        problem?.text(lang) ?? texts[lang.rawValue] ?? ""
    }

    public init(from decoder: any Decoder) throws {
        problem = nil
        texts = try decoder.singleValueContainer().decode([String: String].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: Lang.allCases.map { ($0.rawValue, text($0)) }))
    }
}
