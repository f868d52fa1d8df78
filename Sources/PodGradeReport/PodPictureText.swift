public import PodGradeCore

/// The few words of the Pod pictures (`PodPictureTerminal`, `PodPictureMermaid`, `PodPictureSVG`).
public enum PodPictureText {
    public static let understood = LocalizedText(ru: "Что понял podgrade", en: "What podgrade understood")
    static let volumes = LocalizedText(ru: "тома", en: "volumes")
    static let files = LocalizedText(ru: "файлы", en: "files")
    static let connections = LocalizedText(ru: "соединения", en: "connections")
    static let declaredOnly = LocalizedText(ru: "только объявлен", en: "declared only")
    static let nothingListens = LocalizedText(ru: "здесь никто не слушает", en: "nothing listens here")
    static let containerName = LocalizedText(ru: "имя контейнера — не адрес внутри Pod", en: "a container name is not a host inside the Pod")
    static let imageCommand = LocalizedText(ru: "команда образа", en: "the image's command")
    static let unknownCommand = LocalizedText(ru: "команда образа неизвестна podgrade", en: "the image's command is unknown to podgrade")
    static let readOnly = LocalizedText(ru: "только чтение", en: "read-only")
    static let notMounted = LocalizedText(ru: "не смонтирован", en: "not mounted")
    static let undeclared = LocalizedText(ru: "не объявлен", en: "not declared")

    /// A container whose lifecycle is a mistake: an app container or native sidecar that
    /// ends, an init container that never ends (the Pod never starts).
    static func isProblem(_ c: PodPicture.Container) -> Bool {
        c.kind == .initContainer ? c.lifecycle == .keepsRunning : c.lifecycle == .ends
    }

    static func lifecycle(_ c: PodPicture.Container, _ lang: Lang) -> String {
        let running: String
        switch c.lifecycle {
        case .keepsRunning: running = LocalizedText(ru: "работает постоянно", en: "keeps running").text(lang)
        case .ends: running = LocalizedText(ru: "завершается", en: "ends").text(lang)
        case .unknown: running = LocalizedText(ru: "работает ли — неизвестно", en: "running: unknown").text(lang)
        }
        switch c.kind {
        case .app: return running
        case .nativeSidecar: return (LocalizedText(ru: "нативный sidecar, ", en: "native sidecar, ").text(lang)) + running
        case .initContainer: return (LocalizedText(ru: "init-контейнер, ", en: "init container, ").text(lang)) + running
        }
    }

    /// `80 (nginx)`, `8080 (declared only)`.
    static func port(_ p: PodPicture.Port, _ lang: Lang) -> String {
        if let listener = p.listener { return "\(p.port) (\(listener))" }
        return "\(p.port) (" + declaredOnly.text(lang) + ")"
    }

    /// `localhost:6379`, `db` (no port).
    static func address(_ n: PodPicture.Connection) -> String {
        n.port.map { n.host + ":" + String($0) } ?? n.host
    }

    /// Why a connection goes nowhere in the Pod, when it does not reach a container.
    static func connectionNote(_ n: PodPicture.Connection, _ lang: Lang) -> String? {
        switch n.hostKind {
        case .loopback: return n.listener == nil && n.port != nil ? nothingListens.text(lang) : nil
        case .podContainer: return containerName.text(lang)
        case .service: return LocalizedText(ru: "Service", en: "a Service").text(lang)
        case .other: return LocalizedText(ru: "вне Pod", en: "outside the Pod").text(lang)
        case .symbolic: return LocalizedText(ru: "адрес из переменной", en: "an address from a variable").text(lang)
        }
    }

    static func mount(_ m: PodPicture.Mount, _ lang: Lang) -> String {
        var text = m.path
        if let sub = m.subPath { text += " (subPath " + sub + ")" }
        if m.readOnly { text += " (" + readOnly.text(lang) + ")" }
        return text
    }

    /// `Pod web (03/pod.yaml)`.
    static func title(_ picture: PodPicture) -> String {
        picture.kind + " " + picture.name + " (" + picture.file + ")"
    }
}
