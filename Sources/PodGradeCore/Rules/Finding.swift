/// One thing a check found: what it says (a message value, rendered only by
/// the reporters) and the node it is about.
public struct Finding: Sendable {
    public let message: any RuleMessage
    public let location: Location?
    public let path: String?

    public init(_ message: any RuleMessage, location: Location? = nil, path: String? = nil) {
        self.message = message
        self.location = location
        self.path = path
    }
}
