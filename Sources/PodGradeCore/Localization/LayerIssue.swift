public import PodGradeYAML
public import PodGradeKubernetes

/// A problem a lower layer found (the YAML reader, Kubernetes' schema and
/// validation), worded in IssueText.swift.
public protocol LayerProblem: Sendable {
    func text(_ lang: Lang) -> String
}

extension YAMLError: LayerProblem {
    public func text(_ lang: Lang) -> String {
        switch lang {
        case .ru: return YAMLErrorText.russian(self)
        case .en: return YAMLErrorText.english(self)
        }
    }
}

extension K8sIssue: LayerProblem {
    public func text(_ lang: Lang) -> String {
        switch lang {
        case .ru: return K8sIssueText.russian(self)
        case .en: return K8sIssueText.english(self)
        }
    }
}

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
