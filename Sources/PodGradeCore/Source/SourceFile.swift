/// A file of a learner's repository as podgrade sees it: its bytes, or why
/// they were not read.
public struct SourceFile: Sendable {
    public enum Content: Sendable {
        case bytes([UInt8])
        case skipped(SkipReason)
    }

    public let path: String
    public let content: Content

    public init(path: String, content: Content) {
        self.path = path
        self.content = content
    }
}
