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
