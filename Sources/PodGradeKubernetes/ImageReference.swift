import Synchronization

/// A container image reference split as the container runtime reads it:
/// `nginx` is `docker.io/library/nginx` with no tag (latest).
public struct ImageReference: Sendable, Hashable {
    public let registry: String
    /// The full repository path on the registry (`library/nginx`, `cadvisor/cadvisor`).
    public let repository: String
    public let tag: String?
    public let digest: String?

    public init?(_ text: String) {
        if let known = Self.read.withLock({ $0[text] }) {
            guard let known else { return nil }
            self = known
            return
        }
        let parts = Self.readASCII(text) ?? Self.readCharacters(text)
        let reference = parts.map { ImageReference(registry: $0.registry, repository: $0.repository, tag: $0.tag, digest: $0.digest) }
        Self.read.withLock { table in
            if table.count >= Self.readLimit { table.removeAll(keepingCapacity: true) }
            table[text] = .some(reference)
        }
        guard let reference else { return nil }
        self = reference
    }

    private init(registry: String, repository: String, tag: String?, digest: String?) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// References already read, by text (nil: not a reference): a class writes the same few
    /// images again and again, and reading one costs more than the lookup. Bounded.
    private static let read = Mutex<[String: ImageReference?]>([:])
    private static let readLimit = 4096

    private struct Parts {
        let registry: String
        let repository: String
        let tag: String?
        let digest: String?
    }

    private static func readCharacters(_ text: String) -> Parts? {
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
        let components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return assemble(components, tag: tag, digest: digest)
    }

    /// The same reading over bytes, for the usual ASCII reference without CR (where
    /// bytes and characters agree): `nil` when it does not apply; `.some(nil)` when invalid.
    private static func readASCII(_ text: String) -> Parts?? {
        let b = Array(text.utf8)
        guard b.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
        guard !b.isEmpty, !b.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }) else { return .some(nil) }
        var end = b.count
        var digest: String?
        if let at = b.firstIndex(of: UInt8(ascii: "@")) {
            digest = String(decoding: b[(at + 1)...], as: UTF8.self)
            end = at
        }
        var tag: String?
        if let colon = b[..<end].lastIndex(of: UInt8(ascii: ":")), !b[(colon + 1)..<end].contains(UInt8(ascii: "/")) {
            tag = String(decoding: b[(colon + 1)..<end], as: UTF8.self)
            end = colon
        }
        let components = b[..<end].split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        return .some(assemble(components, tag: tag, digest: digest))
    }

    private static func assemble(_ parts: [String], tag: String?, digest: String?) -> Parts? {
        var components = parts
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
        return Parts(registry: registry, repository: repository, tag: tag, digest: digest)
    }

    /// `docker.io/library/nginx`: what two references must share to name the same image.
    public var name: String { "\(registry)/\(repository)" }
    /// The last path component (`nginx`, `cadvisor`, `envoy`).
    public var shortName: String { repository.split(separator: "/").last.map(String.init) ?? repository }
}
