/// What `podgrade check` was asked to grade.
public struct SourceRequest: Sendable {
    public var source: String
    public var rev: String?
    public var deadline: String?
    public var cacheDirectory: String?
    public var cloneTimeout: Double
    public var allowLocal: Bool

    public init(source: String, rev: String? = nil, deadline: String? = nil, cacheDirectory: String? = nil,
                cloneTimeout: Double = 120, allowLocal: Bool = true) {
        self.source = source
        self.rev = rev
        self.deadline = deadline
        self.cacheDirectory = cacheDirectory
        self.cloneTimeout = cloneTimeout
        self.allowLocal = allowLocal
    }
}

public struct SourceFailure: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// Turns a SOURCE into a snapshot of its manifests.
public enum SourceLoader {
    public static func snapshot(_ request: SourceRequest) throws(SourceFailure) -> SourceSnapshot {
        do {
            return try WorkTreeReader.read(root: request.source)
        } catch {
            throw SourceFailure(error.message)
        }
    }
}
