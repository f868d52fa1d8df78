import PodGradeCore
import PodGradeYAML

/// How the server starts; `initializationOptions` and
/// `workspace/didChangeConfiguration` may change the language and the lab.
public struct ServerOptions: Sendable {
    public var lang: Lang
    public var lab: Lab
    public var limits: GradingLimits
    /// Quiet time after an edit before grading.
    public var debounce: Duration
    /// The largest frame read.
    public var maxFrameLength: Int
    /// How long a read of the workspace's files is reused.
    public var diskCacheLifetime: Duration
    public var log: @Sendable (String) -> Void

    public init(lang: Lang = .ru, lab: Lab = .bundledForGrading, limits: GradingLimits = GradingLimits(), debounce: Duration = .milliseconds(150),
                maxFrameLength: Int = 128 << 20, diskCacheLifetime: Duration = .seconds(1),
                log: @escaping @Sendable (String) -> Void = { StandardErrorLog()($0) }) {
        self.lang = lang
        self.lab = lab
        self.limits = limits
        self.debounce = debounce
        self.maxFrameLength = maxFrameLength
        self.diskCacheLifetime = diskCacheLifetime
        self.log = log
    }
}
