/// `validate`'s findings as a result document, so every reporter renders
/// `validate` as it renders `check` (`--format json|sarif|junit|github|...`):
/// one entry a file, its path as id and title, one check a rule
/// (`yaml.syntax`, `k8s.schema`, `k8s.valid`) holding that rule's findings;
/// errors fail the check, warnings alone leave it `info`. No points: validation
/// grades nothing.
extension ManifestValidation {
    public static func result(_ items: [Item], files: [String], origin: SourceOrigin) -> GradeResult {
        let rules = ["yaml.syntax", "k8s.schema", "k8s.valid"]
        var byFile: [String: [Item]] = [:]
        var orphans: [Item] = []
        for item in items {
            if let file = item.location?.file { byFile[file, default: []].append(item) } else { orphans.append(item) }
        }
        var paths = files
        for file in byFile.keys where !paths.contains(file) { paths.append(file) }
        var exercises: [ExerciseResult] = paths.map { path in
            entry(id: path, items: byFile[path] ?? [], rules: rules, files: [path])
        }
        if !orphans.isEmpty {
            // Entries that were not read (a symlink, a directory named like a manifest): warnings of the run.
            exercises.append(entry(id: origin.path ?? ".", items: orphans, rules: ["yaml.syntax"], files: []))
        }
        let passed = exercises.allSatisfy(\.passed)
        return GradeResult(source: .init(path: origin.path, url: origin.url, commit: origin.commit),
                           score: 0, maxScore: 0, passed: passed, exercises: exercises, notes: nil)
    }

    private static func entry(id: String, items: [Item], rules: [String], files: [String]) -> ExerciseResult {
        let checks = rules.map { rule -> CheckResult in
            let found = items.filter { $0.rule == rule }
            let status: CheckResult.Status = found.contains(where: \.isError) ? .fail : found.isEmpty ? .pass : .info
            let findings = found.isEmpty
                ? [FindingResult(message: passMessage(rule), location: nil, path: nil)]
                : found.map { FindingResult(message: $0.message, location: $0.location, path: nil) }
            return CheckResult(id: rule, rule: rule, status: status, points: 0, maxPoints: 0, hint: nil, findings: findings)
        }
        let passed = !checks.contains { $0.status == .fail }
        return ExerciseResult(id: id, title: LocalizedText(ru: id, en: id), status: passed ? .pass : .fail, passed: passed,
                              score: 0, maxScore: 0, passScore: 0, files: files, checks: checks)
    }

    private static func passMessage(_ rule: String) -> any RuleMessage {
        switch rule {
        case "k8s.schema": return K8sSchemaRule.Message.schemaOK
        case "k8s.valid": return K8sValidRule.Message.validOK
        default: return YAMLSyntaxRule.Message.yamlOK(files: 1)
        }
    }
}
