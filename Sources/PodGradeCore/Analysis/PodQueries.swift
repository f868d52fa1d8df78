public import PodGradeKubernetes

/// Questions several rules ask of a pod: who declares a port, which volumes
/// two containers share.
public enum PodQueries {
    /// Long-lived containers (app containers and native sidecars) declaring `port`.
    public static func declarers(of port: Int, in pod: PodSpec) -> [Container] {
        pod.longLivedContainers.filter { container in
            container.ports.contains { $0.containerPort?.value == Int64(port) }
        }
    }

    public static func declares(_ container: Container, _ port: Int) -> Bool {
        container.ports.contains { $0.containerPort?.value == Int64(port) }
    }

    /// Volume names mounted by both containers.
    public static func sharedVolumes(_ a: Container, _ b: Container) -> [String] {
        let bNames = Set(b.volumeMounts.compactMap { $0.name?.value })
        var seen = Set<String>()
        return a.volumeMounts.compactMap { $0.name?.value }.filter { bNames.contains($0) && seen.insert($0).inserted }
    }

    public static func mounts(of volume: String, in container: Container) -> [VolumeMount] {
        container.volumeMounts.filter { $0.name?.value == volume }
    }
}
