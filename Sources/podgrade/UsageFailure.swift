import PodGradeCore
import PodGradeReport

/// Unusable input: one line on stderr, exit 2, in the user's language.
struct UsageFailure: Error {
    private enum Content {
        case text(CommandText)
        /// A sentence that is not in the catalogue yet (English).
        case raw(String)
    }

    private let content: Content

    init(_ text: CommandText) { content = .text(text) }
    init(_ message: String) { content = .raw(message) }

    func message(_ lang: Lang) -> String {
        switch content {
        case .text(let text): return text.text(lang)
        case .raw(let message): return message
        }
    }
}
