/// A rule's documentation, shown by `podgrade explain` and in SARIF help.
public struct RuleDoc: Sendable {
    public let title: LocalizedText
    public let explanation: LocalizedText
    /// The lecture section that teaches the idea (its title, in Russian as the lecture has it).
    public let section: String?

    public init(title: LocalizedText, explanation: LocalizedText, section: String?) {
        self.title = title
        self.explanation = explanation
        self.section = section
    }
}
