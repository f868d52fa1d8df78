import PodGradeYAML

/// What a fragment of a submission is; each kind is evidence of its own.
public enum FragmentKind: String, Sendable, Codable, CaseIterable {
    /// A winnowed k-gram of the canonical token stream (structure and values).
    case kgram
    /// A container's whole script, words renamed.
    case script
    /// One simple command of a script.
    case command
    /// A comment, lower-cased, spaces collapsed, identifiers renamed.
    case comment
    /// One value at its path (`spec.containers[writer].image = busybox:1.36`).
    case value
    /// That a key or an object is there at all (`spec.containers[web-server].livenessProbe`).
    case key
    /// The order in which keys or objects were written.
    case order
    /// The set of keys of a mapping, sorted: the condition of its order (weighs nothing itself).
    case keyset

    /// How much a shared fragment of this kind counts in the score beside the
    /// others: an order is weaker evidence than a script or a comment, and a
    /// k-gram only nominates candidates and marks lines (it repeats the
    /// values it spans, which would count them several times).
    var factor: Double {
        switch self {
        case .kgram, .keyset: return 0
        case .order: return 0.5
        default: return 1
        }
    }

    /// The order shared fragments of equal weight are listed in: what a person reads best first.
    var displayRank: Int {
        switch self {
        case .script: return 0
        case .comment: return 1
        case .command: return 2
        case .value: return 3
        case .key: return 4
        case .order: return 5
        case .keyset: return 6
        case .kgram: return 7
        }
    }

    /// Whether having it on one side only speaks against a copy. Comments and
    /// orders are the cheapest things to change: a copy without the comments
    /// or with its keys shuffled is no less a copy. What a manifest does
    /// (values, scripts, commands) counts both ways.
    var isContent: Bool { self == .value || self == .key || self == .script || self == .command }
}

/// Lines of a submission file a fragment comes from (1-based, inclusive).
public struct LineSpan: Sendable, Hashable, Codable {
    public let file: Int
    public let first: Int
    public let last: Int
}

public struct Fragment: Sendable, Codable {
    public let hash: UInt64
    public let kind: FragmentKind
    /// What the fragment says, as shown to the instructor (shortened).
    public let text: String
    public var spans: [LineSpan]
    /// Fragments this one implies (a value implies its key, a key its parent,
    /// a script its commands, an order its set of keys): its evidence is only
    /// what it adds to the rarest of them, so one choice is not counted at
    /// every level of the tree.
    public var given: [UInt64] = []
}

/// A submission file as written, for the side-by-side view.
public struct SubmittedFile: Sendable, Codable {
    public let path: String
    /// The text, when it is small enough to keep (64 KiB).
    public let text: String?
}

/// One learner's submission to one exercise, fingerprinted.
public struct SubmissionFingerprint: Sendable, Codable {
    public let exercise: String
    public let files: [SubmittedFile]
    /// Distinct fragments (one per hash), in the order first met.
    public let fragments: [Fragment]
}

extension SubmissionFingerprint {
    /// What comparing and listing pairs read, and no more: each fragment's hash, kind, text
    /// (one copy of each text for the whole class, through `texts`) and what it implies; no
    /// line spans, no submitted files (the side-by-side view reads the file again).
    func lean(texts: inout [String: String]) -> SubmissionFingerprint {
        var kept: [Fragment] = []
        kept.reserveCapacity(fragments.count)
        for fragment in fragments {
            let text: String
            if let known = texts[fragment.text] { text = known } else { texts[fragment.text] = fragment.text; text = fragment.text }
            kept.append(Fragment(hash: fragment.hash, kind: fragment.kind, text: text, spans: [], given: fragment.given))
        }
        return SubmissionFingerprint(exercise: exercise, files: [], fragments: kept)
    }
}

/// Every fingerprinted submission of one learner (one repository).
public struct LearnerFingerprints: Sendable, Codable {
    public var student: String
    public var commit: String?
    public let submissions: [SubmissionFingerprint]

    public init(student: String, commit: String?, submissions: [SubmissionFingerprint]) {
        self.student = student
        self.commit = commit
        self.submissions = submissions
    }
}

/// The parameters of winnowing: k tokens per k-gram, a window of w k-grams.
/// Any run of at least k + w - 1 equal tokens shares a fingerprint.
public struct WinnowingParameters: Sendable, Hashable, Codable {
    public var k: Int
    public var w: Int

    public init(k: Int = 5, w: Int = 4) {
        self.k = max(1, k)
        self.w = max(1, w)
    }
}
