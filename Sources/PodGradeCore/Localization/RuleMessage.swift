/// What a check says: a case of its rule's `Message` enum with typed
/// arguments. The core never renders one; each reporter asks for `text(_:)`
/// in its language. `Codable` carries the arguments through the JSON result
/// (`key` and `args`) so a batch graded in one language reports in another.
///
/// A new language: add its case to `Lang`, a requirement here and its branch
/// in `text(_:)`; the compiler then lists every message enum to translate.
public protocol RuleMessage: Codable, Sendable {
    var russian: String { get }
    var english: String { get }
    /// The case's name, stable across languages: what tests, scripts and SARIF match.
    var key: String { get }
}

extension RuleMessage {
    public func text(_ lang: Lang) -> String {
        switch lang {
        case .ru: return russian
        case .en: return english
        }
    }

    public var key: String {
        Mirror(reflecting: self).children.first?.label ?? String(describing: self)
    }
}
