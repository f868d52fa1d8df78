// Placeholder until the lab is embedded by `make lab`.
public enum BundledLab {
    public static let exercises: [String: String] = [:]
    public static let solutions: [String: String] = [:]
}
