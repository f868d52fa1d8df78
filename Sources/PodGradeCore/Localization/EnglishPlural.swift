/// English plurals: "1 point", "2 points".
public enum EnglishPlural {
    public static func points(_ n: Int) -> String { n == 1 ? "1 point" : "\(n) points" }
}
