import PodGradeYAML
import PodGradeKubernetes

/// `sidecar.native`: an initContainer with restartPolicy: Always sharing a volume with main.
struct SidecarNativeRule: Rule {
    let id = "sidecar.native"
    let doc = RuleDoc(
        title: LocalizedText(ru: "Нативный sidecar", en: "A native sidecar"),
        explanation: LocalizedText(
            ru: "С Kubernetes 1.29 sidecar можно объявить в initContainers с restartPolicy: Always: он запускается до основных контейнеров, работает всё время жизни POD и останавливается после них. Он делит volume с основным контейнером, как и обычный sidecar. Типичная ошибка: initContainer без restartPolicy: Always — это обычный init-контейнер, POD ждёт его завершения (nativeSidecarNoRestartPolicy).",
            en: "Since Kubernetes 1.29 a sidecar can be declared in initContainers with restartPolicy: Always: it starts before the app containers, runs for the pod's whole life and stops after them. Like any sidecar, it shares a volume with main. A common mistake: an initContainer without restartPolicy: Always is a plain init container the pod waits for (nativeSidecarNoRestartPolicy)."),
        section: "Паттерны проектирования много-контейнерных PODs")
    /// The check's parameters in spec.yaml (`params:`); an optional one may be left out.
    struct Parameters: RuleParameters {
        let main: String
        let sidecar: String
        let volume: String?
    }

    let examples = [
        RuleExample.passes(RuleExample.podHeader + "spec:\n  initContainers:\n  - name: shipper\n    image: busybox\n    restartPolicy: Always\n    command: [sh, -c, 'tail -F /logs/app.log']\n    volumeMounts: [{name: logs, mountPath: /logs}]\n  containers:\n  - name: app\n    image: busybox\n    command: [sh, -c, 'while true; do date >> /logs/app.log; sleep 1; done']\n    volumeMounts: [{name: logs, mountPath: /logs}]\n  volumes:\n  - name: logs\n    emptyDir: {}\n",
                    params: "{main: app, sidecar: shipper, volume: logs}"),
        RuleExample.fails(RuleExample.podHeader + "spec:\n  initContainers:\n  - name: ↓shipper\n    image: busybox\n    command: [sh, -c, 'tail -F /logs/app.log']\n    volumeMounts: [{name: logs, mountPath: /logs}]\n  containers:\n  - name: app\n    image: busybox\n    volumeMounts: [{name: logs, mountPath: /logs}]\n  volumes:\n  - name: logs\n    emptyDir: {}\n",
                    params: "{main: app, sidecar: shipper}", key: "nativeSidecarNoRestartPolicy"),
    ]

    func check(_ context: CheckContext, _ params: Parameters) throws(RuleStop) -> Outcome {
        let (main, sidecar) = try Roles.pair(context, params.main, params.sidecar)
        var findings: [Finding] = []
        if sidecar.role == .app {
            findings.append(Roles.anchor(context, Message.nativeSidecarIsAppContainer(sidecar: sidecar.displayName), sidecar))
        } else if !sidecar.isNativeSidecar {
            let neverEnds = context.processModel?.container(sidecar.displayName)?.lifecycle.keepsRunning ?? false
            findings.append(sidecar.restartPolicy.map { context.finding(Message.nativeSidecarRestartPolicy(sidecar: sidecar.displayName, found: $0.value), $0) }
                            ?? Roles.anchor(context, Message.nativeSidecarNoRestartPolicy(sidecar: sidecar.displayName, neverEnds: neverEnds), sidecar))
        }
        let shared = context.processModel?.sharedVolumes(main.displayName, sidecar.displayName) ?? PodQueries.sharedVolumes(main, sidecar)
        let asked = params.volume.flatMap { context.pod?.volume(named: $0) == nil ? nil : $0 }
        if shared.isEmpty || (asked.map { !shared.contains($0) } ?? false) {
            findings.append(Roles.anchor(context, Message.nativeSidecarNoVolume(main: main.displayName, sidecar: sidecar.displayName), sidecar))
        }
        return findings.isEmpty ? .pass(Message.nativeSidecarOK(sidecar: sidecar.displayName)) : .fail(findings)
    }
}

extension SidecarNativeRule {
    /// One value of every message: `explain`, SARIF and the catalogue test render them.
    var messageSamples: [Message] {
        [
            .nativeSidecarIsAppContainer(sidecar: "shipper"),
            .nativeSidecarRestartPolicy(sidecar: "shipper", found: "OnFailure"),
            .nativeSidecarNoRestartPolicy(sidecar: "shipper", neverEnds: true),
            .nativeSidecarNoRestartPolicy(sidecar: "shipper", neverEnds: false),
            .nativeSidecarNoVolume(main: "app", sidecar: "shipper"),
            .nativeSidecarOK(sidecar: "shipper"),
        ]
    }

    /// What `sidecar.native` says, in every language.
    enum Message: RuleMessage {
        case nativeSidecarIsAppContainer(sidecar: String)
        case nativeSidecarRestartPolicy(sidecar: String, found: String?)
        /// No restartPolicy at all: a plain init container (the Pod waits for it; forever if it never ends).
        case nativeSidecarNoRestartPolicy(sidecar: String, neverEnds: Bool)
        case nativeSidecarNoVolume(main: String, sidecar: String)
        case nativeSidecarOK(sidecar: String)

        var russian: String {
            let q = Russian.quote
            switch self {
            case .nativeSidecarIsAppContainer(let sidecar):
                return "\(q(sidecar)) объявлен в containers; нативный sidecar объявляется в initContainers с restartPolicy: Always."
            case .nativeSidecarRestartPolicy(let sidecar, let found):
                return found.map { "У initContainer \(q(sidecar)) restartPolicy: \($0), а нужно Always." }
                    ?? "У initContainer \(q(sidecar)) нет restartPolicy: Always — без него это обычный init-контейнер, и POD не запустится, пока он не завершится."
            case .nativeSidecarNoRestartPolicy(let sidecar, let neverEnds):
                return "У initContainer \(q(sidecar)) нет restartPolicy: Always — без него это обычный init-контейнер: POD ждёт его завершения"
                    + (neverEnds ? ", а его команда не завершается никогда, так что основные контейнеры так и не запустятся." : ", и он не работает рядом с основными контейнерами.")
            case .nativeSidecarNoVolume(let main, let sidecar):
                return "Нативный sidecar \(q(sidecar)) не делит volume с \(q(main))."
            case .nativeSidecarOK(let sidecar):
                return "\(q(sidecar)) — нативный sidecar (initContainer с restartPolicy: Always)."
            }
        }

        var english: String {
            let q = English.quote
            switch self {
            case .nativeSidecarIsAppContainer(let sidecar):
                return "\(q(sidecar)) is listed in containers; a native sidecar is an initContainer with restartPolicy: Always."
            case .nativeSidecarRestartPolicy(let sidecar, let found):
                return found.map { "initContainer \(q(sidecar)) has restartPolicy: \($0) but needs Always." }
                    ?? "initContainer \(q(sidecar)) lacks restartPolicy: Always — without it, it is a plain init container and the pod waits for it to exit."
            case .nativeSidecarNoRestartPolicy(let sidecar, let neverEnds):
                return "initContainer \(q(sidecar)) lacks restartPolicy: Always — without it, it is a plain init container the pod waits for"
                    + (neverEnds ? ", and its command never ends, so the app containers never start." : ", and it does not run beside the app containers.")
            case .nativeSidecarNoVolume(let main, let sidecar):
                return "Native sidecar \(q(sidecar)) shares no volume with \(q(main))."
            case .nativeSidecarOK(let sidecar):
                return "\(q(sidecar)) is a native sidecar (an initContainer with restartPolicy: Always)."
            }
        }
    }
}
