import PodGradeCore

/// `file://` URIs and the paths they name.
enum FileURI {
    /// The absolute path of a `file:` URI, percent-decoded; nil for other schemes.
    static func path(_ uri: String) -> String? {
        guard uri.lowercased().hasPrefix("file://") else { return nil }
        var rest = uri.dropFirst(7)
        if !rest.hasPrefix("/") {
            // file://host/path: the host is ignored (localhost).
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            rest = rest[slash...]
        }
        var bytes: [UInt8] = []
        var utf8 = Array(rest.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        let path = String(decoding: bytes, as: UTF8.self)
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// A `file:` URI for an absolute path, reserved characters escaped.
    static func uri(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = Array("file://".utf8)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// What one grading run needs, copied out of the server so that it runs off
/// the server's actor: the workspace root, the buffers under it, what changed.
struct GradingJob: Sendable {
    let root: String
    /// Relative path → unsaved text of the open buffers under `root`.
    let buffers: [String: String]
    /// Relative paths edited since the last published grading.
    let changed: Set<String>
    /// Relative path → exercises whose submission held it at the last grading.
    let membership: [String: Set<String>]
    let grader: Grader
    let sourceLimits: SourceLimits
    /// The disk as last read, if still fresh.
    let disk: SourceSnapshot?
}

/// One exercise graded, with the text of each of its files (for positions).
struct GradedExercise: Sendable {
    let result: ExerciseResult
    let texts: [String: String]
}

struct GradingOutcome: Sendable {
    let root: String
    let exercises: [GradedExercise]
    /// The disk snapshot read for this run, for the next one.
    let disk: SourceSnapshot?
    /// A problem reading the workspace, for the log.
    let problem: String?
}

/// Grades the open buffers as the repository they belong to.
enum GradingEngine {
    static func run(_ job: GradingJob) -> GradingOutcome {
        var problem: String?
        let disk: SourceSnapshot
        if let cached = job.disk {
            disk = cached
        } else {
            do {
                disk = try WorkTreeReader.read(root: job.root, limits: job.sourceLimits)
            } catch {
                problem = error.message
                disk = SourceSnapshot(origin: SourceOrigin(path: job.root), files: [])
            }
        }
        let snapshot = overlay(disk, job.buffers, limits: job.sourceLimits)
        let lab = job.grader.lab
        let changed = job.changed.filter(SourceSnapshot.isManifest)
        // The learner's own variants: `student:` of the workspace root's .podgrade.yaml (ignored when unusable).
        let student = snapshot.files.first { $0.path == LearnerFile.name }.flatMap { file -> String? in
            if case .bytes(let bytes) = file.content { return try? LearnerFile.student(in: bytes).get() }
            return nil
        }

        // Exercises named by a folder of a changed path: graded from their folders alone.
        var folderExercises = Set<String>()
        var everyChangeInFolder = true
        for path in changed {
            let folders = Set(path.split(separator: "/").dropLast().map(String.init))
            let named = lab.exercises.filter { folders.contains($0.id) }.map(\.id)
            if named.isEmpty { everyChangeInFolder = false }
            folderExercises.formUnion(named)
        }
        var wanted = folderExercises
        for path in changed { wanted.formUnion(job.membership[path] ?? []) }
        let result: GradeResult
        var affected: Set<String>
        if everyChangeInFolder && wanted == folderExercises && !wanted.isEmpty {
            let ids = lab.exercises.map(\.id).filter(wanted.contains)
            let restricted = SourceSnapshot(origin: snapshot.origin, files: snapshot.files.filter { file in
                file.path.split(separator: "/").dropLast().contains { wanted.contains(String($0)) }
            })
            result = job.grader.grade(restricted, only: ids, student: student)
            affected = wanted
        } else {
            result = job.grader.grade(snapshot, student: student)
            affected = wanted
            for exercise in result.exercises where exercise.files.contains(where: changed.contains) {
                affected.insert(exercise.id)
            }
        }
        var texts: [String: String] = [:]
        for file in snapshot.files {
            if let buffer = job.buffers[file.path] {
                // A buffer too large to grade only has findings on its first
                // line: its first bytes are enough for positions.
                texts[file.path] = buffer.utf8.count > job.sourceLimits.maxFileBytes ? String(buffer.prefix(4096)) : buffer
            } else if case .bytes(let bytes) = file.content {
                texts[file.path] = String(decoding: bytes, as: UTF8.self)
            }
        }
        let graded = result.exercises.filter { affected.contains($0.id) }.map { exercise in
            GradedExercise(result: exercise, texts: texts.filter { exercise.files.contains($0.key) })
        }
        return GradingOutcome(root: job.root, exercises: graded, disk: disk, problem: problem)
    }

    /// The disk with the buffers' text instead; a buffer over the file size
    /// limit is skipped as `check` skips such a file.
    static func overlay(_ disk: SourceSnapshot, _ buffers: [String: String], limits: SourceLimits) -> SourceSnapshot {
        func content(_ text: String) -> SourceFile.Content {
            let count = text.utf8.count
            if count > limits.maxFileBytes { return .skipped(.tooLarge(bytes: count, limit: limits.maxFileBytes)) }
            return .bytes(Array(text.utf8))
        }
        var files = disk.files.map { file in
            buffers[file.path].map { SourceFile(path: file.path, content: content($0)) } ?? file
        }
        let onDisk = Set(disk.files.map(\.path))
        for (path, text) in buffers where !onDisk.contains(path) && SourceSnapshot.isManifest(path) {
            files.append(SourceFile(path: path, content: content(text)))
        }
        files.sort { $0.path < $1.path }
        return SourceSnapshot(origin: disk.origin, files: files, notes: disk.notes)
    }
}
