import PodGradeCore
import PodGradeYAML

extension LanguageServer {
    // MARK: - Hover and code actions

    func exerciseContext(_ uri: String) -> (path: String, exercises: [Exercise], results: [ExerciseResult])? {
        guard let (root, path) = locate(uri) else { return nil }
        var ids = membership[root]?[path] ?? []
        let folders = path.split(separator: "/").dropLast().map(String.init)
        for exercise in options.lab.exercises where folders.contains(exercise.id) { ids.insert(exercise.id) }
        let exercises = options.lab.exercises.filter { ids.contains($0.id) }
        return (path, exercises, exercises.compactMap { results[root]?[$0.id] })
    }

    func hover(_ params: JSON) -> JSON {
        guard let uri = params["textDocument"]?["uri"]?.string, let document = documents[uri],
              let position = Position(params["position"]), let context = exerciseContext(uri) else { return .null }
        let table = LineTable(document.text)
        let mark = table.mark(position)
        let yaml = YAMLReader.read(document.text, limits: options.limits.yaml)
        guard let text = Hover.markdown(yaml: yaml, line: mark.line, column: mark.column, exercises: context.exercises,
                                        results: context.results, file: context.path, lang: options.lang) else { return .null }
        return ["contents": ["kind": "markdown", "value": .string(text)]]
    }

    func codeActions(_ params: JSON) -> JSON {
        guard let uri = params["textDocument"]?["uri"]?.string, let document = documents[uri],
              let range = Range(params["range"]), let context = exerciseContext(uri) else { return .array([]) }
        let fixes = CodeActions.fixes(text: document.text, path: context.path, range: range, results: context.results,
                                      lang: options.lang, limits: options.limits.yaml)
        let diagnostics = params["context"]?["diagnostics"]?.array ?? []
        return .array(fixes.map { fix in
            let matching = diagnostics.filter { $0["code"]?.string == fix.rule && Range($0["range"]).map { $0.contains(line: fix.line) } == true }
            var action: [String: JSON] = [
                "title": .string(fix.title),
                "kind": "quickfix",
                "isPreferred": true,
                "edit": ["changes": .object([uri: [fix.edit.json]])],
            ]
            if !matching.isEmpty { action["diagnostics"] = .array(matching) }
            return .object(action)
        })
    }
}
