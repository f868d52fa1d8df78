import PodGradeYAML

/// libyaml's problems in the learner's terms. The position is not repeated in
/// the text: every output shows the error's location beside it.
enum YAMLErrorText {
    static func english(_ error: YAMLError) -> String {
        switch error.kind {
        case .syntax(let problem, let context):
            let stopped = error.stoppedAt.map { "; reading stopped at line \($0.line), column \($0.column)" } ?? ""
            let opened = error.openedAt.map { " opened at line \($0.line), column \($0.column)" } ?? ""
            if problem == "could not find expected ':'", context == "while scanning a simple key" {
                return "this key has no colon ':' after it" + stopped
            }
            return problem + (context.map { " (\($0)\(opened)\(stopped))" } ?? stopped)
        case .tabIndentation:
            return "a tab in indentation is not allowed in YAML; indent with spaces"
        case .duplicateKey(let key, let firstLine):
            return "key \"\(key)\" is repeated (first on line \(firstLine))"
        case .undefinedAlias(let name):
            return "alias *\(name) refers to no anchor &\(name) defined before it"
        case .tooDeep(let limit):
            return "nesting deeper than \(limit) levels"
        case .tooManyNodes(let limit):
            return "more than \(limit) YAML nodes in one file"
        case .aliasExpansion(let limit):
            return "aliases expand to more than \(limit) nodes (an alias bomb?)"
        case .tooManyDocuments(let limit):
            return "more than \(limit) documents in one file"
        case .fileTooLarge(let bytes, let limit):
            return "the file is \(bytes) bytes, above the limit of \(limit) bytes"
        case .invalidEncoding:
            return "the file is not valid UTF-8 text"
        case .controlCharacter:
            return "a control character (such as a NUL byte) is not allowed in YAML"
        case .invalidMergeValue:
            return "a merge key (<<) takes a mapping or a list of mappings"
        }
    }

    static func russian(_ error: YAMLError) -> String {
        /// "больше 21 узла", "больше 5 узлов": the genitive after a comparison.
        func than(_ n: Int, _ one: String, _ many: String) -> String {
            "\(n) " + RussianPlural.form(n, one: one, few: many, many: many)
        }
        switch error.kind {
        case .syntax(let problem, let context):
            let stopped = error.stoppedAt.map { " (чтение остановилось в строке \($0.line), столбце \($0.column))" } ?? ""
            let opened = error.openedAt.map { " (скобка открыта в строке \($0.line), столбце \($0.column))" } ?? ""
            if problem == "could not find expected ':'", context == "while scanning a simple key" {
                return "после этого ключа нет двоеточия «:»" + stopped
            }
            return russianProblem(problem, context: context) + opened + stopped
        case .tabIndentation:
            return "табуляция в отступе недопустима в YAML, используйте пробелы"
        case .duplicateKey(let key, let firstLine):
            return "ключ «\(key)» повторяется (впервые в строке \(firstLine))"
        case .undefinedAlias(let name):
            return "ссылка *\(name) указывает на якорь &\(name), которого выше нет"
        case .tooDeep(let limit):
            return "вложенность глубже \(than(limit, "уровня", "уровней"))"
        case .tooManyNodes(let limit):
            return "в файле больше \(than(limit, "узла", "узлов")) YAML"
        case .aliasExpansion(let limit):
            return "ссылки (aliases) разворачиваются больше чем в \(limit) " + RussianPlural.form(limit, one: "узел", few: "узла", many: "узлов")
        case .tooManyDocuments(let limit):
            return "в файле больше \(than(limit, "документа", "документов"))"
        case .fileTooLarge(let bytes, let limit):
            return "файл размером \(bytes) " + RussianPlural.form(bytes, one: "байт", few: "байта", many: "байт")
                + " больше предела в \(limit) " + RussianPlural.form(limit, one: "байт", few: "байта", many: "байт")
        case .invalidEncoding:
            return "файл не в кодировке UTF-8"
        case .controlCharacter:
            return "управляющий символ (например, нулевой байт) недопустим в YAML"
        case .invalidMergeValue:
            return "ключ слияния (<<) принимает отображение или список отображений"
        }
    }

    /// libyaml's common problems, translated; anything else is shown as libyaml says it.
    private static func russianProblem(_ problem: String, context: String?) -> String {
        switch problem {
        case "mapping values are not allowed in this context":
            return "здесь не может начинаться значение «ключ: значение» — проверьте отступ и двоеточие в строке выше"
        case "did not find expected key":
            return "ожидался ключ отображения — вероятно, неверный отступ"
        case "did not find expected '-' indicator":
            return "ожидался элемент списка «- » — вероятно, неверный отступ"
        case "found character that cannot start any token":
            return "символ, с которого не может начинаться значение YAML"
        case "could not find expected ':'":
            return "не найдено ожидаемое двоеточие «:» после ключа"
        case "found unexpected end of stream":
            return "файл закончился внутри незакрытой кавычки или скобки"
        case "did not find expected ',' or ']'":
            return "в списке [ ] ожидалась запятая или закрывающая скобка"
        case "did not find expected ',' or '}'":
            return "в отображении { } ожидалась запятая или закрывающая скобка"
        case "did not find expected node content":
            return "ожидалось значение"
        case "found undefined tag handle":
            return "неизвестный префикс тега"
        case "block sequence entries are not allowed in this context":
            return "элемент списка «- » здесь недопустим — проверьте отступ"
        default:
            return problem + (context.map { " (\($0))" } ?? "")
        }
    }
}
