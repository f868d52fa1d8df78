import PodGradeYAML
import PodGradeKubernetes

/// `container.spec`: a container with the expected name and image (and command where asked).
struct ContainerSpecRule: Rule {
    let id = "container.spec"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Контейнер с нужным именем и образом", en: "A container with the asked name and image"),
        explanation: LocalizedText(
            ru: "Каждый контейнер POD — отдельное приложение со своим образом. Образ сравнивается по программе, которую он запускает: nginx, nginx:1.25, docker.io/library/nginx и bitnami/nginx — один и тот же nginx; реестр, тег и digest не важны (тег проверяется, только если задание его называет). Где задание оставляет выбор образа, подходит любой из перечисленных или любой вообще.",
            en: "Each container of a pod is a separate application with its own image. Images compare by the software they run: nginx, nginx:1.25, docker.io/library/nginx and bitnami/nginx are all nginx; registry, tag and digest never matter (the tag counts only when the task names one). Where the task leaves the image to you, any of the listed images, or any image at all, will do."),
        section: "Пример Pod с несколькими контейнерами")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let container: String
        /// The expected image's software (its family decides: registry, `library/`, tag and digest
        /// never matter); `any` where the task leaves the choice.
        let image: String?
        /// Alternatives, any of which is right (`[fluentd, fluent/fluent-bit]`).
        let images: [String]?
        let tag: String?
        let command: [String]?
        let runs: String?
    }

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: docker.io/library/nginx:1.25\n", params: "{container: web, image: nginx}"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: ↓httpd\n", params: "{container: web, image: nginx}", key: "imageWrong"),
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: lemon\n    image: busybox\n    command: [sh, -c, 'sleep 1000']\n", params: "{container: lemon, image: busybox, runs: sleep}"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: ↓lemon\n    image: busybox\n", params: "{container: lemon, image: busybox, runs: sleep}", key: "runsWrong"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        let container = try context.container(params.container, exact: true)
        let name = container.displayName
        guard let image = container.image else {
            return .fail([context.finding(Message.imageMissing(container: name), mark: container.nameMark, path: container.name?.path ?? container.path)])
        }
        var findings: [Finding] = []
        let expected = (params.image.map { [$0] } ?? []) + (params.images ?? [])
        if !expected.isEmpty, !expected.contains("any") {
            guard let reference = ImageReference(image.value) else {
                return .fail([context.finding(Message.imageInvalid(container: name, image: image.value), image)])
            }
            let family = ImageFamilies.family(of: image.value)
            if !expected.contains(where: { Self.sameSoftware($0, family, reference) }) {
                findings.append(context.finding(Message.imageWrong(container: name, expected: expected.joined(separator: " | "), found: image.value), image))
            } else if let tag = params.tag, reference.tag != tag {
                findings.append(context.finding(Message.tagWrong(container: name, expected: tag, found: reference.tag), image))
            }
        }
        let argv = (container.command ?? []).map(\.value) + (container.args ?? []).map(\.value)
        if let command = params.command, (container.command ?? []).map(\.value) != command {
            let at = container.command?.first
            findings.append(at.map { context.finding(Message.commandWrong(container: name, expected: command, found: argv), $0) }
                            ?? context.finding(Message.commandWrong(container: name, expected: command, found: argv), mark: container.nameMark, path: container.path))
        }
        if let program = params.runs {
            let programs = Shell.commands(command: (container.command ?? []).map(\.value), args: (container.args ?? []).map(\.value)).compactMap(\.program)
            if !programs.contains(program) {
                let at = container.command?.first ?? container.args?.first
                findings.append(at.map { context.finding(Message.runsWrong(container: name, program: program), $0) }
                                ?? context.finding(Message.runsWrong(container: name, program: program), mark: container.nameMark, path: container.path))
            }
        }
        return findings.isEmpty ? .pass(Message.containerSpecOK(container: name, image: image.value)) : .fail(findings)
    }
}

extension ContainerSpecRule {
    /// Whether an image runs the expected software: the same family in the image table (an
    /// upstream organisation's or a packager's image of it), else the same repository.
    static func sameSoftware(_ expected: String, _ family: ImageFamily?, _ found: ImageReference) -> Bool {
        if let a = ImageFamilies.family(of: expected), let b = family { return a == b }
        guard let wanted = ImageReference(expected) else { return false }
        return Self.plain(wanted.repository) == Self.plain(found.repository)
    }

    static func plain(_ repository: String) -> Substring {
        var r = Substring(repository)
        if r.hasPrefix("library/") { r = r.dropFirst(8) }
        if r.hasPrefix("docker/library/") { r = r.dropFirst(15) }
        return r
    }

    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .imageMissing(container: "web"),
            .imageInvalid(container: "web", image: "Nginx"),
            .imageWrong(container: "web", expected: "nginx", found: "httpd"),
            .tagWrong(container: "web", expected: "1.25", found: "1.24"),
            .commandWrong(container: "web", expected: ["sleep", "1000"], found: ["sleep", "5"]),
            .runsWrong(container: "web", program: "sleep"),
            .containerSpecOK(container: "web", image: "nginx"),
        ]
    }

    /// What `container.spec` says, in every language.
    enum Message: RuleMessage {
        case imageMissing(container: String)
        case imageInvalid(container: String, image: String)
        case imageWrong(container: String, expected: String, found: String)
        case tagWrong(container: String, expected: String, found: String?)
        case commandWrong(container: String, expected: [String], found: [String])
        case runsWrong(container: String, program: String)
        case containerSpecOK(container: String, image: String)

        var russian: String {
            let q = Russian.quote
            switch self {
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
            }
        }

        var english: String {
            let q = English.quote
            switch self {
            case .imageMissing(let container):
                return "Container \(q(container)) has no image."
            case .imageInvalid(let container, let image):
                return "Container \(q(container)) has an invalid image reference \(q(image))."
            case .imageWrong(let container, let expected, let found):
                return "Container \(q(container)) runs image \(q(found)) but should run \(q(expected))."
            case .tagWrong(let container, let expected, let found):
                return "Container \(q(container))'s image has tag \(q(found ?? "latest")) but needs \(q(expected))."
            case .commandWrong(let container, let expected, let found):
                return "Container \(q(container))'s command is \(found.joined(separator: " ")) but should be \(expected.joined(separator: " "))."
            case .runsWrong(let container, let program):
                return "Container \(q(container)) should run \(q(program)), but its command does not."
            case .containerSpecOK(let container, let image):
                return "Container \(q(container)) with image \(q(image)) is in place."
            }
        }
    }
}
