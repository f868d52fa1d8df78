import PodGradeCore
import PodGradeYAML

/// `podgrade lsp`: the Language Server Protocol 3.17 over a byte stream.
/// One actor owns every piece of state; grading runs off it, in a task that
/// a newer edit cancels, and publishes only if no edit came meanwhile.
public actor LanguageServer {
    enum Phase { case uninitialized, running, shuttingDown }

    var options: ServerOptions
    let sink: any MessageSink
    var phase = Phase.uninitialized
    var exitCode: Int32?
    var grader: Grader
    var roots: [String] = []
    var documents: [String: TextDocument] = [:]

    // Grading state, by workspace root.
    var dirty: [String: Set<String>] = [:]
    var membership: [String: [String: Set<String>]] = [:]
    var results: [String: [String: ExerciseResult]] = [:]
    /// root → path → exercise → the diagnostics that exercise gave the file.
    var published: [String: [String: [String: [JSON]]]] = [:]
    var disk: [String: (snapshot: SourceSnapshot, read: ContinuousClock.Instant)] = [:]
    var generation = 0
    var pending: Task<Void, Never>?
    /// Gradings published since start (for tests and the benchmark).
    public internal(set) var gradings = 0

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

    func finish(_ code: Int32) -> Int32 {
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

    func request(id: JSON, method: String, params: JSON) async {
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

    func notification(method: String, params: JSON) async {
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

    func initialize(_ params: JSON) -> JSON {
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

    var pendingMessages: [String] = []

    /// `{"podgrade": {"lang": "en", "exercises": "/course"}}` (or the inner object alone).
    func configure(_ settings: JSON) async {
        for problem in applySettings(settings) {
            options.log(problem)
            await showMessage(problem)
        }
    }

    func applySettings(_ settings: JSON) -> [String] {
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

    // MARK: - Output

    func send(_ message: JSON) async {
        await sink.send(message)
    }

    func sendError(id: JSON, _ code: ErrorCode, _ message: String) async {
        await send(["jsonrpc": "2.0", "id": id, "error": ["code": .int(code.rawValue), "message": .string(message)]])
    }

    func showMessage(_ text: String) async {
        await send(["jsonrpc": "2.0", "method": "window/showMessage", "params": ["type": 1, "message": .string("podgrade: " + text)]])
    }
}
