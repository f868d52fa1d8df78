import PodGradeYAML

/// One check of an exercise, as its spec states it, its rule resolved when the lab loads.
public struct CheckSpec: Sendable {
    public let id: String
    public let rule: any Rule
    public let points: Int
    public let params: Params
    public let hint: LocalizedText?
}
