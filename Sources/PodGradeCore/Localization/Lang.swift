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
