internal import CGit2
import FoundationEssentials
import Glibc

// MARK: cache entries

extension GitRemote {
    /// The entry opened if it is a bare repository whose every ref names an
    /// object that is there; nil for anything else (half-written, corrupt).
    static func usableMirror(_ path: String) -> GitRepository? {
        guard let repository = try? GitRepository.open(path, searchParents: false), repository.isBare else { return nil }
        removeStaleLockFiles(in: path)
        var odbHandle: OpaquePointer?
        guard git_repository_odb(&odbHandle, repository.handle) == 0, let odb = odbHandle else { return nil }
        defer { git_odb_free(odb) }
        for (_, hex) in refTargets(repository) {
            var oid = git_oid()
            guard git_oid_fromstr(&oid, hex) == 0 else { return nil }
            var object: OpaquePointer?
            guard git_odb_exists(odb, &oid) != 0, git_object_lookup(&object, repository.handle, &oid, GIT_OBJECT_ANY) == 0 else {
                return nil
            }
            git_object_free(object)
        }
        return repository
    }

    /// Every direct ref of the repository: name → object id (hex).
    static func refTargets(_ repository: GitRepository) -> [String: String] {
        var iteratorHandle: OpaquePointer?
        guard git_reference_iterator_new(&iteratorHandle, repository.handle) == 0, let iterator = iteratorHandle else { return [:] }
        defer { git_reference_iterator_free(iterator) }
        var result: [String: String] = [:]
        var referenceHandle: OpaquePointer?
        while git_reference_next(&referenceHandle, iterator) == 0, let reference = referenceHandle {
            defer { git_reference_free(reference) }
            guard git_reference_type(reference) == GIT_REFERENCE_DIRECT, let target = git_reference_target(reference),
                  let cName = git_reference_name(reference) else { continue }
            result[String(cString: cName)] = hexString(target)
        }
        return result
    }

    /// Puts the refs back as `before` had them (after a failed fetch).
    static func restoreRefs(_ before: [String: String], in repository: GitRepository) {
        let now = refTargets(repository)
        for name in now.keys where before[name] == nil {
            _ = git_reference_remove(repository.handle, name)
        }
        for (name, hex) in before where now[name] != hex {
            var oid = git_oid()
            guard git_oid_fromstr(&oid, hex) == 0 else { continue }
            var created: OpaquePointer?
            if git_reference_create(&created, repository.handle, name, &oid, 1, "podgrade: restored after a failed fetch") == 0 {
                git_reference_free(created)
            }
        }
    }

    /// git's `*.lock` files a killed process left in the repository (they would
    /// make every later fetch fail); called only while holding the entry's lock.
    static func removeStaleLockFiles(in repository: String) {
        for top in ["HEAD.lock", "config.lock", "packed-refs.lock", "shallow.lock", "FETCH_HEAD.lock"] {
            unlink(PathString.appending(top, to: repository))
        }
        let refs = PathString.appending("refs", to: repository)
        guard let paths = try? FileManager.default.subpathsOfDirectory(atPath: refs) else { return }
        for path in paths where path.hasSuffix(".lock") {
            unlink(PathString.appending(path, to: refs))
        }
    }

    /// Partial clones and moved-aside entries of `name` left by a killed process.
    static func removeLeftovers(of name: String, in cacheDirectory: String) {
        guard let siblings = try? FileManager.default.contentsOfDirectory(atPath: cacheDirectory) else { return }
        for sibling in siblings where sibling.hasPrefix(".\(name).partial-") || sibling.hasPrefix(".\(name).corrupt-") {
            try? FileManager.default.removeItem(atPath: PathString.appending(sibling, to: cacheDirectory))
        }
    }

    /// Renames a broken entry out of the way (atomic), then deletes it.
    static func moveAside(_ destination: String, name: String, in cacheDirectory: String) throws(GitError) {
        let aside = PathString.appending(".\(name).corrupt-\(UUID().uuidString)", to: cacheDirectory)
        guard rename(destination, aside) == 0 else {
            throw GitError(.io, "cannot move the broken cache entry '\(destination)' aside: \(String(cString: strerror(errno))); delete it by hand")
        }
        try? FileManager.default.removeItem(atPath: aside)
    }
}
