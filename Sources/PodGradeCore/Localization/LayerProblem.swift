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
