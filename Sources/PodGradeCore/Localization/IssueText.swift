import PodGradeYAML
import PodGradeKubernetes

/// Kubernetes' own message shapes (`spec.containers[1].name: Duplicate value: "app"`)
/// in English, and the same facts in Russian.
enum K8sIssueText {
    static func english(_ issue: K8sIssue) -> String {
        (issue.path.isEmpty ? "" : "\(issue.path): ") + englishBody(issue.problem)
    }

    static func russian(_ issue: K8sIssue) -> String {
        (issue.path.isEmpty ? "" : "\(issue.path): ") + russianBody(issue.problem)
    }

    private static func englishBody(_ problem: K8sIssue.Problem) -> String {
        switch problem {
        case .unknownField(let name, let suggestion):
            return "unknown field \"\(name)\"" + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? "")
        case .wrongType(let expected, let found):
            return "expected \(englishType(expected)), got \(found)"
        case .required:
            return "Required value"
        case .duplicate(let value):
            return "Duplicate value: \"\(value)\""
        case .invalid(let value, let reason):
            return "Invalid value: \"\(value)\": " + englishReason(reason)
        case .notSupported(let value, let supported):
            return "Unsupported value: \"\(value)\": supported values: " + supported.map { "\"\($0)\"" }.joined(separator: ", ")
        case .notFound(let value):
            return "Not found: \"\(value)\""
        case .forbidden(let reason):
            return "Forbidden: " + englishForbidden(reason)
        case .duplicatePort(let port, let proto, let other):
            return "port \(port)/\(proto) is declared twice in the pod (also at \(other))"
        case .notAnObject:
            return "not a Kubernetes object: apiVersion and kind are not set"
        case .notAMapping(let found):
            return "not a Kubernetes object: expected a mapping with apiVersion and kind, got \(found)"
        case .unknownKind(let kind, let apiVersion, let suggestion):
            return "no matches for kind \"\(kind)\" in version \"\(apiVersion)\""
                + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? "")
        case .unknownAPIVersion(let apiVersion, let kind, let served):
            return "no matches for kind \"\(kind)\" in version \"\(apiVersion)\" (\(kind) is served by "
                + served.joined(separator: ", ") + ")"
        case .noSchema(let kind, let apiVersion):
            return "\(kind) (\(apiVersion)) is not a built-in kind: podgrade has no schema for it and does not check its fields"
        case .noObjects:
            return "no Kubernetes object in this file"
        }
    }

    private static func russianBody(_ problem: K8sIssue.Problem) -> String {
        switch problem {
        case .unknownField(let name, let suggestion):
            return "неизвестное поле «\(name)»" + (suggestion.map { " (может быть, «\($0)»?)" } ?? "")
        case .wrongType(let expected, let found):
            return "ожидается \(russianType(expected)), а записано \(russianFound(found))"
        case .required:
            return "обязательное поле не задано"
        case .duplicate(let value):
            return "повторяющееся значение «\(value)»"
        case .invalid(let value, let reason):
            return "недопустимое значение «\(value)»: " + russianReason(reason)
        case .notSupported(let value, let supported):
            return "значение «\(value)» не поддерживается; допустимо: " + supported.joined(separator: ", ")
        case .notFound(let value):
            return "«\(value)» не найден среди volumes POD"
        case .forbidden(let reason):
            return "запрещено: " + russianForbidden(reason)
        case .duplicatePort(let port, let proto, let other):
            return "порт \(port)/\(proto) объявлен в POD дважды (ещё в \(other))"
        case .notAnObject:
            return "это не объект Kubernetes: не заданы apiVersion и kind"
        case .notAMapping(let found):
            return "это не объект Kubernetes: нужно отображение с apiVersion и kind, а записано \(russianFound(found))"
        case .unknownKind(let kind, let apiVersion, let suggestion):
            return "в apiVersion «\(apiVersion)» нет вида (kind) «\(kind)»" + (suggestion.map { " (может быть, «\($0)»?)" } ?? "")
        case .unknownAPIVersion(let apiVersion, let kind, let served):
            return "вида (kind) «\(kind)» нет в apiVersion «\(apiVersion)»; \(kind) входит в " + served.joined(separator: ", ")
        case .noSchema(let kind, let apiVersion):
            return "«\(kind)» (\(apiVersion)) — не встроенный вид Kubernetes: схемы для него у podgrade нет, поля не проверены"
        case .noObjects:
            return "в файле нет ни одного объекта Kubernetes"
        }
    }

    private static func englishType(_ type: K8sIssue.ValueType) -> String {
        switch type {
        case .string: return "a string"
        case .integer: return "an integer"
        case .boolean: return "a boolean"
        case .number: return "a number"
        case .object: return "an object"
        case .array: return "an array"
        case .quantity: return "a quantity (an integer or a string such as \"64Mi\")"
        case .intOrString: return "an integer or a string"
        case .stringMap: return "an object of string values"
        }
    }

    private static func russianType(_ type: K8sIssue.ValueType) -> String {
        switch type {
        case .string: return "строка"
        case .integer: return "целое число"
        case .boolean: return "логическое значение (true/false)"
        case .number: return "число"
        case .object: return "объект (отображение ключ: значение)"
        case .array: return "список"
        case .quantity: return "количество (число или строка вида «64Mi»)"
        case .intOrString: return "число или строка"
        case .stringMap: return "объект со строковыми значениями"
        }
    }

    private static func russianFound(_ found: String) -> String {
        switch found {
        case "string": return "строка"
        case "integer": return "целое число"
        case "boolean": return "логическое значение"
        case "number": return "число"
        case "object": return "объект"
        case "array": return "список"
        case "null": return "пустое значение"
        default: return found
        }
    }

    private static func englishReason(_ reason: K8sIssue.Reason) -> String {
        switch reason {
        case .dns1123Label:
            return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (at most 63 characters)"
        case .dns1123Subdomain:
            return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (at most 253 characters)"
        case .ianaServiceName:
            return "must be no more than 15 characters, contain only lower case alphanumerics and '-', contain at least one letter, and not start or end with '-' or contain '--'"
        case .portRange:
            return "must be between 1 and 65535, inclusive"
        case .notAbsolutePath:
            return "must be an absolute path"
        case .subPathAbsolute:
            return "must be a relative path"
        case .subPathBacktrack:
            return "must not contain '..'"
        case .quantity:
            return "must be a quantity such as 64Mi, 1Gi, 100m or 0.5"
        case .quantityUnit(let suggestion):
            return "must be a quantity such as 64Mi, 1Gi, 100m or 0.5: write \(suggestion) (units are k, M, G for powers of 10, Ki, Mi, Gi for powers of 2, without B)"
        case .requestAboveLimit(let resource, let limit):
            return "must be less than or equal to \(resource) limit of \(limit)"
        case .negative, .nonNegative:
            return "must be greater than or equal to 0"
        case .labelKey:
            return "a valid label key must be a qualified name (at most 63 characters, alphanumerics, '-', '_' or '.', with an optional DNS subdomain prefix and '/')"
        case .labelValue:
            return "a valid label value must be 63 characters or less, empty or begin and end with an alphanumeric character, with '-', '_', '.' and alphanumerics between"
        case .selectorMismatch:
            return "`selector` does not match template `labels`"
        case .multipleVolumeSources(let name):
            return "may not specify more than 1 volume type (\(name))"
        case .imageWhitespace:
            return "must not have leading or trailing whitespace"
        case .envVarName:
            return "a valid environment variable name must consist of printable ASCII characters other than '='"
        }
    }

    private static func russianReason(_ reason: K8sIssue.Reason) -> String {
        switch reason {
        case .dns1123Label:
            return "имя по RFC 1123: только строчные латинские буквы, цифры и «-», начинается и кончается буквой или цифрой, не длиннее 63 символов"
        case .dns1123Subdomain:
            return "имя по RFC 1123: строчные латинские буквы, цифры, «-» и «.», начинается и кончается буквой или цифрой, не длиннее 253 символов"
        case .ianaServiceName:
            return "имя порта: не длиннее 15 символов, строчные буквы, цифры и «-», хотя бы одна буква, без «--» и без «-» по краям"
        case .portRange:
            return "порт должен быть от 1 до 65535"
        case .notAbsolutePath:
            return "нужен абсолютный путь"
        case .subPathAbsolute:
            return "subPath должен быть относительным путём"
        case .subPathBacktrack:
            return "subPath не может содержать «..»"
        case .quantity:
            return "нужно количество Kubernetes, например 64Mi, 1Gi, 100m или 0.5"
        case .quantityUnit(let suggestion):
            return "нужно количество Kubernetes: запишите \(suggestion) (единицы k, M, G — степени 10, Ki, Mi, Gi — степени 2, без B)"
        case .requestAboveLimit(let resource, let limit):
            return "request не может быть больше limit \(resource) (\(limit))"
        case .negative, .nonNegative:
            return "значение не может быть отрицательным"
        case .labelKey:
            return "ключ метки: до 63 символов из букв, цифр, «-», «_», «.», с необязательным префиксом-доменом и «/»"
        case .labelValue:
            return "значение метки: до 63 символов, начинается и кончается буквой или цифрой, внутри «-», «_», «.»"
        case .selectorMismatch:
            return "selector не совпадает с метками шаблона (template.metadata.labels)"
        case .multipleVolumeSources(let name):
            return "у volume может быть только один тип (\(name))"
        case .imageWhitespace:
            return "в начале или в конце имени образа пробелы"
        case .envVarName:
            return "имя переменной окружения: печатные символы ASCII, кроме «=»"
        }
    }

    private static func englishForbidden(_ reason: K8sIssue.Forbidden) -> String {
        switch reason {
        case .moreThanOneVolumeType: return "may not specify more than 1 volume type"
        case .noVolumeType: return "must specify a volume type"
        case .restartPolicyOnAppContainer: return "may not be set for non-init containers"
        case .hostPortConflict: return "hostPort is already used by another container of the pod"
        case .subPathAndExpr: return "subPath and subPathExpr are mutually exclusive"
        case .emptySelector(let kind): return "empty selector is invalid for \(kind.lowercased())"
        case .valuesWithExistsOperator: return "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"
        case .probeOnInitContainer: return "may not be set for init containers without restartPolicy=Always"
        case .successThresholdNotOne: return "must be 1"
        case .moreThanOneHandler: return "may not specify more than 1 handler type"
        case .hostPortNotContainerPort: return "must match `containerPort` when `hostNetwork` is true"
        case .valueFromWithValue: return "may not be specified when `value` is not empty"
        }
    }

    private static func russianForbidden(_ reason: K8sIssue.Forbidden) -> String {
        switch reason {
        case .moreThanOneVolumeType: return "у volume может быть только один тип"
        case .noVolumeType: return "у volume должен быть указан тип (emptyDir, hostPath, configMap...)"
        case .restartPolicyOnAppContainer: return "restartPolicy можно задавать только initContainers"
        case .hostPortConflict: return "этот hostPort уже занят другим контейнером POD"
        case .subPathAndExpr: return "subPath и subPathExpr нельзя задавать вместе"
        case .emptySelector: return "пустой selector недопустим"
        case .valuesWithExistsOperator: return "values нельзя задавать при operator Exists или DoesNotExist"
        case .probeOnInitContainer: return "нельзя задавать у init-контейнера без restartPolicy: Always"
        case .successThresholdNotOne: return "должно быть равно 1"
        case .moreThanOneHandler: return "можно указать только один способ проверки (exec, httpGet, tcpSocket или grpc)"
        case .hostPortNotContainerPort: return "при hostNetwork: true hostPort должен совпадать с containerPort"
        case .valueFromWithValue: return "нельзя задавать valueFrom вместе с value"
        }
    }
}
