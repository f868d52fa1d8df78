import FoundationEssentials
import PodGradeCore
#if canImport(Glibc)
import Glibc
#endif

/// Where `podgrade grade` keeps what `podgrade similar` needs: one file per
/// learner, `DIR/fingerprints/<student>.json`, written by each worker on its
/// own (no lock, and `--resume` keeps what was written before). A file holds
/// the fragments of every exercise submitted and the submitted text, for the
/// side-by-side view:
///
///     {"format": 1, "k": 5, "w": 4, "student": "...", "commit": "...",
///      "submissions": [{"exercise": "07-shared-volume",
///                       "files": [{"path": "07-shared-volume/pod.yaml", "text": "..."}],
///                       "fragments": [{"h": "9f0c...", "k": "script", "t": "...", "s": [[0, 9, 9]]}]}]}
public enum SimilarityStore {
    public static let folder = "fingerprints"

    public struct Failure: Error, Sendable {
        public let message: String
    }

    struct StoredFile: Codable {
        let format: Int
        let k: Int
        let w: Int
        let student: String
        let commit: String?
        let submissions: [SubmissionFingerprint]
    }

    /// The file of a learner inside an output folder.
    public static func path(student: String, in directory: String) -> String {
        directory + "/" + folder + "/" + safeName(student) + ".json"
    }

    /// Writes one learner's fingerprints into `directory/fingerprints/` (created when missing).
    /// The hook in `podgrade grade`, once per learner:
    ///     try SimilarityStore.write(Fingerprinter.fingerprints(of: snapshot, lab: lab), student: learner.student, to: options.outDirectory)
    public static func write(_ fingerprints: LearnerFingerprints, student: String, to directory: String,
                             parameters: WinnowingParameters = WinnowingParameters()) throws(Failure) {
        var current = directory.hasPrefix("/") ? "" : "."
        for part in (directory + "/" + folder).split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw Failure(message: "cannot create \(current): \(String(cString: strerror(errno)))")
            }
        }
        let stored = StoredFile(format: Fingerprinter.format, k: parameters.k, w: parameters.w, student: student,
                                commit: fingerprints.commit, submissions: fingerprints.submissions)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(stored) else { throw Failure(message: "cannot encode the fingerprints of \(student)") }
        do {
            try FileOutput.write(Array(data), to: path(student: student, in: directory))
        } catch {
            throw Failure(message: error.message)
        }
    }

    /// Every learner's fingerprints found in the output folders (a later
    /// folder does not replace a learner met in an earlier one), and a note
    /// for each file that could not be used.
    ///
    /// `lean` keeps of each fragment what comparing and listing read (hash, kind, text, each
    /// distinct text once for the class, what it implies), without line spans and submitted
    /// files: some 60 KB a learner instead of 300. `files` says where each learner's file is,
    /// for `load` to read the whole of the few learners the side-by-side view shows.
    public static func read(_ directories: [String], parameters: WinnowingParameters = WinnowingParameters(), lean: Bool = false)
        -> (learners: [LearnerFingerprints], problems: [String], files: [String: String]) {
        var learners: [LearnerFingerprints] = []
        var problems: [String] = []
        var files: [String: String] = [:]
        var texts: [String: String] = [:]
        var seen = Set<String>()
        let decoder = JSONDecoder()
        var visited = Set<String>()
        for directory in directories where visited.insert(directory).inserted {
            let folderPath = directory + "/" + folder
            for name in DirectoryListing.entries(folderPath).sorted() where name.hasSuffix(".json") {
                let file = folderPath + "/" + name
                guard case .success(let bytes) = WorkTreeReader.readRegular(file) else {
                    problems.append("\(file): unreadable")
                    continue
                }
                guard let stored = try? decoder.decode(StoredFile.self, from: Data(bytes)) else {
                    problems.append("\(file): not a fingerprint file")
                    continue
                }
                guard stored.format == Fingerprinter.format, stored.k == parameters.k, stored.w == parameters.w else {
                    problems.append("\(file): fingerprints of another podgrade version (format \(stored.format)); grade again")
                    continue
                }
                guard seen.insert(stored.student).inserted else { continue }
                files[stored.student] = file
                learners.append(LearnerFingerprints(student: stored.student, commit: stored.commit,
                                                    submissions: lean ? stored.submissions.map { $0.lean(texts: &texts) } : stored.submissions))
            }
        }
        return (learners, problems, files)
    }

    /// One learner's whole fingerprints, read again from the file `read` found them in.
    public static func load(_ file: String, parameters: WinnowingParameters = WinnowingParameters()) -> LearnerFingerprints? {
        guard case .success(let bytes) = WorkTreeReader.readRegular(file),
              let stored = try? JSONDecoder().decode(StoredFile.self, from: Data(bytes)),
              stored.format == Fingerprinter.format, stored.k == parameters.k, stored.w == parameters.w else { return nil }
        return LearnerFingerprints(student: stored.student, commit: stored.commit, submissions: stored.submissions)
    }

    /// A file name for any student id: distinct ids never share a file.
    static func safeName(_ student: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@")
        var name = String(student.map { allowed.contains($0) ? $0 : "_" }.prefix(80))
        if name.isEmpty || name.hasPrefix(".") { name = "_" + name }
        if name != student { name += "-" + String(FNV.hash(student), radix: 16) }
        return name
    }
}

extension Fragment {
    enum CodingKeys: String, CodingKey {
        case hash = "h", kind = "k", text = "t", spans = "s", given = "g"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let hex = try container.decode(String.self, forKey: .hash)
        guard let value = UInt64(hex, radix: 16) else {
            throw DecodingError.dataCorruptedError(forKey: .hash, in: container, debugDescription: "not a hexadecimal hash")
        }
        hash = value
        kind = try container.decode(FragmentKind.self, forKey: .kind)
        text = try container.decode(String.self, forKey: .text)
        let triples = try container.decode([[Int]].self, forKey: .spans)
        spans = triples.compactMap { $0.count == 3 ? LineSpan(file: $0[0], first: $0[1], last: $0[2]) : nil }
        given = try container.decodeIfPresent([String].self, forKey: .given)?.compactMap { UInt64($0, radix: 16) } ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(String(hash, radix: 16), forKey: .hash)
        try container.encode(kind, forKey: .kind)
        try container.encode(text, forKey: .text)
        try container.encode(spans.map { [$0.file, $0.first, $0.last] }, forKey: .spans)
        if !given.isEmpty { try container.encode(given.map { String($0, radix: 16) }, forKey: .given) }
    }
}

/// The names in a folder (no `.` and `..`), or none when it cannot be read.
public enum DirectoryListing {
    public static func entries(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                let bytes = raw.prefix { $0 != 0 }
                return String(decoding: bytes, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Sub-folders of a folder, hidden ones left out, sorted.
    public static func folders(_ path: String) -> [String] {
        entries(path).filter { name in
            guard !name.hasPrefix(".") else { return false }
            var info = stat()
            return stat(path + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        }.sorted()
    }
}
