import PodGradeKubernetes

/// Helpers the pattern rules share: they are built from the volume, flow and
/// network analyses rather than beside them.
enum Roles {
    static func pair(_ context: CheckContext, _ a: String, _ b: String) throws(RuleStop) -> (Container, Container) {
        (try context.container(a), try context.container(b))
    }

    /// Shared volumes where `main` can write (a writable mount).
    static func writableShared(_ main: Container, _ helper: Container) -> [String] {
        PodQueries.sharedVolumes(main, helper).filter { volume in
            PodQueries.mounts(of: volume, in: main).contains { !$0.isReadOnly }
        }
    }

    /// Whether `reader` reads, on a shared volume, something `writer` writes there (or,
    /// when either side's files are unknown, simply mounts a volume `writer` can write).
    static func consumes(_ reader: Container, from writer: Container) -> (ok: Bool, volume: String?, readsElsewhere: [String]) {
        let shared = writableShared(writer, reader)
        guard !shared.isEmpty else { return (false, nil, []) }
        let reads = FileAccesses.of(reader).filter { $0.kind == .read }
        let readPlaces = FileAccesses.places(reads, in: reader).filter { shared.contains($0.1.volume) }
        if reads.isEmpty { return (true, shared[0], []) }
        guard !readPlaces.isEmpty else { return (false, shared[0], reads.map(\.path)) }
        let writePlaces = FileAccesses.places(.write, of: writer)
        if writePlaces.isEmpty { return (true, readPlaces[0].1.volume, []) }
        for (_, written) in writePlaces {
            for (_, read) in readPlaces where read.volume == written.volume && Paths.read(read.relative, covers: written.relative) {
                return (true, written.volume, [])
            }
        }
        // Both sides known but not the same file: still the same volume counts for a sidecar.
        return (true, readPlaces[0].1.volume, [])
    }

    static func anchor(_ context: CheckContext, _ message: any RuleMessage, _ container: Container) -> Finding {
        context.finding(message, mark: container.nameMark, path: container.name?.path ?? container.path)
    }
}
