internal import CGit2
import FoundationEssentials

/// A local git repository (work tree or bare), read without ever checking out.
///
/// Use one instance from one thread at a time; distinct instances may be used
/// concurrently (libgit2 is thread-safe per object).
public final class GitRepository {
    let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        git_repository_free(handle)
    }

    /// Opens a work tree root, any path inside a work tree (searching upward like
    /// `git` does), or a bare repository directory.
    public static func open(_ path: String) throws(GitError) -> GitRepository {
        try open(path, searchParents: true)
    }

    /// `searchParents: false` opens exactly `path`, never a repository above it
    /// (the clone cache must not pick up a work tree it happens to live in).
    static func open(_ path: String, searchParents: Bool) throws(GitError) -> GitRepository {
        LibGit2.ensureInitialized()
        guard !path.isEmpty, !path.hasEmbeddedNUL else {
            throw GitError(.notARepository, "'\(path)' is not a usable path; pass the directory of a git repository")
        }
        var raw: OpaquePointer?
        let status = git_repository_open_ext(
            &raw, path, searchParents ? 0 : GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        guard status == 0, let raw else {
            switch status {
            case GIT_ENOTFOUND.rawValue:
                throw GitError(.notARepository,
                               "no git repository at or above '\(path)'; check the path or run 'git init' there")
            case GIT_EOWNER.rawValue:
                throw GitError.fromLibgit2(.notARepository, "cannot open the repository at '\(path)'",
                                           advice: "it belongs to another user; run the grader as that user or copy the repository")
            default:
                throw GitError.fromLibgit2(.io, "cannot open the repository at '\(path)'",
                                           advice: "check that the directory is readable and not corrupted")
            }
        }
        return GitRepository(handle: raw)
    }

    public var isBare: Bool { git_repository_is_bare(handle) != 0 }

    /// Root of the work tree, without a trailing '/'; nil for a bare repository.
    public var workdir: String? {
        git_repository_workdir(handle).map { GitRepository.trimmingSlash(String(cString: $0)) }
    }

    /// The `.git` directory (or the bare repository itself), without a trailing '/'.
    public var gitDirectory: String {
        git_repository_path(handle).map { GitRepository.trimmingSlash(String(cString: $0)) } ?? ""
    }

    static func trimmingSlash(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }

    // MARK: revisions

    /// Resolves any revision `git rev-parse` understands (HEAD, branch, tag, short
    /// sha, `main~2`, ...) and peels it to a commit.
    public func resolve(_ rev: String = "HEAD") throws(GitError) -> CommitInfo {
        let commit = try lookupCommit(rev)
        defer { git_commit_free(commit) }
        return CommitInfo(commit: commit)
    }

    /// The newest commit reachable from `rev` whose committer time is at or before
    /// `deadline`, and how many reachable commits are newer than the deadline.
    ///
    /// The whole history is walked (in GIT_SORT_TIME order) rather than stopping at
    /// the first match, because with skewed clocks a parent can be newer than its
    /// child and the count would otherwise be wrong.
    public func commit(at deadline: Date, from rev: String = "HEAD") throws(GitError) -> (commit: CommitInfo, newerCommits: Int) {
        let start = try lookupCommit(rev)
        var startID = git_oid()
        if let id = git_commit_id(start) { startID = id.pointee }
        git_commit_free(start)

        var walkHandle: OpaquePointer?
        guard git_revwalk_new(&walkHandle, handle) == 0, let walk = walkHandle else {
            throw GitError.fromLibgit2(.io, "cannot walk the history of '\(rev)'", advice: "check that the repository is not corrupted")
        }
        defer { git_revwalk_free(walk) }
        _ = git_revwalk_sorting(walk, GIT_SORT_TIME.rawValue)
        guard git_revwalk_push(walk, &startID) == 0 else {
            throw GitError.fromLibgit2(.io, "cannot walk the history of '\(rev)'", advice: "check that the repository is not corrupted")
        }

        let limit = deadline.timeIntervalSince1970
        var best: (info: CommitInfo, seconds: Int64)?
        var newer = 0
        var oldest: Int64?
        var oid = git_oid()
        while true {
            let step = git_revwalk_next(&oid, walk)
            if step == GIT_ITEROVER.rawValue { break }
            guard step == 0 else {
                throw GitError.fromLibgit2(.io, "cannot walk the history of '\(rev)'", advice: "the repository may be incomplete or corrupted")
            }
            var commitHandle: OpaquePointer?
            guard git_commit_lookup(&commitHandle, handle, &oid) == 0, let commit = commitHandle else {
                throw GitError.fromLibgit2(.io, "cannot read commit \(hexString(&oid))", advice: "the repository may be incomplete or corrupted")
            }
            defer { git_commit_free(commit) }
            let seconds = git_commit_time(commit)
            oldest = min(oldest ?? seconds, seconds)
            if Double(seconds) > limit {
                newer += 1
            } else if best == nil || seconds > (best?.seconds ?? .min) {
                best = (CommitInfo(commit: commit), seconds)
            }
        }
        guard let best else {
            var message = "no commit reachable from '\(rev)' was made at or before \(ISOTime.format(deadline))"
            if let oldest {
                message += "; the oldest commit is from \(ISOTime.format(Date(timeIntervalSince1970: TimeInterval(oldest))))"
            }
            message += ", so nothing was submitted in time"
            throw GitError(.revisionNotFound, message)
        }
        return (best.info, newer)
    }

    /// Looks up `rev` and peels it to a commit; the caller frees the result.
    func lookupCommit(_ rev: String) throws(GitError) -> OpaquePointer {
        guard !rev.isEmpty, !rev.hasEmbeddedNUL else {
            throw GitError(.revisionNotFound, "'\(rev)' is not a valid revision; use a branch, tag or commit id")
        }
        var objectHandle: OpaquePointer?
        let status = git_revparse_single(&objectHandle, handle, rev)
        guard status == 0, let object = objectHandle else {
            switch status {
            case GIT_ENOTFOUND.rawValue, GIT_EINVALIDSPEC.rawValue:
                throw GitError(.revisionNotFound,
                               "revision '\(rev)' does not exist in this repository; check the branch, tag or commit id")
            case GIT_EAMBIGUOUS.rawValue:
                throw GitError(.revisionNotFound,
                               "revision '\(rev)' is ambiguous; use more characters of the commit id")
            case GIT_EUNBORNBRANCH.rawValue:
                throw GitError(.revisionNotFound,
                               "the repository has no commits yet ('\(rev)' points to an unborn branch); commit and push your work")
            default:
                throw GitError.fromLibgit2(.revisionNotFound, "cannot resolve revision '\(rev)'",
                                           advice: "check the branch, tag or commit id")
            }
        }
        defer { git_object_free(object) }
        var peeled: OpaquePointer?
        guard git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) == 0, let peeled else {
            throw GitError(.revisionNotFound, "revision '\(rev)' does not name a commit; use a branch, tag or commit id")
        }
        return peeled
    }
}
