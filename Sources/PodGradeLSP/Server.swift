import PodGradeCore
import PodGradeYAML

/// `podgrade lsp`: the Language Server Protocol 3.17 over a byte stream.
/// One actor owns every piece of state; grading runs off it, in a task that
/// a newer edit cancels, and publishes only if no edit came meanwhile.
public actor LanguageServer {
    enum Phase { case uninitialized, running, shuttingDown }

    private var options: ServerOptions
    private let sink: any MessageSink
    private var phase = Phase.uninitialized
    private var exitCode: Int32?
    private var grader: Grader
    private var roots: [String] = []
    private var documents: [String: TextDocument] = [:]

    // Grading state, by workspace root.
    private var dirty: [String: Set<String>] = [:]
    private var membership: [String: [String: Set<String>]] = [:]
    private var results: [String: [String: ExerciseResult]] = [:]
    /// root → path → exercise → the diagnostics that exercise gave the file.
    private var published: [String: [String: [String: [JSON]]]] = [:]
    private var disk: [String: (snapshot: SourceSnapshot, read: ContinuousClock.Instant)] = [:]
    private var generation = 0
    private var pending: Task<Void, Never>?
    /// Gradings published since start (for tests and the benchmark).
    public private(set) var gradings = 0

    public init(options: ServerOptions, sink: any MessageSink) {
        self.options = options
        self.sink = sink
        self.grader = Grader(lab: options.lab, limits: options.limits.yaml)
    }

    /// Serves until `exit` or the end of the input; the process's exit status
    /// (0 after `shutdown`, 1 otherwise, as the specification says).
    public func run(input: AsyncStream<[UInt8]>) async -> Int32 {
        var parser = FrameParser(maxLength: options.maxFrameLength)
        for await chunk in input {
            for event in parser.feed(chunk) {
                switch event {
                case .message(let body): await handle(body)
                case .error(let error):
                    options.log("framing: " + error.message)
                    await sendError(id: .null, .parseError, error.message)
                }
                if let exitCode { return finish(exitCode) }
            }
        }
        if parser.pendingBytes > 0 { options.log("end of input inside a frame (\(parser.pendingBytes) bytes)") }
        return finish(phase == .shuttingDown ? 0 : 1)
    }

    private func finish(_ code: Int32) -> Int32 {
        pending?.cancel()
        pending = nil
        return code
    }

    // MARK: - Messages

    func handle(_ body: [UInt8]) async {
        let message: JSON
        do {
            message = try JSON.parse(body)
        } catch {
            options.log("malformed JSON at byte \(error.offset): \(error.message)")
            await sendError(id: .null, .parseError, "malformed JSON at byte \(error.offset): \(error.message)")
            return
        }
        guard let object = message.object else {
            await sendError(id: .null, .invalidRequest, "a message must be a JSON object (batches are not part of LSP)")
            return
        }
        let id = object["id"]
        if let id, !(id.string != nil || id.int != nil || id.isNull) {
            await sendError(id: .null, .invalidRequest, "id must be a number or a string")
            return
        }
        guard let method = object["method"]?.string else {
            // A response to a request of ours (none are sent but showMessage notifications): ignored.
            if id == nil || object["result"] == nil && object["error"] == nil {
                await sendError(id: id ?? .null, .invalidRequest, "a message needs a method")
            }
            return
        }
        let params = object["params"] ?? .null
        if let id {
            await request(id: id, method: method, params: params)
        } else {
            await notification(method: method, params: params)
        }
    }

    private func request(id: JSON, method: String, params: JSON) async {
        switch phase {
        case .uninitialized where method != "initialize":
            await sendError(id: id, .serverNotInitialized, "the server is not initialized: send initialize first")
            return
        case .shuttingDown:
            await sendError(id: id, .invalidRequest, "the server is shutting down: only exit is accepted")
            return
        case .running where method == "initialize":
            await sendError(id: id, .invalidRequest, "initialize was already received")
            return
        default: break
        }
        switch method {
        case "initialize":
            await send(["jsonrpc": "2.0", "id": id, "result": initialize(params)])
            // Problems with the initialization options, once the client knows the server.
            for message in pendingMessages { await showMessage(message) }
            pendingMessages = []
        case "shutdown":
            phase = .shuttingDown
            pending?.cancel()
            await send(["jsonrpc": "2.0", "id": id, "result": .null])
        case "textDocument/hover":
            await send(["jsonrpc": "2.0", "id": id, "result": hover(params)])
        case "textDocument/codeAction":
            await send(["jsonrpc": "2.0", "id": id, "result": codeActions(params)])
        default:
            await sendError(id: id, .methodNotFound, "unknown method \(method)")
        }
    }

    private func notification(method: String, params: JSON) async {
        if method == "exit" {
            exitCode = phase == .shuttingDown ? 0 : 1
            return
        }
        guard phase == .running else { return }
        switch method {
        case "textDocument/didOpen":
            guard let item = params["textDocument"], let uri = item["uri"]?.string, let text = item["text"]?.string else { return }
            documents[uri] = TextDocument(uri: uri, version: item["version"]?.int ?? 0, text: text)
            changed(uri)
        case "textDocument/didChange":
            guard let uri = params["textDocument"]?["uri"]?.string, var document = documents[uri] else { return }
            document.apply(params["contentChanges"]?.array ?? [])
            document.version = params["textDocument"]?["version"]?.int ?? document.version + 1
            documents[uri] = document
            changed(uri)
        case "textDocument/didSave":
            guard let uri = params["textDocument"]?["uri"]?.string else { return }
            if let text = params["text"]?.string { documents[uri]?.text = text }
            if let (root, _) = locate(uri) { disk[root] = nil }
            changed(uri)
        case "textDocument/didClose":
            guard let uri = params["textDocument"]?["uri"]?.string else { return }
            documents[uri] = nil
            changed(uri)
        case "workspace/didChangeConfiguration":
            await configure(params["settings"] ?? .null)
            regradeAll()
        case "workspace/didChangeWatchedFiles":
            disk = [:]
            regradeAll()
        case "workspace/didChangeWorkspaceFolders":
            for folder in params["event"]?["removed"]?.array ?? [] {
                if let path = folder["uri"]?.string.flatMap(FileURI.path) { roots.removeAll { $0 == path } }
            }
            for folder in params["event"]?["added"]?.array ?? [] {
                if let path = folder["uri"]?.string.flatMap(FileURI.path) { roots.append(path) }
            }
        default:
            break // initialized, $/cancelRequest, $/setTrace and unknown notifications
        }
    }

    private func initialize(_ params: JSON) -> JSON {
        for folder in params["workspaceFolders"]?.array ?? [] {
            if let path = folder["uri"]?.string.flatMap(FileURI.path) { roots.append(path) }
        }
        if roots.isEmpty, let path = params["rootUri"]?.string.flatMap(FileURI.path) ?? params["rootPath"]?.string {
            roots.append(path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path)
        }
        phase = .running
        let problems = applySettings(params["initializationOptions"] ?? .null)
        for problem in problems { options.log(problem) }
        pendingMessages += problems
        return [
            "capabilities": [
                "positionEncoding": "utf-16",
                "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": false]],
                "hoverProvider": true,
                "codeActionProvider": ["codeActionKinds": ["quickfix"]],
            ],
            "serverInfo": ["name": "podgrade", "version": .string(PodGrade.version)],
        ]
    }

    private var pendingMessages: [String] = []

    /// `{"podgrade": {"lang": "en", "exercises": "/course"}}` (or the inner object alone).
    private func configure(_ settings: JSON) async {
        for problem in applySettings(settings) {
            options.log(problem)
            await showMessage(problem)
        }
    }

    private func applySettings(_ settings: JSON) -> [String] {
        let values = settings["podgrade"] ?? settings
        var problems: [String] = []
        if let text = values["lang"]?.string {
            if let lang = Lang(rawValue: text.lowercased()) {
                options.lang = lang
            } else {
                problems.append("unknown language '\(text)': use ru or en")
            }
        }
        if let folder = values["exercises"]?.string, !folder.isEmpty {
            do {
                let lab = Lab.load(try Lab.files(inDirectory: folder))
                if lab.exercises.isEmpty {
                    problems.append("\(folder): no exercise found (each needs <slug>/spec.yaml)")
                } else {
                    options.lab = lab
                }
            } catch {
                problems.append("cannot read exercises folder: \(error.message)")
            }
        }
        grader = Grader(lab: options.lab, limits: options.limits.yaml)
        return problems
    }

    // MARK: - Grading

    /// The workspace root a document belongs to and its path there.
    private func locate(_ uri: String) -> (root: String, path: String)? {
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

    private func changed(_ uri: String) {
        guard let (root, path) = locate(uri) else { return }
        dirty[root, default: []].insert(path)
        schedule()
    }

    private func regradeAll() {
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
    private func schedule() {
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

    private func grade(generation current: Int) async {
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

    private func publish(_ outcome: GradingOutcome, root: String, buffers: [String: String]) async {
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

    // MARK: - Hover and code actions

    private func exerciseContext(_ uri: String) -> (path: String, exercises: [Exercise], results: [ExerciseResult])? {
        guard let (root, path) = locate(uri) else { return nil }
        var ids = membership[root]?[path] ?? []
        let folders = path.split(separator: "/").dropLast().map(String.init)
        for exercise in options.lab.exercises where folders.contains(exercise.id) { ids.insert(exercise.id) }
        let exercises = options.lab.exercises.filter { ids.contains($0.id) }
        return (path, exercises, exercises.compactMap { results[root]?[$0.id] })
    }

    private func hover(_ params: JSON) -> JSON {
        guard let uri = params["textDocument"]?["uri"]?.string, let document = documents[uri],
              let position = Position(params["position"]), let context = exerciseContext(uri) else { return .null }
        let table = LineTable(document.text)
        let mark = table.mark(position)
        let yaml = YAMLReader.read(document.text, limits: options.limits.yaml)
        guard let text = Hover.markdown(yaml: yaml, line: mark.line, column: mark.column, exercises: context.exercises,
                                        results: context.results, file: context.path, lang: options.lang) else { return .null }
        return ["contents": ["kind": "markdown", "value": .string(text)]]
    }

    private func codeActions(_ params: JSON) -> JSON {
        guard let uri = params["textDocument"]?["uri"]?.string, let document = documents[uri],
              let range = Range(params["range"]), let context = exerciseContext(uri) else { return .array([]) }
        let fixes = CodeActions.fixes(text: document.text, path: context.path, range: range, results: context.results,
                                      lang: options.lang, limits: options.limits.yaml)
        let diagnostics = params["context"]?["diagnostics"]?.array ?? []
        return .array(fixes.map { fix in
            let matching = diagnostics.filter { $0["code"]?.string == fix.rule && Range($0["range"]).map { $0.contains(line: fix.line) } == true }
            var action: [String: JSON] = [
                "title": .string(fix.title),
                "kind": "quickfix",
                "isPreferred": true,
                "edit": ["changes": .object([uri: [fix.edit.json]])],
            ]
            if !matching.isEmpty { action["diagnostics"] = .array(matching) }
            return .object(action)
        })
    }

    // MARK: - Output

    private func send(_ message: JSON) async {
        await sink.send(message)
    }

    private func sendError(id: JSON, _ code: ErrorCode, _ message: String) async {
        await send(["jsonrpc": "2.0", "id": id, "error": ["code": .int(code.rawValue), "message": .string(message)]])
    }

    private func showMessage(_ text: String) async {
        await send(["jsonrpc": "2.0", "method": "window/showMessage", "params": ["type": 1, "message": .string("podgrade: " + text)]])
    }
}
