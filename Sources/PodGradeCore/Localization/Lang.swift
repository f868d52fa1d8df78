/// The languages of podgrade's feedback. Russian is the lecture's language
/// and the default; English on request.
public enum Lang: String, Sendable, CaseIterable, Codable {
    case ru, en

    /// Where the language came from, for a message that names it.
    public enum Origin: String, Sendable { case flag = "--lang", environment = "PODGRADE_LANG" }

    /// An unknown language, with where it was given.
    public struct Unknown: Error, Sendable, Equatable {
        public let value: String
        public let origin: Origin
    }

    /// One rule for every command: `--lang` when given, else `PODGRADE_LANG`,
    /// else Russian (CONTRACT.md). Both take `ru` or `en` in any case, or a
    /// locale name of them (`en_US.UTF-8`); anything else is an error naming
    /// its origin, never a silent fallback. `LANG` and `LC_*` are not read: the
    /// contract makes Russian, the lecture's language, the default everywhere.
    public static func resolving(_ flag: String?, environment: [String: String]) -> Result<Lang, Unknown> {
        if let flag { return parse(flag).map { .success($0) } ?? .failure(Unknown(value: flag, origin: .flag)) }
        if let env = environment["PODGRADE_LANG"], !env.isEmpty {
            return parse(env).map { .success($0) } ?? .failure(Unknown(value: env, origin: .environment))
        }
        return .success(.ru)
    }

    /// `--lang` when given, else `PODGRADE_LANG`, else Russian; nil when either is unknown.
    public static func resolve(_ flag: String?, environment: [String: String]) -> Lang? {
        try? resolving(flag, environment: environment).get()
    }

    /// `ru`, `EN`, `ru_RU.UTF-8`, `en-GB`.
    static func parse(_ text: String) -> Lang? {
        let lowered = text.lowercased()
        if let lang = Lang(rawValue: lowered) { return lang }
        guard let separator = lowered.firstIndex(where: { $0 == "_" || $0 == "-" || $0 == "." }) else { return nil }
        return Lang(rawValue: String(lowered[..<separator]))
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
