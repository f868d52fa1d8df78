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
