import PodGradeYAML
import PodGradeKubernetes

extension Message {
    var russian: String {
        func q(_ s: String) -> String { "«\(s)»" }
        func list(_ items: [String]) -> String { items.isEmpty ? "—" : items.map(q).joined(separator: ", ") }
        switch self {
        case .skippedNoWorkload:
            return "Не проверено: сначала нужен сам объект задания."
        case .containerMissing(let name, let present):
            return "В POD нет контейнера \(q(name)); есть: \(list(present))."
        case .yaml(let error):
            return YAMLErrorText.russian(error)
        case .yamlOK(let files):
            return "YAML читается без ошибок (" + RussianPlural.form(files, one: "\(files) файл", few: "\(files) файла", many: "\(files) файлов") + ")."
        case .noManifests:
            return "Не найдено ни одного манифеста (.yaml, .yml, .json)."
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
            return K8sIssueText.russian(issue)
        case .schemaOK:
            return "Все поля известны Kubernetes и имеют правильные типы."
        case .validOK:
            return "Kubernetes примет этот объект: проверка API пройдена."
        case .validWarnings(let count):
            return "Kubernetes примет объект, но выдаст " + RussianPlural.form(count, one: "\(count) предупреждение", few: "\(count) предупреждения", many: "\(count) предупреждений") + "."
        case .validationSummary(let files, let objects, let errors, let warnings):
            return RussianPlural.form(files, one: "\(files) файл", few: "\(files) файла", many: "\(files) файлов")
                + ", " + RussianPlural.form(objects, one: "\(objects) объект", few: "\(objects) объекта", many: "\(objects) объектов")
                + ", " + RussianPlural.form(errors, one: "\(errors) ошибка", few: "\(errors) ошибки", many: "\(errors) ошибок")
                + (warnings > 0 ? ", " + RussianPlural.form(warnings, one: "\(warnings) предупреждение", few: "\(warnings) предупреждения",
                                                             many: "\(warnings) предупреждений") : "")
        case .podFound(let kind, let name):
            return "Найден \(kind) \(q(name))."
        case .podNotFound(let kinds, let name):
            return "Не найден объект \(kinds.joined(separator: " или ")) с именем \(q(name))."
        case .podWrongName(let kind, let expected, let found):
            return "\(kind) называется \(q(found)), а задание требует имя \(q(expected)); остальные проверки выполнены для него."
        case .podWrongKind(let expected, let found, let name):
            return "\(q(name)) — это \(found), а задание требует \(expected.joined(separator: " или "))."
        case .namespaceWrong(let expected, let found):
            return found.map { "Namespace — \(q($0)), а нужен \(q(expected))." } ?? "Не указан namespace: нужен \(q(expected))."
        case .labelMissing(let key, let value):
            return "Нет метки \(key): \(value)."
        case .labelWrong(let key, let expected, let found):
            return "Метка \(key) равна \(q(found)), а нужно \(q(expected))."
        case .metadataOK:
            return "Namespace и метки заданы как требуется."
        case .containerCountWrong(let expected, let found):
            return "В POD " + RussianPlural.form(found, one: "\(found) контейнер", few: "\(found) контейнера", many: "\(found) контейнеров")
                + ", а нужно " + RussianPlural.form(expected, one: "\(expected)", few: "\(expected)", many: "\(expected)") + "."
        case .containerCountOK(let count):
            return "В POD " + RussianPlural.form(count, one: "\(count) контейнер", few: "\(count) контейнера", many: "\(count) контейнеров") + ", как и нужно."
        case .imageMissing(let container):
            return "У контейнера \(q(container)) не указан image."
        case .imageInvalid(let container, let image):
            return "У контейнера \(q(container)) некорректная ссылка на образ \(q(image))."
        case .imageWrong(let container, let expected, let found):
            return "Контейнер \(q(container)) запускает образ \(q(found)), а нужен \(q(expected))."
        case .tagWrong(let container, let expected, let found):
            return "У образа контейнера \(q(container)) тег \(q(found ?? "latest")), а нужен \(q(expected))."
        case .commandWrong(let container, let expected, let found):
            return "Команда контейнера \(q(container)) — \(found.joined(separator: " ")), а нужна \(expected.joined(separator: " "))."
        case .runsWrong(let container, let program):
            return "Контейнер \(q(container)) должен запускать \(q(program)), но его команда этого не делает."
        case .containerSpecOK(let container, let image):
            return "Контейнер \(q(container)) с образом \(q(image)) на месте."
        case .shellWithoutCommand(let container, let image):
            return "Контейнер \(q(container)) (\(image)) без команды сразу завершится, и POD будет перезапускать его бесконечно (CrashLoopBackOff)."
        case .shellCommandEnds(let container):
            return "Команда контейнера \(q(container)) быстро завершается: контейнер будет перезапускаться снова и снова."
        case .longRunningOK(let containers):
            return "Контейнеры \(list(containers)) продолжают работать, а не завершаются сразу."
        case .noShellContainers:
            return "Нет контейнеров с образами оболочки: им нечего завершаться."
        case .portMissing(let container, let port):
            return "Контейнер \(q(container)) не объявляет containerPort \(port)."
        case .portNameWrong(let container, let port, let expected, let found):
            return found.map { "Порт \(port) контейнера \(q(container)) называется \(q($0)), а нужно \(q(expected))." }
                ?? "Порт \(port) контейнера \(q(container)) без имени: нужно name: \(expected)."
        case .portProtocolWrong(let container, let port, let expected, let found):
            return "Порт \(port) контейнера \(q(container)) использует протокол \(found), а нужен \(expected)."
        case .portDeclaredOK(let container, let port):
            return "Контейнер \(q(container)) объявляет порт \(port)."
        case .portClash(let port, let proto, let container, let other):
            return "Порт \(port)/\(proto) объявлен и в \(q(other)), и в \(q(container)): контейнеры POD делят одно сетевое пространство (localhost), и второй не сможет занять этот порт."
        case .portsUniqueOK(let count):
            return "Все " + RussianPlural.form(count, one: "\(count) порт", few: "\(count) порта", many: "\(count) портов") + " POD уникальны."
        case .volumeMissing(let name):
            return "В POD нет volume \(q(name))."
        case .volumeTypeWrong(let name, let expected, let found):
            return "Volume \(q(name)) имеет тип \(q(found ?? "—")), а нужен \(q(expected))."
        case .volumeNotMounted(let volume, let container):
            return "Контейнер \(q(container)) не монтирует volume \(q(volume)): без этого у контейнеров нет общих данных."
        case .mountPathWrong(let volume, let container, let expected, let found):
            return "Контейнер \(q(container)) монтирует \(q(volume)) в \(found), а нужно в \(expected)."
        case .noSharedVolume(let containers):
            return "У контейнеров \(list(containers)) нет общего volume."
        case .volumeSharedOK(let volume, let containers):
            return "Volume \(q(volume)) общий для \(list(containers))."
        case .mountNotReadOnly(let container, let volume, let mountPath):
            return "Контейнер \(q(container)) монтирует \(q(volume)) в \(mountPath) на запись: добавьте readOnly: true."
        case .noMatchingMounts(let container):
            return "У контейнера \(q(container)) нет нужных монтирований."
        case .readOnlyOK(let container, let mounts):
            return "Контейнер \(q(container)): " + RussianPlural.form(mounts, one: "\(mounts) монтирование", few: "\(mounts) монтирования", many: "\(mounts) монтирований") + " только для чтения."
        case .hostPathMissing(let path):
            return "Нет volume типа hostPath с путём \(path)."
        case .hostPathNotMounted(let path, let container):
            return "hostPath \(path) не смонтирован в контейнер \(q(container))."
        case .hostPathOK(let count):
            return RussianPlural.form(count, one: "\(count) hostPath volume задан", few: "\(count) hostPath volume заданы", many: "\(count) hostPath volume заданы") + " верно."
        case .resourceMissing(let container, let section, let resource):
            return "У контейнера \(q(container)) не задано resources.\(section).\(resource)."
        case .resourceWrong(let container, let section, let resource, let expected, let found):
            return "У контейнера \(q(container)) resources.\(section).\(resource) = \(found), а нужно \(expected)."
        case .resourceUnitConfusion(let container, let section, let resource, let confusion):
            /// "64 байта", "134217728 байт", "2 ядра": the form by the last digits of a decimal text.
            func units(_ value: String) -> String {
                let n = Int(value.split(separator: ".").first?.suffix(2) ?? "") ?? 0
                let fractional = value.contains(".")
                if resource == "cpu" { return value + " " + (fractional ? "ядра" : RussianPlural.form(n, one: "ядро", few: "ядра", many: "ядер")) }
                return value + " " + (fractional ? "байта" : RussianPlural.form(n, one: "байт", few: "байта", many: "байт"))
            }
            switch confusion {
            case .noUnit(let found, let expected, let expectedValue):
                return "У контейнера \(q(container)) resources.\(section).\(resource) = \(found): число без единицы — это "
                    + (resource == "cpu" ? "ядра" : "байты") + ", то есть \(units(found)), а нужно \(expected) (\(units(expectedValue)))."
            case .decimalBinary(let found, let foundValue, let expected, let expectedValue):
                return "У контейнера \(q(container)) resources.\(section).\(resource) = \(found), это \(units(foundValue)), "
                    + "а нужно \(expected) (\(units(expectedValue))): k, M, G — степени 10, Ki, Mi, Gi — степени 2."
            }
        case .resourceInvalid(let container, let resource, let text):
            return "У контейнера \(q(container)) значение \(resource) \(q(text)) — не количество Kubernetes (например 64Mi, 100m)."
        case .limitBelowRequest(let container, let resource, let request, let limit):
            return "У контейнера \(q(container)) limit \(resource) (\(limit)) меньше request (\(request))."
        case .resourcesOK(let container):
            return "Ресурсы контейнера \(q(container)) заданы как нужно."
        case .noLocalhostReference(let container):
            return "Контейнер \(q(container)) нигде не обращается к localhost:ПОРТ (ни в command, ни в args, ни в env)."
        case .localhostPortUndeclared(let container, let port):
            return "Контейнер \(q(container)) обращается к localhost:\(port), но ни один контейнер POD не объявляет порт \(port)."
        case .localhostOwnPort(let container, let port):
            return "Контейнер \(q(container)) обращается к localhost:\(port), но этот порт объявлен им самим, а не соседним контейнером."
        case .localhostWrongTarget(let container, let port, let expected, let owners):
            return "Контейнер \(q(container)) обращается к localhost:\(port), но этот порт у \(list(owners)), а не у \(q(expected))."
        case .localhostOK(let from, let port, let to):
            return "\(q(from)) обращается к \(q(to)) через localhost:\(port)."
        case .noWrites(let container):
            return "Не видно, чтобы контейнер \(q(container)) записывал файл (>, >>, tee, touch, cp)."
        case .noReads(let container):
            return "Не видно, чтобы контейнер \(q(container)) читал файл (cat, tail, head, grep)."
        case .writesOffVolume(let container, let paths):
            return "Контейнер \(q(container)) пишет в \(paths.joined(separator: ", ")), но это не общий volume: соседний контейнер этого не увидит."
        case .flowMismatch(let writer, let reader, let writes, let reads):
            return "\(q(writer)) пишет в \(writes.joined(separator: ", ")), а \(q(reader)) читает \(reads.joined(separator: ", ")): это разные файлы."
        case .flowFileWrong(let writer, let expected, let writes):
            return "\(q(writer)) должен писать \(expected), а пишет \(writes.joined(separator: ", "))."
        case .dataFlowOK(let writer, let reader, let volume, let file):
            return "\(q(reader)) читает то, что \(q(writer)) пишет в \(q(volume)) (\(file))."
        case .sidecarNoSharedVolume(let main, let sidecar):
            return "Sidecar \(q(sidecar)) не делит ни одного volume с \(q(main)): ему нечего обрабатывать."
        case .mainCannotWrite(let main, let volume):
            return "\(q(main)) монтирует \(q(volume)) только для чтения и не может туда писать."
        case .sidecarReadsElsewhere(let sidecar, let paths):
            return "Sidecar \(q(sidecar)) читает \(paths.joined(separator: ", ")), но не из общего volume."
        case .sidecarTakesPort(let sidecar, let port):
            return "Sidecar \(q(sidecar)) занимает порт \(port) основного контейнера."
        case .sidecarOK(let main, let sidecar, let volume):
            return "Sidecar \(q(sidecar)) обрабатывает данные \(q(main)) через общий volume \(q(volume))."
        case .adapterNoInput(let main, let adapter):
            return "Adapter \(q(adapter)) не получает данные \(q(main)): нет ни общего volume, куда \(q(main)) пишет, ни обращения к его порту через localhost."
        case .adapterNoOwnPort(let adapter):
            return "Adapter \(q(adapter)) не объявляет собственный порт, отличный от портов основного контейнера."
        case .adapterPortNameWrong(let adapter, let expected):
            return "У adapter \(q(adapter)) нет порта с именем \(q(expected))."
        case .adapterOK(let main, let adapter, let port):
            return "Adapter \(q(adapter)) берёт данные \(q(main)) и отдаёт их на своём порту \(port)."
        case .ambassadorNotReached(let main, let ambassador):
            return "\(q(main)) не обращается к localhost:ПОРТ, который объявляет ambassador \(q(ambassador))."
        case .ambassadorPortOnMain(let main, let port):
            return "Порт \(port) объявлен самим \(q(main)): ambassador должен слушать его вместо основного контейнера."
        case .ambassadorOK(let main, let ambassador, let port):
            return "\(q(main)) выходит наружу через ambassador \(q(ambassador)) на localhost:\(port)."
        case .nativeSidecarIsAppContainer(let sidecar):
            return "\(q(sidecar)) объявлен в containers; нативный sidecar объявляется в initContainers с restartPolicy: Always."
        case .nativeSidecarRestartPolicy(let sidecar, let found):
            return found.map { "У initContainer \(q(sidecar)) restartPolicy: \($0), а нужно Always." }
                ?? "У initContainer \(q(sidecar)) нет restartPolicy: Always — без него это обычный init-контейнер, и POD не запустится, пока он не завершится."
        case .nativeSidecarNoVolume(let main, let sidecar):
            return "Нативный sidecar \(q(sidecar)) не делит volume с \(q(main))."
        case .nativeSidecarOK(let sidecar):
            return "\(q(sidecar)) — нативный sidecar (initContainer с restartPolicy: Always)."
        case .notAWorkload(let kind):
            return "\(kind) не управляет репликами: нужен Deployment."
        case .replicasWrong(let expected, let found):
            return "replicas = \(found.map(String.init) ?? "не задано (1)"), а нужно \(expected)."
        case .selectorMismatch:
            return "spec.selector не совпадает с метками шаблона: Deployment не найдёт свои PODs."
        case .replicasOK(let replicas):
            return "\(replicas) " + RussianPlural.form(replicas, one: "реплика", few: "реплики", many: "реплик") + ", selector совпадает с метками шаблона."
        case .unknownRule(let rule):
            return "Неизвестное правило \(q(rule))."
        case .checkCrashed(let detail):
            return "Проверка не смогла выполниться: \(detail)."
        }
    }
}
