import PodGradeKubernetes

/// What a person typed for an exercise, a rule or a check, and what it names.
public enum Lookup<Value: Sendable>: Sendable {
    case found(Value)
    /// Several match what was typed (a prefix or a number shared by more than one).
    case ambiguous([String])
    /// Nothing matches; the closest names, best first (maybe none).
    case unknown(suggestions: [String])
}

extension Lab {
    /// An exercise by its slug, a unique prefix of it (`03-side`), or its number
    /// (`3`, `03`); else the closest slugs.
    public func find(exercise query: String) -> Lookup<Exercise> {
        if let exact = exercise(query) { return .found(exact) }
        let typed = query.lowercased()
        var matches = exercises.filter { $0.id.hasPrefix(typed) }
        if matches.isEmpty, let number = Int(typed) {
            matches = exercises.filter { $0.id.split(separator: "-").first.flatMap { Int($0) } == number }
        }
        if matches.count == 1 { return .found(matches[0]) }
        if matches.count > 1 { return .ambiguous(matches.map(\.id)) }
        return .unknown(suggestions: Suggestions.closest(to: typed, in: exercises.map(\.id) + exercises.map(\.shortName),
                                                         resolve: { short in exercises.first { $0.shortName == short }?.id ?? short }))
    }

    /// The exercises with a check of this id (`logs-readonly`), with the check.
    public func checks(withID id: String) -> [(exercise: Exercise, check: CheckSpec)] {
        exercises.flatMap { exercise in exercise.checks.filter { $0.id == id }.map { (exercise, $0) } }
    }

    /// Every check id of the course, for suggestions.
    public var checkIDs: [String] { Array(Set(exercises.flatMap { $0.checks.map(\.id) })).sorted() }
}

extension Exercise {
    /// The slug without its number: `sidecar-logging` for `03-sidecar-logging`.
    var shortName: String {
        guard let dash = id.firstIndex(of: "-"), id[..<dash].allSatisfy(\.isNumber) else { return id }
        return String(id[id.index(after: dash)...])
    }
}

/// "Did you mean": the known names closest to a typed one.
public enum Suggestions {
    /// Names within a small edit distance of `typed` (about a third of its
    /// length, at least 1, at most 3), closest first, at most three; or names
    /// that contain it.
    public static func closest(to typed: String, in names: [String], resolve: (String) -> String = { $0 }) -> [String] {
        let limit = max(1, min(3, typed.count / 3))
        let typedScalars = Array(typed.lowercased().unicodeScalars)
        var scored: [(Int, String)] = []
        for name in names {
            let distance = editDistance(typedScalars, Array(name.lowercased().unicodeScalars), limit: limit)
            if distance <= limit { scored.append((distance, resolve(name))) }
            else if typed.count >= 3, name.lowercased().contains(typed.lowercased()) { scored.append((limit + 1, resolve(name))) }
        }
        var seen = Set<String>()
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.1).filter { seen.insert($0).inserted }.prefix(3).map { $0 }
    }
}
