import PodGradeCore
import PodGradeYAML

extension LanguageServer {
    // MARK: - Grading

    /// The workspace root a document belongs to and its path there.
    func locate(_ uri: String) -> (root: String, path: String)? {
        guard let path = FileURI.path(uri) else { return nil }
        for root in roots.sorted(by: { $0.count > $1.count }) {
            let prefix = root == "/" ? "/" : root + "/"
            if path.hasPrefix(prefix) { return (root, String(path.dropFirst(prefix.count))) }
        }
        // Outside every workspace folder: the file's folder, or its parent when
        // the folder is named after an exercise.
        // Never the file system's root: walking it is no learner's repository.
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let name = parts.popLast(), !parts.isEmpty else { return nil }
        if let folder = parts.last, options.lab.exercise(folder) != nil, parts.count > 1 {
            parts.removeLast()
            return ("/" + parts.joined(separator: "/"), folder + "/" + name)
        }
        return ("/" + parts.joined(separator: "/"), name)
    }

    func changed(_ uri: String) {
        guard let (root, path) = locate(uri) else { return }
        dirty[root, default: []].insert(path)
        schedule()
    }

    func regradeAll() {
        for uri in documents.keys {
            if let (root, path) = locate(uri) { dirty[root, default: []].insert(path) }
        }
        for (root, files) in membership {
            dirty[root, default: []].formUnion(files.keys)
        }
        schedule()
    }

    /// A newer edit cancels the older grading: the pending task is cancelled
    /// (while it waits, or its result is dropped after) and a new one waits
    /// the debounce time.
    func schedule() {
        generation += 1
        pending?.cancel()
        let current = generation
        let delay = options.debounce
        pending = Task {
            do {
                try await Task.sleep(for: delay)
            } catch {
                return
            }
            await self.grade(generation: current)
        }
    }

    func grade(generation current: Int) async {
        guard current == generation, phase == .running else { return }
        let now = ContinuousClock.now
        for (root, changed) in dirty where !changed.isEmpty {
            var buffers: [String: String] = [:]
            for (uri, document) in documents {
                if let (docRoot, path) = locate(uri), docRoot == root { buffers[path] = document.text }
            }
            let cached = disk[root].flatMap { now - $0.read < options.diskCacheLifetime ? $0.snapshot : nil }
            let job = GradingJob(root: root, buffers: buffers, changed: changed, membership: membership[root] ?? [:],
                                 grader: grader, sourceLimits: options.limits.source, disk: cached)
            let outcome = await Task.detached { GradingEngine.run(job) }.value
            // An edit came while grading: this result is stale, the newer task grades again.
            guard current == generation, !Task.isCancelled else { return }
            if let problem = outcome.problem { options.log(problem) }
            if cached == nil, let snapshot = outcome.disk { disk[root] = (snapshot, now) }
            dirty[root] = nil
            await publish(outcome, root: root, buffers: buffers)
        }
        gradings += 1
    }

    func publish(_ outcome: GradingOutcome, root: String, buffers: [String: String]) async {
        let uris = Dictionary(documents.keys.compactMap { uri in locate(uri).flatMap { $0.root == root ? ($0.path, uri) : nil } },
                              uniquingKeysWith: { first, _ in first })
        let uriOf: (String) -> String = { path in uris[path] ?? FileURI.uri(root == "/" ? "/" + path : root + "/" + path) }
        var touched = Set<String>()
        var rootPublished = published[root] ?? [:]
        var rootMembership = membership[root] ?? [:]
        for graded in outcome.exercises {
            let id = graded.result.id
            results[root, default: [:]][id] = graded.result
            let byFile = DiagnosticsBuilder.diagnostics(graded, lang: options.lang, uri: uriOf)
            for (path, exercises) in rootPublished where exercises[id] != nil && byFile[path] == nil {
                rootPublished[path]?[id] = nil
                touched.insert(path)
            }
            for (path, exercises) in rootMembership where exercises.contains(id) && !graded.result.files.contains(path) {
                rootMembership[path]?.remove(id)
            }
            for (path, diagnostics) in byFile {
                rootPublished[path, default: [:]][id] = diagnostics
                touched.insert(path)
            }
            for path in graded.result.files { rootMembership[path, default: []].insert(id) }
        }
        published[root] = rootPublished
        membership[root] = rootMembership
        for path in touched.sorted() {
            let byExercise = rootPublished[path] ?? [:]
            let diagnostics = byExercise.keys.sorted().flatMap { byExercise[$0] ?? [] }
            let uri = uriOf(path)
            var params: [String: JSON] = ["uri": .string(uri), "diagnostics": .array(diagnostics)]
            if let version = documents[uri]?.version { params["version"] = .int(Int64(version)) }
            await send(["jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": .object(params)])
        }
    }
}
