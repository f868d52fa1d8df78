import PodGradeCore

/// The class report's aggregates: per exercise, per missed rule, the scores.
extension ClassReport {
    struct ExerciseStats {
        let id: String
        var title: String
        var passed = 0, failed = 0, missing = 0
        var submitted: Int { passed + failed }
    }

    /// A rule some learners who submitted an exercise lost points on.
    struct MissStats {
        let exercise: String
        let rule: String
        var failed = 0
    }

    struct Stats {
        var learners = 0, graded = 0, errors = 0, passedLearners = 0
        /// Learners by tenths of their total score (the last bin holds 100%).
        var bins = [Int](repeating: 0, count: 10)
        /// Each graded learner's score in percent, sorted.
        var percents: [Int] = []
        var exercises: [ExerciseStats] = []
        var misses: [MissStats] = []

        init(_ entries: [ClassEntry], lang: Lang) {
            learners = entries.count
            var exerciseIndex: [String: Int] = [:]
            var missIndex: [String: Int] = [:]
            for entry in entries {
                guard let result = entry.result, entry.status != .error else { errors += 1; continue }
                graded += 1
                if entry.status == .pass { passedLearners += 1 }
                let percent = result.maxScore > 0 ? max(0, min(100, result.score * 100 / result.maxScore)) : 0
                percents.append(percent)
                bins[min(9, percent / 10)] += 1
                for exercise in result.exercises {
                    let i: Int
                    if let known = exerciseIndex[exercise.id] {
                        i = known
                    } else {
                        i = exercises.count
                        exerciseIndex[exercise.id] = i
                        exercises.append(ExerciseStats(id: exercise.id, title: exercise.title.text(lang)))
                    }
                    switch exercise.status {
                    case .pass: exercises[i].passed += 1
                    case .fail, .error: exercises[i].failed += 1
                    case .missing: exercises[i].missing += 1
                    }
                    guard exercise.status != .missing else { continue }
                    var lost = Set<String>()
                    for check in exercise.checks where check.status == .fail {
                        lost.insert(check.rule)
                    }
                    for rule in lost.sorted() {
                        let key = exercise.id + "\u{0}" + rule
                        if let at = missIndex[key] {
                            misses[at].failed += 1
                        } else {
                            missIndex[key] = misses.count
                            misses.append(MissStats(exercise: exercise.id, rule: rule, failed: 1))
                        }
                    }
                }
            }
            percents.sort()
            let submitted = Dictionary(exercises.map { ($0.id, max($0.submitted, 1)) }, uniquingKeysWith: { a, _ in a })
            misses.sort { a, b in
                let left = a.failed * (submitted[b.exercise] ?? 1), right = b.failed * (submitted[a.exercise] ?? 1)
                return left != right ? left > right : (a.exercise, a.rule) < (b.exercise, b.rule)
            }
        }

        func submitted(_ exercise: String) -> Int { exercises.first { $0.id == exercise }?.submitted ?? 0 }

        var mean: Int? { percents.isEmpty ? nil : (percents.reduce(0, +) + percents.count / 2) / percents.count }
        var median: Int? {
            guard !percents.isEmpty else { return nil }
            let mid = percents.count / 2
            return percents.count % 2 == 1 ? percents[mid] : (percents[mid - 1] + percents[mid] + 1) / 2
        }
    }
}
