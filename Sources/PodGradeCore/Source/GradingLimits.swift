public import PodGradeYAML

/// Every bound a grading run applies to its input: what is read from the
/// repository (`source`) and how each manifest is parsed (`yaml`). The
/// defaults are far above any honest submission. `podgrade check` and
/// `podgrade validate` take overrides from `PODGRADE_LIMITS`, a comma-separated
/// list such as `yaml.maxDepth=64,source.maxFiles=1000` (see README).
public struct GradingLimits: Sendable, Hashable {
    public var source: SourceLimits
    public var yaml: YAMLLimits

    public init(source: SourceLimits = SourceLimits(), yaml: YAMLLimits = .default) {
        self.source = source
        self.yaml = yaml
    }

    public static let names = ["yaml.maxFileBytes", "yaml.maxDepth", "yaml.maxNodes", "yaml.maxExpandedNodes", "yaml.maxDocuments",
                               "source.maxFileBytes", "source.maxFiles", "source.maxTotalBytes", "source.maxDepth"]

    /// Parses `name=value,...` over the defaults; a message names the first bad item.
    public static func parse(_ text: String) -> Result<GradingLimits, SourceFailure> {
        var limits = GradingLimits()
        for item in text.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
            guard parts.count == 2, let value = Int(parts[1]), value >= 0 else {
                return .failure(SourceFailure("invalid PODGRADE_LIMITS item '\(item)': use name=number, such as yaml.maxDepth=64"))
            }
            switch parts[0] {
            case "yaml.maxFileBytes": limits.yaml.maxFileBytes = value
            case "yaml.maxDepth": limits.yaml.maxDepth = value
            case "yaml.maxNodes": limits.yaml.maxNodes = value
            case "yaml.maxExpandedNodes": limits.yaml.maxExpandedNodes = value
            case "yaml.maxDocuments": limits.yaml.maxDocuments = value
            case "source.maxFileBytes": limits.source.maxFileBytes = value
            case "source.maxFiles": limits.source.maxFiles = value
            case "source.maxTotalBytes": limits.source.maxTotalBytes = value
            case "source.maxDepth": limits.source.maxDepth = value
            default:
                return .failure(SourceFailure("unknown PODGRADE_LIMITS name '\(parts[0])': use one of \(names.joined(separator: ", "))"))
            }
        }
        return .success(limits)
    }
}

private extension Substring {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
