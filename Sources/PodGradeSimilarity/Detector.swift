public import PodGradeCore
#if canImport(Glibc)
import Glibc
#endif

/// Two learners' submissions to one exercise, and how alike they are.
public struct ScoredPair: Sendable {
    /// Indexes into `SimilarityAnalysis.learners`, `a` the smaller student id.
    public let a: Int
    public let b: Int
    public let exercise: String
    /// Rarity-weighted Jaccard of their fragments: 0 (nothing rare in common) to 1 (the same);
    /// 1 when the two are identical after normalizing.
    public let score: Double
    /// The two say the same once the form is normalized (indentation, style, quotes, key
    /// order, names the task leaves free), comments included, while the rest of the class differs.
    public var identical: Bool = false
}

/// A fragment two submissions share, with its weight in this class.
public struct SharedFragment: Sendable {
    public let kind: FragmentKind
    public let text: String
    public let weight: Double
    public let spansA: [LineSpan]
    public let spansB: [LineSpan]
}

/// A pair worth a look, with the evidence.
public struct SimilarPair: Sendable {
    public let studentA: String
    public let studentB: String
    public let exercise: String
    public let score: Double
    /// Identical after normalizing (see `ScoredPair.identical`).
    public let identical: Bool
    /// Shared fragments that weigh something, heaviest first.
    public let shared: [SharedFragment]
    public let submissionA: SubmissionFingerprint
    public let submissionB: SubmissionFingerprint
}

public struct ExerciseSummary: Sendable {
    public let exercise: String
    public let submissions: Int
    /// Pairs scored: those sharing at least one rare fragment.
    public let candidatePairs: Int
    /// Every pair of submissions, which the method does not enumerate.
    public var possiblePairs: Int { submissions * (submissions - 1) / 2 }
}

/// The class compared: candidate pairs found through rare fragments, then scored.
public struct SimilarityAnalysis: Sendable {
    public let learners: [LearnerFingerprints]
    public let exercises: [ExerciseSummary]
    /// Every candidate pair, best score first.
    public let scored: [ScoredPair]
    /// Weight of each fragment hash, per exercise.
    let weights: [String: [UInt64: Double]]
    /// A learner's whole fingerprints when `learners` holds lean ones (`SimilarityStore.read(lean:)`).
    var reload: (@Sendable (String) -> LearnerFingerprints?)? = nil

    /// The same analysis, detailing pairs from whole fingerprints read again by student id.
    public func reloading(_ reload: @escaping @Sendable (String) -> LearnerFingerprints?) -> SimilarityAnalysis {
        var copy = self
        copy.reload = reload
        return copy
    }

    /// The pairs at or above `threshold`, at most `top`, with their shared fragments.
    public func pairs(threshold: Double, top: Int? = nil) -> [SimilarPair] {
        var result: [SimilarPair] = []
        for pair in scored where pair.score >= threshold {
            if let top, result.count >= top { break }
            if let detailed = detail(pair) { result.append(detailed) }
        }
        return result
    }

    public func detail(_ pair: ScoredPair) -> SimilarPair? {
        let learnerA = reload?(learners[pair.a].student) ?? learners[pair.a]
        let learnerB = reload?(learners[pair.b].student) ?? learners[pair.b]
        guard let subA = learnerA.submissions.first(where: { $0.exercise == pair.exercise }),
              let subB = learnerB.submissions.first(where: { $0.exercise == pair.exercise }) else { return nil }
        let table = weights[pair.exercise] ?? [:]
        var inB: [UInt64: Fragment] = [:]
        for fragment in subB.fragments { inB[fragment.hash] = fragment }
        var shared: [SharedFragment] = []
        for fragment in subA.fragments {
            guard let other = inB[fragment.hash], let rarity = table[fragment.hash], rarity > 0 else { continue }
            // As it counts in the score (an order half); k-grams and key sets by their rarity, for marking only.
            let weight = fragment.kind.factor > 0 ? rarity * fragment.kind.factor : rarity
            shared.append(SharedFragment(kind: fragment.kind, text: fragment.text, weight: weight, spansA: fragment.spans, spansB: other.spans))
        }
        shared.sort { lhs, rhs in
            if lhs.weight != rhs.weight { return lhs.weight > rhs.weight }
            if lhs.kind != rhs.kind { return lhs.kind.displayRank < rhs.kind.displayRank }
            return lhs.text < rhs.text
        }
        return SimilarPair(studentA: learnerA.student, studentB: learnerB.student, exercise: pair.exercise, score: pair.score,
                           identical: pair.identical, shared: shared, submissionA: subA, submissionB: subB)
    }
}

/// Finds pairs of learners whose submissions to an exercise are suspiciously
/// alike. Evidence is what is rare in the class: a fragment shared by `df` of
/// the `N` learners who submitted the exercise weighs `log(N / df)` (half for
/// an order), so what everyone writes weighs nothing, and so does anything in
/// the exercise's starter files. Candidate pairs come from an inverted index
/// over the rare fragments only (those of at most `cap` learners): pairs that
/// share nothing rare are never looked at, so a class of 1,000 is not 500,000
/// comparisons. Each candidate is then scored by the weighted Jaccard of all
/// its fragments: shared weight over the weight of either.
///
/// Rarity alone would hide the plainest copy: two answers taken from the
/// task's example carry little of their own, so a classmate's file handed in
/// re-indented shares only that little, and the chance term drowns it. Two
/// submissions that say exactly the same once normalized (every value, key,
/// script, command and comment; the order of keys is form), while no more than
/// a few of the class say it, and with something of their own in it, are
/// therefore their own signal: identical after normalizing, scored 1.
public enum SimilarityDetector {
    public static func analyze(_ learners: [LearnerFingerprints], lab: Lab,
                               parameters: WinnowingParameters = WinnowingParameters()) -> SimilarityAnalysis {
        // Students sorted, so that a pair's `a` is the smaller id and the output is stable.
        let ordered = learners.sorted { $0.student < $1.student }
        var exerciseIDs: [String] = lab.exercises.map(\.id)
        for learner in ordered {
            for submission in learner.submissions where !exerciseIDs.contains(submission.exercise) {
                exerciseIDs.append(submission.exercise)
            }
        }
        var summaries: [ExerciseSummary] = []
        var scored: [ScoredPair] = []
        var weights: [String: [UInt64: Double]] = [:]
        for id in exerciseIDs {
            var members: [(learner: Int, submission: SubmissionFingerprint)] = []
            for (index, learner) in ordered.enumerated() {
                if let submission = learner.submissions.first(where: { $0.exercise == id }) { members.append((index, submission)) }
            }
            guard !members.isEmpty else { continue }
            let starter = lab.exercise(id).map { Set(Fingerprinter.starter(of: $0, parameters: parameters).fragments.map(\.hash)) } ?? []
            let result = compare(members, exercise: id, starter: starter)
            summaries.append(ExerciseSummary(exercise: id, submissions: members.count, candidatePairs: result.candidates))
            scored += result.pairs
            weights[id] = result.weights
        }
        scored.sort { lhs, rhs in
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            if lhs.exercise != rhs.exercise { return lhs.exercise < rhs.exercise }
            return (lhs.a, lhs.b) < (rhs.a, rhs.b)
        }
        return SimilarityAnalysis(learners: ordered, exercises: summaries, scored: scored, weights: weights)
    }

    /// The most learners a fragment may be shared by and still nominate pairs.
    static func cap(_ n: Int) -> Int { max(3, Int(Double(n).squareRoot().rounded())) }

    static func compare(_ members: [(learner: Int, submission: SubmissionFingerprint)], exercise: String, starter: Set<UInt64>)
        -> (pairs: [ScoredPair], weights: [UInt64: Double], candidates: Int) {
        let n = members.count
        var df: [UInt64: Int] = [:]
        var given: [UInt64: [UInt64]] = [:]
        for member in members {
            for fragment in member.submission.fragments {
                df[fragment.hash, default: 0] += 1
                if !fragment.given.isEmpty, given[fragment.hash] == nil { given[fragment.hash] = fragment.given }
            }
        }
        var weights: [UInt64: Double] = [:]
        weights.reserveCapacity(df.count)
        for (hash, count) in df {
            guard !starter.contains(hash), count < n else { weights[hash] = 0; continue }
            // What the fragment adds to the rarest fragment it implies: ln(df(given) / df).
            var base = n
            for implied in given[hash] ?? [] { base = min(base, df[implied] ?? n) }
            weights[hash] = max(0, log(Double(max(base, count)) / Double(count)))
        }
        // Each submission as (hash, weight in the score, counts against) sorted by hash, for merging.
        var vectors: [[Entry]] = []
        var content: [Double] = []
        var postings: [UInt64: [Int32]] = [:]
        let limit = cap(n)
        for (index, member) in members.enumerated() {
            var vector: [Entry] = []
            vector.reserveCapacity(member.submission.fragments.count)
            var own = 0.0
            // One choice written in several places (the same image for writer and reader) is one piece of evidence.
            var valuesSeen = Set<Substring>()
            for fragment in member.submission.fragments {
                var rarity = weights[fragment.hash] ?? 0
                guard rarity > 0 else { continue }
                if fragment.kind == .value, let equals = fragment.text.firstRange(of: " = "),
                   !valuesSeen.insert(fragment.text[equals.upperBound...]).inserted {
                    rarity = 0
                }
                if let count = df[fragment.hash], count >= 2, count <= limit { postings[fragment.hash, default: []].append(Int32(index)) }
                vector.append(Entry(hash: fragment.hash, weight: rarity * fragment.kind.factor, isContent: fragment.kind.isContent,
                                    isComment: fragment.kind == .comment))
                if fragment.kind.isContent { own += rarity * fragment.kind.factor }
            }
            vector.sort { $0.hash < $1.hash }
            vectors.append(vector)
            content.append(own)
        }
        var candidates = Set<UInt64>()
        for (_, list) in postings {
            for i in 0..<list.count {
                for j in (i + 1)..<list.count {
                    candidates.insert(UInt64(UInt32(list[i])) << 32 | UInt64(UInt32(list[j])))
                }
            }
        }
        let identical = identicalPairs(members, vectors: vectors)
        candidates.formUnion(identical)
        let prior = chance(n)
        var pairs: [ScoredPair] = []
        pairs.reserveCapacity(candidates.count)
        for key in candidates {
            let i = Int(key >> 32), j = Int(key & 0xffff_ffff)
            let a = members[i].learner, b = members[j].learner
            if identical.contains(key) {
                pairs.append(ScoredPair(a: min(a, b), b: max(a, b), exercise: exercise, score: 1, identical: true))
                continue
            }
            let (shared, sharedContent) = sharedWeight(vectors[i], vectors[j])
            let differing = content[i] + content[j] - 2 * sharedContent
            let score = shared > 0 ? shared / (shared + max(0, differing) + prior) : 0
            pairs.append(ScoredPair(a: min(a, b), b: max(a, b), exercise: exercise, score: score))
        }
        return (pairs, weights, candidates.count)
    }

    /// The fragments that make a submission what it is once normalized: what it says
    /// (values, keys, scripts, commands) and its comments, not the order of its keys.
    static func isIdentity(_ kind: FragmentKind) -> Bool { kind.isContent || kind == .comment }

    /// The pairs (member indexes as `candidates` keys, the smaller first) whose submissions are
    /// identical after normalizing, in a group of at most `cap(n)` members that says something
    /// of its own: its rare evidence (comments counted in full) reaches `ownEvidence(n)`.
    static func identicalPairs(_ members: [(learner: Int, submission: SubmissionFingerprint)], vectors: [[Entry]]) -> Set<UInt64> {
        let n = members.count
        guard n >= 3 else { return [] }
        var groups: [[UInt64]: [Int]] = [:]
        for (index, member) in members.enumerated() {
            let identity = member.submission.fragments.filter { isIdentity($0.kind) }.map(\.hash).sorted()
            guard !identity.isEmpty else { continue }
            groups[identity, default: []].append(index)
        }
        var result = Set<UInt64>()
        let limit = cap(n), needed = ownEvidence(n)
        for (_, group) in groups where group.count >= 2 && group.count <= limit {
            // As the score counts it: rarity, one choice written in several places once.
            let evidence = vectors[group[0]].reduce(0.0) { $0 + ($1.isContent || $1.isComment ? $1.weight : 0) }
            guard evidence >= needed else { continue }
            for x in 0..<group.count {
                for y in (x + 1)..<group.count {
                    result.insert(UInt64(UInt32(group[x])) << 32 | UInt64(UInt32(group[y])))
                }
            }
        }
        return result
    }

    /// What an identical group must hold of its own: at least one choice that only a pair of the
    /// class made (ln(n/2)), so that an answer that is the task's example with popular tweaks is not one.
    static func ownEvidence(_ n: Int) -> Double { log(Double(max(n, 4)) / 2) }

    /// The evidence that two submissions of n could share by chance: the
    /// surprise, ln(pairs), that the luckiest of all pairs of the class
    /// reaches without copying. A copy must share more than that to score
    /// above 0.5 even when nothing else differs.
    static func chance(_ n: Int) -> Double {
        log(max(2, Double(n) * Double(n - 1) / 2))
    }

    struct Entry {
        let hash: UInt64
        let weight: Double
        let isContent: Bool
        var isComment = false
    }

    /// Shared evidence of every kind, and of content kinds only.
    static func sharedWeight(_ x: [Entry], _ y: [Entry]) -> (all: Double, content: Double) {
        var i = 0, j = 0
        var total = 0.0, content = 0.0
        while i < x.count, j < y.count {
            if x[i].hash == y[j].hash {
                total += x[i].weight
                if x[i].isContent { content += x[i].weight }
                i += 1
                j += 1
            } else if x[i].hash < y[j].hash {
                i += 1
            } else {
                j += 1
            }
        }
        return (total, content)
    }
}
