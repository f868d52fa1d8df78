import PodGradeYAML

/// A known-wrong submission that must fail exactly the named rules.
public struct WrongCase: Sendable {
    public let file: String
    public let content: [UInt8]
    public let fails: [String]
    public let why: LocalizedText?
}
