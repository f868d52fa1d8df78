import PodGradeYAML
import PodGradeKubernetes

/// `role.sidecar`: the helper shares a volume with main and consumes what main writes there.
struct RoleSidecarRule: Rule {
    let id = "role.sidecar"
    let readsWholeModel = true
    let doc = RuleDoc(
        title: LocalizedText(ru: "Паттерн Sidecar", en: "The Sidecar pattern"),
        explanation: LocalizedText(
            ru: "Sidecar расширяет основной контейнер, не меняя его: например, собирает логи, которые тот пишет в общий volume. Sidecar монтирует тот же volume, что и основной контейнер (который может туда писать), читает его данные и не занимает порт основного контейнера.",
            en: "A sidecar extends the main container without changing it: for example it ships the logs main writes to a shared volume. The sidecar mounts the volume main can write to, reads its data, and does not take main's port."),
        section: "Паттерны проектирования много-контейнерных PODs")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let main: String
        let sidecar: String
    }

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    ports: [{containerPort: 80}]\n    volumeMounts: [{name: logs, mountPath: /var/log/nginx}]\n  - name: shipper\n    image: fluentd\n    volumeMounts: [{name: logs, mountPath: /logs, readOnly: true}]\n  volumes:\n  - name: logs\n    emptyDir: {}\n",
                    params: "{main: web, sidecar: shipper}"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  containers:\n  - name: web\n    image: nginx\n    volumeMounts: [{name: logs, mountPath: /var/log/nginx}]\n  - name: ↓shipper\n    image: fluentd\n  volumes:\n  - name: logs\n    emptyDir: {}\n",
                    params: "{main: web, sidecar: shipper}", key: "sidecarNoSharedVolume"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        let (main, sidecar) = try Roles.pair(context, params.main, params.sidecar)
        guard let model = context.model else { return .notRun }
        var findings: [Finding] = []
        let shared = model.sharedVolumes(main.displayName, sidecar.displayName)
        var consumedVolume: String?
        let writable = shared.filter { volume in
            model.volumes.first { $0.name == volume }?.mounts.contains { $0.container == main.displayName && !$0.mount.isReadOnly } ?? false
        }
        if shared.isEmpty {
            findings.append(Roles.anchor(context, Message.sidecarNoSharedVolume(main: main.displayName, sidecar: sidecar.displayName), sidecar))
        } else if writable.isEmpty {
            let mount = PodQueries.mounts(of: shared[0], in: main).first
            findings.append(mount.map { context.finding(Message.mainCannotWrite(main: main.displayName, volume: shared[0]), mark: $0.readOnly?.mark ?? $0.mark, path: $0.path) }
                            ?? Roles.anchor(context, Message.mainCannotWrite(main: main.displayName, volume: shared[0]), main))
        } else {
            if let flow = model.flows(from: main.displayName, to: sidecar.displayName).first {
                consumedVolume = flow.volume
            } else {
                // Reads the learner wrote, none of them on a volume main writes: the sidecar looks elsewhere.
                let reads = model.reads(of: sidecar.displayName).filter { !$0.isImplicit && !$0.isSymbolic }
                if !reads.isEmpty, !reads.contains(where: { $0.place.map { writable.contains($0.volume) } ?? false }) {
                    findings.append(context.finding(Message.sidecarReadsElsewhere(sidecar: sidecar.displayName, paths: reads.map(\.path)), reads[0].source))
                }
                consumedVolume = writable.first
            }
        }
        for port in sidecar.ports {
            guard let number = port.containerPort, PodQueries.declares(main, Int(number.value)) else { continue }
            findings.append(context.finding(Message.sidecarTakesPort(sidecar: sidecar.displayName, port: Int(number.value)), number))
        }
        if findings.isEmpty {
            return .pass(Message.sidecarOK(main: main.displayName, sidecar: sidecar.displayName, volume: consumedVolume ?? shared[0]))
        }
        return .fail(findings)
    }
}

extension RoleSidecarRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .sidecarNoSharedVolume(main: "web", sidecar: "agent"),
            .mainCannotWrite(main: "web", volume: "logs"),
            .sidecarReadsElsewhere(sidecar: "agent", paths: ["/tmp/x"]),
            .sidecarTakesPort(sidecar: "agent", port: 80),
            .sidecarOK(main: "web", sidecar: "agent", volume: "logs"),
        ]
    }

    /// What `role.sidecar` says, in every language.
    enum Message: RuleMessage {
        case sidecarNoSharedVolume(main: String, sidecar: String)
        case mainCannotWrite(main: String, volume: String)
        case sidecarReadsElsewhere(sidecar: String, paths: [String])
        case sidecarTakesPort(sidecar: String, port: Int)
        case sidecarOK(main: String, sidecar: String, volume: String)

        var russian: String {
            let q = Russian.quote
            switch self {
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
            }
        }

        var english: String {
            let q = English.quote
            switch self {
            case .sidecarNoSharedVolume(let main, let sidecar):
                return "Sidecar \(q(sidecar)) shares no volume with \(q(main)): it has nothing to work on."
            case .mainCannotWrite(let main, let volume):
                return "\(q(main)) mounts \(q(volume)) read-only and cannot write there."
            case .sidecarReadsElsewhere(let sidecar, let paths):
                return "Sidecar \(q(sidecar)) reads \(paths.joined(separator: ", ")), not from the shared volume."
            case .sidecarTakesPort(let sidecar, let port):
                return "Sidecar \(q(sidecar)) takes the main container's port \(port)."
            case .sidecarOK(let main, let sidecar, let volume):
                return "Sidecar \(q(sidecar)) works on \(q(main))'s data through shared volume \(q(volume))."
            }
        }
    }
}
