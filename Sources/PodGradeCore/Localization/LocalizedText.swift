/// A text in every language; both are required, so a missing translation
/// does not compile.
public struct LocalizedText: Sendable, Hashable, Codable {
    public let ru: String
    public let en: String

    public init(ru: String, en: String) {
        self.ru = ru
        self.en = en
    }

    public func text(_ lang: Lang) -> String {
        switch lang {
        case .ru: return ru
        case .en: return en
        }
    }
}
