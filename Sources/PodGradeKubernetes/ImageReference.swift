/// A container image reference split as the container runtime reads it:
/// `nginx` is `docker.io/library/nginx` with no tag (latest).
public struct ImageReference: Sendable, Hashable {
    public let registry: String
    /// The full repository path on the registry (`library/nginx`, `cadvisor/cadvisor`).
    public let repository: String
    public let tag: String?
    public let digest: String?

    public init?(_ text: String) {
        var rest = Substring(text)
        guard !rest.isEmpty, !rest.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) else { return nil }
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        var tag: String?
        if let colon = rest.lastIndex(of: ":"), !rest[rest.index(after: colon)...].contains("/") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !components.isEmpty, !components.contains(where: \.isEmpty) else { return nil }
        var registry = "docker.io"
        if components.count > 1, let first = components.first,
           first.contains(".") || first.contains(":") || first == "localhost" {
            registry = first
            components.removeFirst()
        }
        if registry == "index.docker.io" || registry == "registry-1.docker.io" { registry = "docker.io" }
        if registry == "docker.io", components.count == 1 { components.insert("library", at: 0) }
        let repository = components.joined(separator: "/")
        guard repository == repository.lowercased() else { return nil }
        if let tag, tag.isEmpty { return nil }
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// `docker.io/library/nginx`: what two references must share to name the same image.
    public var name: String { "\(registry)/\(repository)" }
    /// The last path component (`nginx`, `cadvisor`, `envoy`).
    public var shortName: String { repository.split(separator: "/").last.map(String.init) ?? repository }
}
