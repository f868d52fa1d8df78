import PodGradeYAML

/// A known-wrong submission that must fail exactly the named rules.
public struct WrongCase: Sendable {
    public let file: String
    public let content: [UInt8]
    public let fails: [String]
    public let why: LocalizedText?
    /// The misconception's message key: the first finding of one of the named rules has it.
    public let key: String?

    public init(file: String, content: [UInt8], fails: [String], why: LocalizedText?, key: String? = nil) {
        self.file = file
        self.content = content
        self.fails = fails
        self.why = why
        self.key = key
    }
}

/// A correct alternative answer (`right/`): it must score full marks.
public struct RightCase: Sendable {
    public let file: String
    public let content: [UInt8]
    public let why: LocalizedText?
}
