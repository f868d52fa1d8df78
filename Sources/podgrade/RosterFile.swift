import ArgumentParser
import PodGradeCore
import PodGradeBatch
#if canImport(Glibc)
import Glibc
#endif

/// Reads a small file given on the command line (the roster).
enum RosterFile {
    static func read(_ path: String) -> Result<[UInt8], UsageFailure> {
        switch WorkTreeReader.readRegular(path) {
        case .success(let bytes): return .success(bytes)
        case .failure(.unreadable(let why)): return .failure(UsageFailure("\(path): \(why)"))
        case .failure(let reason): return .failure(UsageFailure(SharedMessage.fileSkipped(path: path, reason: reason).text(.en)))
        }
    }
}
