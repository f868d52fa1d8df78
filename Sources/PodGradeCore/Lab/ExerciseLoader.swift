import PodGradeYAML
import PodGradeLab

enum ExerciseLoader {
    /// The exercise, when its spec is usable at all, and every problem found in its files.
    static func load(slug: String, files: [String: [UInt8]], rules: [String: any Rule],
                     declared: inout [String: [ParamSpec]], yaml reader: LabYAML = .parsed) -> (exercise: Exercise?, problems: [LabProblem]) {
        let specPath = "\(slug)/spec.yaml"
        var problems: [LabProblem] = []
        func problem(_ message: String, _ node: Node? = nil, file: String = specPath) {
            problems.append(LabProblem(file: file, line: node?.mark.line, message: message))
        }
        let yaml = reader.read(files[specPath] ?? [])
        if let error = yaml.error {
            return (nil, [LabProblem(file: specPath, line: error.mark.line, message: YAMLErrorText.english(error))])
        }
        guard let root = yaml.documents.first?.root, root.mapping != nil else {
            return (nil, [LabProblem(file: specPath, line: nil, message: "spec.yaml must be a mapping")])
        }
        if let id = root["id"]?.string, id != slug { problem("id '\(id)' differs from the folder name '\(slug)'", root["id"]) }
        let title = localized(root["title"]) ?? LocalizedText(ru: slug, en: slug)
        if root["title"] != nil, localized(root["title"]) == nil { problem("title needs ru and en", root["title"]) }
        let object = root["object"]
        var kinds: [String] = []
        if let kind = object?["kind"]?.string { kinds = [kind] }
        if let list = object?["kinds"]?.sequence { kinds = list.compactMap(\.string) }
        let name = object?["name"]?.string ?? ""
        if kinds.isEmpty || name.isEmpty { problem("object needs kind (or kinds) and name", object ?? root) }

        var checks: [CheckSpec] = []
        var ids = Set<String>()
        for item in root["checks"]?.sequence ?? [] {
            guard let id = item["id"]?.string, let rule = item["rule"]?.string else {
                problem("a check needs id and rule", item)
                continue
            }
            if !ids.insert(id).inserted { problem("check id '\(id)' is used twice", item) }
            let points = item["points"]?.int.map { Int($0) } ?? 1
            if points < 0 { problem("check '\(id)': points must not be negative", item) }
            let params = Params(item["params"])
            guard let definition = rules[rule] else {
                problem("check '\(id)': unknown rule '\(rule)' (see `podgrade explain`)", item)
                continue
            }
            // The common case decodes once; anything else is checked against the
            // declared parameters (read from the struct, once per rule) to name each problem.
            let bound: BoundCheck
            if let exact = definition.bindIfExact(item["params"]) {
                bound = exact
            } else {
                let specs = declared[rule] ?? definition.params
                declared[rule] = specs
                let paramProblems = params.problems(against: specs)
                for text in paramProblems { problem("check '\(id)' (\(rule)): \(text)", item) }
                do {
                    bound = try definition.bind(item["params"])
                } catch {
                    if paramProblems.isEmpty { problem("check '\(id)' (\(rule)): \(error.description)", item) }
                    continue
                }
            }
            var hint: LocalizedText?
            if let hintNode = item["hint"] {
                hint = localized(hintNode)
                if hint == nil { problem("check '\(id)': hint needs ru and en", hintNode) }
            }
            var severityValue = CheckSeverity.idea
            if let severity = item["severity"]?.string {
                if let value = CheckSeverity(rawValue: severity) {
                    severityValue = value
                    if value == .asked && points > 1 { problem("check '\(id)': an asked check is worth at most 1 point (it has \(points))", item) }
                } else {
                    problem("check '\(id)': severity must be idea or asked, not '\(severity)'", item["severity"])
                }
            }
            checks.append(CheckSpec(id: id, rule: definition, points: points, check: bound, hint: hint, writtenParams: item["params"],
                                    severity: severityValue))
        }
        if checks.isEmpty { problem("no checks", root) }
        let maxScore = checks.reduce(0) { $0 + $1.points }
        let passScore = root["passScore"]?.int.map { Int($0) } ?? maxScore
        if passScore > maxScore { problem("passScore \(passScore) is above the total of \(maxScore) points", root["passScore"]) }

        let taskRU = files["\(slug)/task.ru.md"].map { String(decoding: $0, as: UTF8.self) }
        let taskEN = files["\(slug)/task.en.md"].map { String(decoding: $0, as: UTF8.self) }
        if taskRU == nil { problem("task.ru.md is missing", file: "\(slug)/task.ru.md") }
        if taskEN == nil { problem("task.en.md is missing", file: "\(slug)/task.en.md") }

        let starterPrefix = "\(slug)/starter/"
        let starter = files.keys.filter { $0.hasPrefix(starterPrefix) }.sorted().map { path in
            (String(path.dropFirst(starterPrefix.count)), files[path] ?? [])
        }

        /// Each entry of `<folder>/cases.yaml` whose file exists, with its bytes (in order,
        /// so its problems stand beside the entry's own).
        func forEachCase(in folder: String, _ body: (_ item: Node, _ file: String, _ content: [UInt8], _ path: String) -> Void) {
            let path = "\(slug)/\(folder)/cases.yaml"
            guard let bytes = files[path] else { return }
            let yaml = YAMLReader.read(bytes)
            if let error = yaml.error { problem(YAMLErrorText.english(error), file: path) }
            for item in yaml.documents.first?.root.sequence ?? [] {
                guard let file = item["file"]?.string else { problem("a case needs file", item, file: path); continue }
                guard let content = files["\(slug)/\(folder)/\(file)"] else {
                    problem("case file \(folder)/\(file) is missing", item, file: path); continue
                }
                body(item, file, content, path)
            }
        }
        var wrongCases: [WrongCase] = []
        forEachCase(in: "wrong") { item, file, content, path in
            let fails = item["fails"]?.sequence?.compactMap(\.string) ?? []
            for rule in fails where rules[rule] == nil { problem("case \(file): unknown rule '\(rule)'", item, file: path) }
            wrongCases.append(WrongCase(file: file, content: content, fails: fails, why: localized(item["why"]), key: item["key"]?.string))
        }
        var rightCases: [RightCase] = []
        forEachCase(in: "right") { item, file, content, _ in
            rightCases.append(RightCase(file: file, content: content, why: localized(item["why"])))
        }
        let probes = ProbeSpec.load(root["probes"]) { message, node in problem(message, node) }
        if kinds.isEmpty || checks.isEmpty { return (nil, problems) }
        let exercise = Exercise(id: slug, title: title, objectKinds: kinds, objectName: name, passScore: passScore,
                                checks: checks, task: LocalizedText(ru: taskRU ?? "", en: taskEN ?? ""),
                                starter: starter, wrongCases: wrongCases, rightCases: rightCases,
                                mentionedContainers: CheckContext.mentionedContainers(in: checks), probes: probes)
        return (exercise, problems)
    }

    static func localized(_ node: Node?) -> LocalizedText? {
        guard let ru = node?["ru"]?.string, let en = node?["en"]?.string else { return nil }
        return LocalizedText(ru: ru, en: en)
    }
}
