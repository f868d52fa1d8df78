public import PodGradeYAML
public import PodGradeKubernetes

/// Messages more than one rule gives (a check not run, a container missing, a
/// problem the YAML reader or Kubernetes found) and the engine's own.
public enum SharedMessage: RuleMessage {
    case skippedNoWorkload
    /// Not checked because a file of the submission does not parse: the object may be in it.
    case notCheckedUnparsable(file: String, line: Int)
    /// Not checked because the object's `kind` or `metadata` is broken (k8s.schema says how).
    case notCheckedBrokenObject(file: String, line: Int, field: String)
    case containerMissing(name: String, present: [String])
    case yaml(error: LayerIssue<YAMLError>)
    case fileSkipped(path: String, reason: SkipReason)
    case k8s(issue: LayerIssue<K8sIssue>)
    case unknownRule(rule: String)
    case checkCrashed(detail: String)

    /// One value of every message, for the catalogue test.
    public static var samples: [SharedMessage] {
        [
        .skippedNoWorkload,
        .notCheckedUnparsable(file: "03-sidecar-logging/pod.yaml", line: 12),
        .notCheckedBrokenObject(file: "03-sidecar-logging/pod.yaml", line: 4, field: "metadata"),
        .containerMissing(name: "web", present: ["a", "b"]),
        .yaml(YAMLError(.tabIndentation, at: Mark(line: 3, column: 7))),
        .yaml(YAMLError(.duplicateKey(key: "name", firstLine: 2), at: Mark(line: 3, column: 7))),
        .yaml(YAMLError(.syntax(problem: "mapping values are not allowed in this context", context: nil), at: Mark(line: 3, column: 7))),
        .yaml(YAMLError(.syntax(problem: "could not find expected ':'", context: "while scanning a simple key"), at: Mark(line: 3, column: 7),
                        stoppedAt: Mark(line: 4, column: 1))),
        .yaml(YAMLError(.syntax(problem: "did not find expected ',' or ']'", context: "while parsing a flow sequence"), at: Mark(line: 3, column: 7),
                        openedAt: Mark(line: 2, column: 4))),
        .fileSkipped(path: "x.yaml", reason: .symlink(target: "/etc/passwd")),
        .k8s(K8sIssue(.valid, .duplicate("app"), path: "spec.containers[1].name", mark: Mark(line: 3, column: 7))),
        .unknownRule(rule: "x.y"),
        .checkCrashed(detail: "boom"),
        ]
    }

    public static func yaml(_ error: YAMLError) -> SharedMessage { .yaml(error: LayerIssue(error)) }
    public static func k8s(_ issue: K8sIssue) -> SharedMessage { .k8s(issue: LayerIssue(issue)) }

    public var russian: String {
        let q = Russian.quote, list = Russian.list
        switch self {
        case .skippedNoWorkload:
            return "Не проверено: сначала нужен сам объект задания."
        case .notCheckedUnparsable(let file, let line):
            return "Не проверено: \(file) не читается как YAML (см. строку \(line)), и объект задания может быть в нём. Исправьте YAML — и проверки пойдут."
        case .notCheckedBrokenObject(let file, let line, let field):
            return "Не проверено: у объекта в \(file) испорчено поле \(field) (строка \(line), см. k8s.schema), поэтому не понять, тот ли это объект."
        case .containerMissing(let name, let present):
            return "В POD нет контейнера \(q(name)); есть: \(list(present))."
        case .yaml(let error):
            return error.text(.ru)
        case .fileSkipped(let path, let reason):
            switch reason {
            case .symlink(let target): return "\(path) — символическая ссылка (на \(target)); podgrade не переходит по ссылкам: положите в репозиторий сам файл."
            case .tooLarge(let bytes, let limit): return "\(path) слишком велик (\(bytes) байт, предел \(limit)) и не прочитан."
            case .notRegularFile: return "\(path) — не обычный файл (каталог, FIFO или устройство) и не прочитан."
            case .directoryNamedLikeManifest: return "\(path) — каталог, а не файл: манифесты в нём прочитаны как в обычной папке."
            case .unreadable(let why): return "\(path) не удалось прочитать: \(why)."
            case .submodule: return "\(path) — подмодуль git; podgrade не загружает подмодули."
            }
        case .k8s(let issue):
            return issue.text(.ru)
        case .unknownRule(let rule):
            return "Неизвестное правило \(q(rule))."
        case .checkCrashed(let detail):
            return "Проверка не смогла выполниться: \(detail)."
        }
    }

    public var english: String {
        let q = English.quote, list = English.list
        switch self {
        case .skippedNoWorkload:
            return "Not checked: the exercise's object must be found first."
        case .notCheckedUnparsable(let file, let line):
            return "Not checked: \(file) does not parse as YAML (see line \(line)) and the exercise's object may be in it. Fix the YAML and the checks will run."
        case .notCheckedBrokenObject(let file, let line, let field):
            return "Not checked: the object in \(file) has a broken \(field) (line \(line), see k8s.schema), so it cannot be told whether it is the exercise's object."
        case .containerMissing(let name, let present):
            return "The pod has no container \(q(name)); it has: \(list(present))."
        case .yaml(let error):
            return error.text(.en)
        case .fileSkipped(let path, let reason):
            switch reason {
            case .symlink(let target): return "\(path) is a symbolic link (to \(target)); podgrade does not follow links: commit the file itself."
            case .tooLarge(let bytes, let limit): return "\(path) is too large (\(bytes) bytes, limit \(limit)) and was not read."
            case .notRegularFile: return "\(path) is not a regular file (a directory, FIFO or device) and was not read."
            case .directoryNamedLikeManifest: return "\(path) is a directory, not a file: the manifests inside it were read as a folder's."
            case .unreadable(let why): return "\(path) could not be read: \(why)."
            case .submodule: return "\(path) is a git submodule; podgrade does not fetch submodules."
            }
        case .k8s(let issue):
            return issue.text(.en)
        case .unknownRule(let rule):
            return "Unknown rule \(q(rule))."
        case .checkCrashed(let detail):
            return "The check could not run: \(detail)."
        }
    }
}
