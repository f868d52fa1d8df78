import PodGradeCore
import PodGradeReport
#if canImport(Glibc)
import Glibc
#endif

/// Where `check` finds the learner's `.podgrade.yaml`: in the graded snapshot's
/// root, else (a folder on disk) in the folder or the root of its git work tree.
enum LearnerFiles {
    static func student(snapshot: SourceSnapshot, source: String) throws -> String? {
        if let file = snapshot.files.first(where: { $0.path == LearnerFile.name }), case .bytes(let bytes) = file.content {
            return try parse(bytes, path: displayPath(source, LearnerFile.name))
        }
        guard !SourceLoader.isURL(source), !SourceLoader.isManifestFile(source) else { return nil }
        var folder = source.hasSuffix("/") && source.count > 1 ? String(source.dropLast()) : source
        // Up to the git work tree's root (the folder holding .git), at most a few levels.
        for _ in 0..<16 {
            let path = folder + "/" + LearnerFile.name
            if access(path, F_OK) == 0 {
                switch WorkTreeReader.readRegular(path) {
                case .success(let bytes): return try parse(bytes, path: path)
                case .failure: throw UsageFailure(.learnerFileInvalid(path: path, line: nil, problem: "unreadable"))
                }
            }
            if access(folder + "/.git", F_OK) == 0 { return nil }
            folder += "/.."
            if realpathString(folder) == "/" { return nil }
        }
        return nil
    }

    static func parse(_ bytes: [UInt8], path: String) throws -> String {
        switch LearnerFile.student(in: bytes) {
        case .success(let id): return id
        case .failure(let problem): throw UsageFailure(.learnerFileInvalid(path: path, line: problem.line, problem: problem.message))
        }
    }

    static func displayPath(_ source: String, _ name: String) -> String {
        SourceLoader.isURL(source) ? name : (source.hasSuffix("/") ? source + name : source + "/" + name)
    }

    private static func realpathString(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
