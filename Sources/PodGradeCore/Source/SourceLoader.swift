import PodGradeGit
#if canImport(Glibc)
import Glibc
#endif

/// Turns a SOURCE into a snapshot of its manifests: a folder as it is on disk,
/// or a repository's git objects at a revision or a deadline (bare
/// repositories, `--rev`/`--deadline`, and URLs, which are cloned bare into a cache).
public enum SourceLoader {
    public static func snapshot(_ request: SourceRequest) throws(SourceFailure) -> SourceSnapshot {
        let source = request.source
        if isURL(source) {
            let cache = request.cacheDirectory ?? defaultCacheDirectory()
            do {
                try makeDirectories(cache)
                let repository = try GitRemote.cloneOrFetch(source, cacheDirectory: cache, timeout: request.cloneTimeout,
                                                            allowLocal: request.allowLocal)
                var snapshot = try read(repository, request)
                snapshot = SourceSnapshot(origin: SourceOrigin(path: nil, url: source, commit: snapshot.origin.commit,
                                                               newerCommits: snapshot.origin.newerCommits, deadline: snapshot.origin.deadline),
                                          files: snapshot.files, notes: snapshot.notes)
                return snapshot
            } catch {
                throw failure(error, source)
            }
        }
        var info = stat()
        guard stat(source, &info) == 0 else {
            if errno == ENOENT { throw SourceFailure("\(source): no such file or folder", kind: .notFound(path: source)) }
            throw SourceFailure("\(source): \(String(cString: strerror(errno)))")
        }
        let wantsGit = request.rev != nil || request.deadline != nil
        if !wantsGit && (info.st_mode & S_IFMT) == S_IFREG {
            return try singleFile(source, limits: request.limits)
        }
        if wantsGit || isBareRepository(source) {
            do {
                let repository = try GitRepository.open(source)
                return try read(repository, request, path: source)
            } catch {
                throw failure(error, source)
            }
        }
        do {
            return try WorkTreeReader.read(root: source, limits: request.limits)
        } catch {
            throw SourceFailure(error.message)
        }
    }

    /// Whether `path` is one manifest file on disk (`check pod.yaml`), not a folder or repository.
    public static func isManifestFile(_ path: String) -> Bool {
        var info = stat()
        return !isURL(path) && stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
            && SourceSnapshot.isManifest(path.split(separator: "/").last.map(String.init) ?? path)
    }

    /// `check pod.yaml`: one manifest graded as a repository of its own. It keeps
    /// the name of its folder, so a file in `03-sidecar-logging/` is that
    /// exercise's submission; elsewhere it is matched by kind and name.
    static func singleFile(_ path: String, limits: SourceLimits) throws(SourceFailure) -> SourceSnapshot {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard SourceSnapshot.isManifest(name) else {
            throw SourceFailure("\(path): not a manifest (.yaml, .yml or .json) nor a folder or repository")
        }
        var folder = ""
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        if let resolved = realpath(path, &buffer) {
            let parts = String(cString: resolved).split(separator: "/")
            if parts.count >= 2 { folder = String(parts[parts.count - 2]) + "/" }
        }
        let content: SourceFile.Content
        switch WorkTreeReader.readRegular(path, limit: limits.maxFileBytes) {
        case .success(let bytes): content = .bytes(bytes)
        case .failure(let reason): content = .skipped(reason)
        }
        return SourceSnapshot(origin: SourceOrigin(path: path), files: [SourceFile(path: folder + name, content: content)])
    }

    /// A git or reading error as the one-line failure the CLI prints.
    static func failure(_ error: any Error, _ source: String) -> SourceFailure {
        switch error {
        case let error as GitError: return SourceFailure("\(source): \(error.message)")
        case let error as SourceFailure: return error
        default: return SourceFailure("\(source): \(error)")
        }
    }

    /// The repository's manifests at the asked revision or deadline.
    static func read(_ repository: GitRepository, _ request: SourceRequest, path: String? = nil) throws -> SourceSnapshot {
        let rev = request.rev ?? "HEAD"
        var newer: Int?
        let commit: CommitInfo
        if let deadlineText = request.deadline {
            guard let deadline = Deadline.parse(deadlineText) else {
                throw SourceFailure("invalid --deadline '\(deadlineText)': use ISO 8601 with an offset, such as 2026-12-01T23:59:00+03:00")
            }
            let found = try repository.commit(at: deadline, from: rev)
            commit = found.commit
            newer = found.newerCommits
        } else {
            commit = try repository.resolve(rev)
        }
        let limits = request.limits
        let entries = try repository.files(at: commit.id, limits: TreeLimits(maxBlobBytes: limits.maxFileBytes,
                                                                            maxEntries: limits.maxFiles * 4,
                                                                            maxTotalBytes: limits.maxTotalBytes))
        let files = entries.map { entry -> SourceFile in
            switch entry.content {
            case .blob(let bytes): return SourceFile(path: entry.path, content: .bytes(bytes))
            case .tooLarge(let size): return SourceFile(path: entry.path, content: .skipped(.tooLarge(bytes: size, limit: limits.maxFileBytes)))
            case .symlink(let target): return SourceFile(path: entry.path, content: .skipped(.symlink(target: target)))
            case .submodule: return SourceFile(path: entry.path, content: .skipped(.submodule))
            }
        }
        return SourceSnapshot(origin: SourceOrigin(path: path ?? repository.workdir ?? repository.gitDirectory, url: nil, commit: commit.id,
                                                   newerCommits: newer, deadline: request.deadline),
                              files: files)
    }

    /// `https://`, `git://`, `ssh://`, `file://` and scp-like `user@host:path`.
    public static func isURL(_ source: String) -> Bool {
        if source.contains("://") { return true }
        if source.hasPrefix("/") || source.hasPrefix(".") { return false }
        if let colon = source.firstIndex(of: ":"), let at = source.firstIndex(of: "@"), at < colon { return true }
        return source.hasPrefix("ext::") || source.hasPrefix("fd::")
    }

    static func isBareRepository(_ path: String) -> Bool {
        var info = stat()
        return stat(path + "/HEAD", &info) == 0 && stat(path + "/objects", &info) == 0 && stat(path + "/refs", &info) == 0
    }

    /// `$XDG_CACHE_HOME/podgrade`, else `~/.cache/podgrade`.
    public static func defaultCacheDirectory() -> String {
        if let xdg = getenv("XDG_CACHE_HOME").map({ String(cString: $0) }), !xdg.isEmpty { return xdg + "/podgrade" }
        if let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty { return home + "/.cache/podgrade" }
        return "/tmp/podgrade-cache"
    }

    static func makeDirectories(_ path: String) throws(SourceFailure) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw SourceFailure("cannot create \(current): \(String(cString: strerror(errno)))")
            }
        }
    }
}
