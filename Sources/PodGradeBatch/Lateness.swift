public import PodGradeCore
public import FoundationEssentials

/// `--late-penalty P%/day` (or `/hour`) with `--late-cap P%`: the share of the
/// raw score a late commit loses. Every started day (or hour) after the
/// deadline counts whole: 1 second late at 10%/day costs 10%.
public struct LatePolicy: Sendable, Equatable {
    public enum Unit: String, Sendable { case day, hour
        var seconds: Int { self == .day ? 86_400 : 3_600 }
    }
    /// Whole percent of the raw score per unit started.
    public var percent: Int
    public var unit: Unit
    /// The largest penalty in percent (100 when no cap is given).
    public var cap: Int

    public init(percent: Int, unit: Unit, cap: Int = 100) {
        self.percent = percent
        self.unit = unit
        self.cap = min(100, cap)
    }

    /// `10%/day`, `2%/hour` (also `10%/d`, `2%/h`).
    public init?(_ text: String, cap: Int?) {
        let parts = text.lowercased().split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let value = LatePolicy.percent(String(parts[0])) else { return nil }
        switch parts[1] {
        case "day", "d": unit = .day
        case "hour", "h": unit = .hour
        default: return nil
        }
        percent = value
        self.cap = min(100, cap ?? 100)
    }

    /// `25%` (or `25`): a whole percent from 0 to 100.
    public static func percent(_ text: String) -> Int? {
        let digits = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits), value <= 100 else { return nil }
        return value
    }

    /// The penalty in percent for a commit `lateness` seconds after the deadline.
    public func penaltyPercent(lateness: Int) -> Int {
        guard lateness > 0 else { return 0 }
        let units = (lateness + unit.seconds - 1) / unit.seconds
        return min(cap, units > 100 ? 100 : units * percent)
    }

    /// Points taken from `score`, rounded half up.
    public func penaltyPoints(score: Int, lateness: Int) -> Int {
        (max(0, score) * penaltyPercent(lateness: lateness) + 50) / 100
    }

    /// "10%/day, at most 50%" for the report.
    public func describe(_ lang: Lang) -> String {
        let unitText = unit == .day ? LocalizedText(ru: "за каждые начатые сутки", en: "per day or part of a day").text(lang)
                                    : LocalizedText(ru: "за каждый начатый час", en: "per hour or part of an hour").text(lang)
        let capText = LocalizedText(ru: "не более \(cap)%", en: "at most \(cap)%").text(lang)
        return "\(percent)% \(unitText), \(capText)"
    }
}

/// A roster's `extension` for one learner: a new deadline (ISO time) or a
/// duration added to it (`2d`, `36h`, `90m`). The late window moves with it.
public enum DeadlineExtension: Sendable, Hashable {
    case until(Date)
    case by(seconds: Int)

    public init?(_ text: String) {
        if let date = Deadline.parse(text) { self = .until(date); return }
        guard let unit = text.last, let count = Int(text.dropLast()), count >= 0, count <= 10_000,
              text.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        switch unit {
        case "d": self = .by(seconds: count * 86_400)
        case "h": self = .by(seconds: count * 3_600)
        case "m": self = .by(seconds: count * 60)
        default: return nil
        }
    }
}

/// One learner's deadline and late window, after their extension.
public struct LearnerDeadline: Sendable, Equatable {
    /// The cut-off for "on time".
    public var deadline: Date
    /// The newest commit time graded at all (the deadline without a late window).
    public var lateUntil: Date

    public init(deadline: Date, lateUntil: Date?, extension: DeadlineExtension?) {
        var shift: TimeInterval = 0
        switch `extension` {
        case .until(let date): shift = date.timeIntervalSince1970 - deadline.timeIntervalSince1970
        case .by(let seconds): shift = TimeInterval(seconds)
        case nil: break
        }
        self.deadline = deadline.addingTimeInterval(shift)
        self.lateUntil = max(lateUntil ?? deadline, deadline).addingTimeInterval(shift)
    }

    /// Seconds a commit made at `time` came after the deadline (0 when on time).
    public func lateness(of time: Date) -> Int {
        max(0, Int((time.timeIntervalSince1970 - deadline.timeIntervalSince1970).rounded(.up)))
    }
}

/// What a late window made of one learner's graded commit.
struct LateOutcome: Sendable {
    var deadline: String
    var lateness: Int
    var penalty: Int
    var penaltyPercent: Int
    var finalScore: Int
}

/// A result file with the batch's additive fields beside the raw score: with a
/// late window `lateness`, `penalty`, `penaltyPercent`, `finalScore`
/// (`source.deadline` is the learner's own deadline); and `excerpt`, the lines
/// the findings point at (path → line → text), so a report merged later shows
/// code frames without the learner's repository.
struct BatchResultFile: Encodable {
    let result: GradeResult
    let late: LateOutcome?
    let excerpt: [String: [String: String]]

    enum CodingKeys: String, CodingKey { case lateness, penalty, penaltyPercent, finalScore, excerpt }

    func encode(to encoder: any Encoder) throws {
        try result.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let late {
            try c.encode(late.lateness, forKey: .lateness)
            try c.encode(late.penalty, forKey: .penalty)
            try c.encode(late.penaltyPercent, forKey: .penaltyPercent)
            try c.encode(late.finalScore, forKey: .finalScore)
        }
        if !excerpt.isEmpty { try c.encode(excerpt, forKey: .excerpt) }
    }

    /// The excerpt of a result file read back.
    struct Excerpt: Decodable {
        var excerpt: [String: [String: String]]?

        var lines: [String: [Int: String]] {
            (excerpt ?? [:]).mapValues { Dictionary($0.compactMap { key, value in Int(key).map { ($0, value) } }, uniquingKeysWith: { a, _ in a }) }
        }
    }

    /// At most 12 findings of failed checks, each line with one line either
    /// side, each cut to 200 characters.
    static func excerpt(of result: GradeResult, snapshot: SourceSnapshot) -> [String: [String: String]] {
        var wanted: [String: Set<Int>] = [:]
        var count = 0
        outer: for exercise in result.exercises {
            for check in exercise.checks where check.status == .fail {
                for finding in check.findings {
                    guard let location = finding.location else { continue }
                    if count == 12 { break outer }
                    count += 1
                    wanted[location.file, default: []].formUnion([location.line - 1, location.line, location.line + 1])
                }
            }
        }
        var out: [String: [String: String]] = [:]
        for file in snapshot.files {
            guard let lines = wanted[file.path], case .bytes(let bytes) = file.content else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            var number = 0
            var kept: [String: String] = [:]
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                number += 1
                if lines.contains(number) {
                    var value = String(line.prefix(200))
                    if value.hasSuffix("\r") { value.removeLast() }
                    kept[String(number)] = value
                }
            }
            if !kept.isEmpty { out[file.path] = kept }
        }
        return out
    }
}
