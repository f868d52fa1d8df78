#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the manifests of a directory tree as they are on disk. Symlinks are
/// reported, never followed; FIFOs, devices and sockets are never opened (a
/// read would block forever); a file is opened with O_NOFOLLOW | O_NONBLOCK
/// and checked with fstat before a single byte is read.
public enum WorkTreeReader {
    public struct Failure: Error, Sendable {
        public let message: String
    }

    static let skippedDirectories: Set<String> = [".git", ".hg", ".svn", "node_modules", ".build"]

    /// With `namingOddEntries`, entries a reader of the folder would otherwise not
    /// hear of come back as skipped files too (`validate` names them): a directory
    /// named like a manifest (its contents are still read), and a symbolic link of
    /// any name that loops or points to a directory.
    public static func read(root: String, limits: SourceLimits = SourceLimits(),
                            include: (String) -> Bool = SourceSnapshot.isManifest,
                            namingOddEntries: Bool = false) throws(Failure) -> SourceSnapshot {
        var info = stat()
        guard stat(root, &info) == 0 else { throw Failure(message: "\(root): \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw Failure(message: "\(root): not a directory") }
        var files: [SourceFile] = []
        var notes: [String] = []
        var totalBytes = 0
        var visited = 0
        // Iterative walk: (absolute path, relative path, depth).
        var pending: [(String, String, Int)] = [(root, "", 0)]
        while let (directory, relative, depth) = pending.popLast() {
            guard let handle = opendir(directory) else {
                notes.append("\(relative.isEmpty ? "." : relative): \(String(cString: strerror(errno)))")
                continue
            }
            var entries: [String] = []
            while let entry = readdir(handle) {
                var nameBuffer = entry.pointee.d_name
                let capacity = MemoryLayout.size(ofValue: nameBuffer)
                let name = withUnsafePointer(to: &nameBuffer) {
                    $0.withMemoryRebound(to: CChar.self, capacity: capacity) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                entries.append(name)
            }
            closedir(handle)
            for name in entries.sorted().reversed() {
                visited += 1
                if visited > limits.maxFiles * 4 {
                    notes.append("more than \(limits.maxFiles * 4) entries: the rest was not read")
                    return SourceSnapshot(origin: SourceOrigin(path: root), files: files.sorted { $0.path < $1.path }, notes: notes)
                }
                let absolute = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                let path = relative.isEmpty ? name : relative + "/" + name
                var entryInfo = stat()
                guard lstat(absolute, &entryInfo) == 0 else { continue }
                let type = entryInfo.st_mode & S_IFMT
                if type == S_IFDIR {
                    if skippedDirectories.contains(name) { continue }
                    if depth + 1 > limits.maxDepth {
                        notes.append("\(path): deeper than \(limits.maxDepth) directories, not read")
                        continue
                    }
                    pending.append((absolute, path, depth + 1))
                    if namingOddEntries, include(name) {
                        files.append(SourceFile(path: path, content: .skipped(.directoryNamedLikeManifest)))
                    }
                    continue
                }
                guard include(name) else {
                    if namingOddEntries, type == S_IFLNK {
                        var target = stat()
                        if stat(absolute, &target) != 0 ? errno == ELOOP : (target.st_mode & S_IFMT) == S_IFDIR {
                            files.append(SourceFile(path: path, content: .skipped(.symlink(target: linkTarget(absolute)))))
                        }
                    }
                    continue
                }
                if files.count >= limits.maxFiles {
                    notes.append("more than \(limits.maxFiles) files: the rest was not read")
                    break
                }
                if type == S_IFLNK {
                    files.append(SourceFile(path: path, content: .skipped(.symlink(target: linkTarget(absolute)))))
                    continue
                }
                guard type == S_IFREG else {
                    files.append(SourceFile(path: path, content: .skipped(.notRegularFile)))
                    continue
                }
                let size = Int(entryInfo.st_size)
                if size > limits.maxFileBytes || totalBytes + size > limits.maxTotalBytes {
                    files.append(SourceFile(path: path, content: .skipped(.tooLarge(bytes: size, limit: limits.maxFileBytes))))
                    continue
                }
                switch readRegular(absolute, limit: limits.maxFileBytes) {
                case .success(let bytes):
                    totalBytes += bytes.count
                    files.append(SourceFile(path: path, content: .bytes(bytes)))
                case .failure(let reason):
                    files.append(SourceFile(path: path, content: .skipped(reason)))
                }
            }
        }
        return SourceSnapshot(origin: SourceOrigin(path: root), files: files.sorted { $0.path < $1.path }, notes: notes)
    }

    private static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return "?" }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Opens without following links and without blocking, re-checks the type
    /// on the open descriptor (the file may have been swapped), reads at most `limit`.
    /// Also how the CLI reads its own inputs (the roster).
    public static func readRegular(_ path: String, limit: Int = 64 << 20) -> Result<[UInt8], SkipReason> {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ELOOP { return .failure(.symlink(target: linkTarget(path))) }
            return .failure(.unreadable(String(cString: strerror(errno))))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegularFile) }
        guard Int(info.st_size) <= limit else { return .failure(.tooLarge(bytes: Int(info.st_size), limit: limit)) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(fd, base + offset, buffer.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(String(cString: strerror(errno))))
            }
            if n == 0 { break }
            offset += n
        }
        bytes.removeLast(bytes.count - offset)
        return .success(bytes)
    }
}

