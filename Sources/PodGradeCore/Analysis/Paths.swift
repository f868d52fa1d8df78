public import PodGradeKubernetes

/// A place inside a volume: the volume's name and the path relative to its root.
public struct VolumePlace: Sendable, Hashable {
    public let volume: String
    public let relative: String
}

public enum Paths {
    /// `/var/log/event-simulator/` and `/var/log//event-simulator` are `/var/log/event-simulator`;
    /// `.` components drop out, `..` climbs.
    public static func normalize(_ path: String) -> String {
        if isNormalized(path) { return path }
        var parts: [Substring] = []
        for bytes in path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            let part = Substring(bytes)
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") || path.isEmpty ? "/" + joined : joined
    }

    /// An absolute path with no empty, `.` or `..` component and no trailing slash (or `/`):
    /// already what `normalize` makes of it.
    static func isNormalized(_ path: String) -> Bool {
        path.withUTF8Bytes { bytes in
            let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
            guard bytes.first == slash else { return false }
            if bytes.count == 1 { return true }
            var length = 0
            var dots = 0
            for k in 1..<bytes.count {
                let b = bytes[k]
                if b == slash {
                    if length == 0 || (dots == length && length <= 2) { return false }
                    length = 0
                    dots = 0
                } else {
                    length += 1
                    if b == dot { dots += 1 }
                }
            }
            return length > 0 && !(dots == length && length <= 2)
        }
    }

    /// Whether a path holds a shell variable podgrade cannot know (`$DIR/app.log`). The bytes
    /// are scanned in place: `utf8.contains` walks the view index by index, at several times
    /// the cost, and every file the model records is tested.
    static func holdsVariable(_ path: String) -> Bool {
        path.withUTF8Bytes { $0.contains(UInt8(ascii: "$")) }
    }

    /// Whether `path` is `directory` or lies below it.
    public static func isWithin(_ path: String, _ directory: String) -> Bool {
        if directory == "/" { return path.hasPrefix("/") }
        guard path.hasPrefix(directory) else { return false }
        let rest = path.utf8.dropFirst(directory.utf8.count)
        return rest.isEmpty || rest.first == UInt8(ascii: "/")
    }

    /// The volume place a container path lands on, through the container's
    /// mounts (the deepest mountPath wins; subPath is prefixed), or nil when the
    /// path is on the container's own filesystem.
    public static func place(of path: String, in container: Container) -> VolumePlace? {
        resolve(path, in: container)?.place
    }

    /// The volume place a container path lands on and the mount it lands through.
    public static func resolve(_ path: String, in container: Container) -> (place: VolumePlace, mount: VolumeMount)? {
        MountTable(container).resolve(path)
    }

    /// A container's mounts with their paths normalized once, for resolving many paths.
    public struct MountTable: Sendable {
        let workingDir: String
        let entries: [(path: String, volume: String, mount: VolumeMount)]

        public init(_ container: Container) {
            workingDir = container.workingDir?.value ?? "/"
            var entries: [(path: String, volume: String, mount: VolumeMount)] = []
            for mount in container.volumeMounts {
                guard let mountPath = mount.mountPath?.value, let volume = mount.name?.value else { continue }
                entries.append((Paths.normalize(mountPath), volume, mount))
            }
            self.entries = entries
        }

        /// The volume place `path` lands on (the deepest mountPath wins; subPath is prefixed).
        public func resolve(_ path: String) -> (place: VolumePlace, mount: VolumeMount)? {
            guard !entries.isEmpty else { return nil }
            var absolute = path
            if !absolute.hasPrefix("/") { absolute = workingDir + "/" + absolute }
            return place(ofAbsolute: normalize(absolute))
        }

        /// The same for a path `normalize` made already (the model's file facts): `normalize`
        /// gives back what it made, so only a relative path is made absolute and normalized.
        func resolve(normalized path: String) -> (place: VolumePlace, mount: VolumeMount)? {
            guard !entries.isEmpty else { return nil }
            return place(ofAbsolute: path.hasPrefix("/") ? path : normalize(workingDir + "/" + path))
        }

        private func place(ofAbsolute absolute: String) -> (place: VolumePlace, mount: VolumeMount)? {
            var best: (path: String, volume: String, mount: VolumeMount)?
            for entry in entries where isWithin(absolute, entry.path) && entry.path.utf8.count > (best?.path.utf8.count ?? -1) {
                best = entry
            }
            guard let best else { return nil }
            // The mount path is a prefix of `absolute` ending before a "/": a character boundary.
            var relative = String(Substring(absolute.utf8.dropFirst(best.path == "/" ? 1 : best.path.utf8.count)))
            if relative.hasPrefix("/") { relative.removeFirst() }
            if let sub = best.mount.subPath?.value, !sub.isEmpty {
                relative = relative.isEmpty ? normalize(sub) : normalize(sub) + "/" + relative
                relative = relative.hasPrefix("/") ? String(relative.dropFirst()) : relative
            }
            return (VolumePlace(volume: best.volume, relative: relative), best.mount)
        }
    }

    /// Whether a read of `pattern` (a file, a directory, or a glob like `*.log`)
    /// sees what a write to `file` produced, both as volume-relative paths.
    public static func read(_ pattern: String, covers file: String) -> Bool {
        if pattern.isEmpty || pattern == file { return true }
        if file.hasPrefix(pattern + "/") { return true }
        if pattern.contains("*") || pattern.contains("?") { return glob(pattern, matches: file) }
        return false
    }

    /// Shell glob matching of `*` and `?` within path components.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let p = Array(pattern.unicodeScalars), t = Array(text.unicodeScalars)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti], p[pi] != "*" {
                pi += 1; ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi; mark = ti; pi += 1
            } else if star >= 0, t[mark] != "/" {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
