import Synchronization
import PodGradeYAML
import PodGradeLab

/// How the lab loader reads the YAML of a course (its specs): a spec of the bundled
/// lab is not parsed at every start of podgrade but read from its tree laid out when
/// podgrade was built (`BundledLabImages`, written by `make lab`); any other text,
/// or a stale image, is parsed. An image is found by the length and the 64-bit
/// FNV-1a fingerprint of the text it was made from (only the bundled lab's own texts
/// are looked up; a test keeps the images fresh).
struct LabYAML: Sendable {
    let read: @Sendable ([UInt8]) -> YAMLFile

    static var laidOut: LabYAML {
        LabYAML { bytes in
            // A dozen entries, compared by length first: one fingerprint per spec.
            var fingerprint: UInt64?
            for entry in BundledLabImages.images where entry.length == bytes.count {
                let known = fingerprint ?? Self.fingerprint(bytes)
                fingerprint = known
                if entry.fingerprint == known, let file = YAMLImage.read(entry.image, source: bytes) {
                    kept.withLock { $0.append(file) }
                    return file
                }
            }
            return YAMLReader.read(bytes)
        }
    }

    static var parsed: LabYAML { LabYAML { YAMLReader.read($0) } }

    /// The bundled specs' trees, kept for the life of the process: the bundled lab is
    /// loaded once, and freeing its trees as each exercise is built only costs start-up time.
    private static let kept = Mutex<[YAMLFile]>([])

    /// FNV-1a, 64 bits.
    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

extension Lab {
    /// Each text the bundled lab's loading for grading reads as YAML (its length and
    /// fingerprint) with the image of its tree, in the order read: what `make lab` lays
    /// out (`BundledLabImages`), and what a test compares with the images compiled in.
    public static func bundledImages() -> [(length: Int, fingerprint: UInt64, image: String)] {
        let read = Mutex<[(length: Int, fingerprint: UInt64, image: String)]>([])
        let recorder = LabYAML { bytes in
            let file = YAMLReader.read(bytes)
            if let image = YAMLImage.write(file, source: bytes) {
                read.withLock { $0.append((bytes.count, LabYAML.fingerprint(bytes), image)) }
            }
            return file
        }
        _ = load(gradingFiles, yaml: recorder)
        return read.withLock { $0 }
    }
}
