/// The languages of podgrade's feedback. Russian is the lecture's language
/// and the default; English on request.
public enum Lang: String, Sendable, CaseIterable, Codable {
    case ru, en

    /// `--lang` when given, else `PODGRADE_LANG`, else Russian.
    public static func resolve(_ flag: String?, environment: [String: String]) -> Lang? {
        if let flag { return Lang(rawValue: flag.lowercased()) }
        if let env = environment["PODGRADE_LANG"], let lang = Lang(rawValue: env.lowercased().prefix(2).description) {
            return lang
        }
        return .ru
    }
}

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

/// Russian plural forms after CLDR: one (1, 21, 101), few (2-4, 22-24), many
/// (0, 5-20, 11-14, 25...).
public enum RussianPlural {
    public static func form(_ n: Int, one: String, few: String, many: String) -> String {
        let n = abs(n)
        let mod10 = n % 10, mod100 = n % 100
        if mod10 == 1 && mod100 != 11 { return one }
        if (2...4).contains(mod10) && !(12...14).contains(mod100) { return few }
        return many
    }

    /// "1 балл", "2 балла", "5 баллов".
    public static func points(_ n: Int) -> String {
        "\(n) " + form(n, one: "балл", few: "балла", many: "баллов")
    }
}

public enum EnglishPlural {
    public static func points(_ n: Int) -> String { n == 1 ? "1 point" : "\(n) points" }
}
