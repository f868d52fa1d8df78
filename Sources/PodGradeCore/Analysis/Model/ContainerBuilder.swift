import PodGradeKubernetes

/// Builds one container's part of the model: its process, files, listeners, connections.
struct ContainerBuilder {
    let container: ModelContainer
    let files: [FileFact]
    let listeners: [Listener]
    /// (host, port, via, text, source, script line), not yet classified.
    let connections: [(String, Int?, String, String, Located<String>, Int?)]

    /// Kubernetes' own expansion of `$(VAR)` in command, args and env values, from the
    /// variables defined before: `$$` is a literal `$`, an unknown `$(VAR)` stays as written.
    static func kubernetesExpand(_ text: String, _ env: [String: String]) -> String {
        // Most texts hold neither `$(` nor `$$`: nothing to do (the bytes scanned in place).
        let needed = text.withUTF8Bytes { bytes in
            var previousDollar = false
            for b in bytes {
                if previousDollar, b == UInt8(ascii: "(") || b == UInt8(ascii: "$") { return true }
                previousDollar = b == UInt8(ascii: "$")
            }
            return false
        }
        guard needed else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "$"), i + 1 < bytes.count {
                if bytes[i + 1] == UInt8(ascii: "$") { out.append(c); i += 2; continue }
                if bytes[i + 1] == UInt8(ascii: "("), let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: ")")),
                   let value = env[String(decoding: bytes[(i + 2)..<close], as: UTF8.self)] {
                    out += value.utf8
                    i = close + 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `processesOnly`: the process and its lifecycle alone, no files, ports or connections
    /// (what `container.long-running` needs, at about half the cost).
    init(_ spec: Container, processesOnly: Bool = false) {
        let name = spec.displayName
        let kind: ModelContainer.Kind = spec.role == .app ? .app : (spec.isNativeSidecar ? .nativeSidecar : .initContainer)
        let defaults = ImageFamilies.defaults(of: spec.image?.value)
        let family = defaults?.family
        let imageSource = spec.image ?? Located(name, path: spec.path, mark: spec.mark)

        // Environment: literal values, each expanded from those before it.
        var env: [String: String] = [:]
        var envValues: [(name: String, value: Located<String>)] = []
        for variable in spec.env {
            guard let n = variable.name?.value else { continue }
            if let value = variable.value {
                let expanded = Self.kubernetesExpand(value.value, env)
                env[n] = expanded
                envValues.append((n, Located(expanded, path: value.path, mark: value.mark)))
            } else {
                env[n] = nil
            }
        }

        // The command line.
        let command = (spec.command ?? []).map { Located(Self.kubernetesExpand($0.value, env), path: $0.path, mark: $0.mark) }
        let args = (spec.args ?? []).map { Located(Self.kubernetesExpand($0.value, env), path: $0.path, mark: $0.mark) }
        var argv: [Located<String>]
        let origin: PodProcess.Origin
        if spec.command != nil, !command.isEmpty || !args.isEmpty {
            argv = command + args
            origin = .command
        } else if !args.isEmpty {
            origin = .args
            if let defaults, !defaults.entrypoint.isEmpty {
                argv = defaults.entrypoint.map { Located($0, path: imageSource.path, mark: imageSource.mark) } + args
            } else if let program = defaults?.dashArgsProgram, args[0].value.hasPrefix("-") {
                argv = [Located(program, path: imageSource.path, mark: imageSource.mark)] + args
            } else if defaults == nil, args[0].value.hasPrefix("-") {
                // An unknown image's entrypoint, given flags: name it after the image.
                let program = spec.image.flatMap { ImageReference($0.value)?.shortName } ?? name
                argv = [Located(program, path: imageSource.path, mark: imageSource.mark)] + args
            } else {
                argv = args
            }
        } else if let defaults {
            origin = .imageDefault
            argv = (defaults.entrypoint + defaults.defaultCommand).map { Located($0, path: imageSource.path, mark: imageSource.mark) }
        } else {
            origin = .unknownImage
            argv = []
        }

        // Run it.
        var script: String?
        var source = argv.first ?? imageSource
        var run: ShellRun
        var outcome: ScriptOutcome
        if let first = argv.first?.value, Shell.shells.contains(ScriptCommand.baseName(first)),
           let k = argv.firstIndex(where: { $0.value == "-c" || ($0.value.hasPrefix("-") && !$0.value.hasPrefix("--") && $0.value.utf8.contains(UInt8(ascii: "c"))) }),
           k > 0, k + 1 < argv.count {
            script = argv[k + 1].value
            source = argv[k + 1]
            var variables = env
            for (n, extra) in argv.dropFirst(k + 2).enumerated() { variables[String(n)] = extra.value }
            run = ShellRun(variables: variables, source: source)
            outcome = run.run(argv[k + 1].value)
        } else if !argv.isEmpty {
            run = ShellRun(variables: env, source: source)
            let words = argv.map { ShellWord(parts: [.literal($0.value, quoted: true)]) }
            outcome = run.run(.simple(ShellSimpleCommand(assignments: [], words: words, redirections: [])), ShellRun.Context())
        } else {
            run = ShellRun(variables: env, source: source)
            outcome = .unknown(.imageDefault(image: spec.image?.value ?? ""))
        }
        let commands = run.commands

        var lifecycle = Lifecycle(outcome)
        if origin == .imageDefault, let family {
            lifecycle = family.isShell ? .ends(.shellWithoutCommand(image: spec.image?.value ?? family.name))
                                       : .keepsRunning(.imageProcess(family: family.name))
        } else if origin == .unknownImage {
            lifecycle = .unknown(.imageDefault(image: spec.image?.value ?? ""))
        } else if origin == .args, defaults == nil, let first = args.first?.value, first.hasPrefix("-") {
            lifecycle = .unknown(.imageDefault(image: spec.image?.value ?? ""))
        } else if origin == .args, let family, !family.isShell, case .unknown = lifecycle {
            lifecycle = .keepsRunning(.imageProcess(family: family.name))
        }

        /// The script line of a command, when the process is a script.
        func scriptLine(_ c: ScriptCommand) -> Int? { script == nil ? nil : c.line }

        /// The argv element holding a text, for pointing at it.
        func locate(_ text: String, _ fallback: Located<String>) -> Located<String> {
            guard script == nil, !text.isEmpty else { return fallback }
            return argv.first { $0.path != imageSource.path && Programs.contains($0.value, text) } ?? fallback
        }

        let process = PodProcess(origin: origin, argv: argv.map(\.value), script: script, commands: commands, source: source)
        self.container = ModelContainer(name: name, kind: kind, spec: spec, family: family, process: process, lifecycle: lifecycle)
        guard !processesOnly else {
            self.files = []
            self.listeners = []
            self.connections = []
            return
        }

        // Files.
        var facts: [FileFact] = []
        var seenFiles = RecordedKeys<FileKey>()
        let workingDirectory = spec.workingDir?.value
        let mounts = Paths.MountTable(spec)
        func addFile(_ kind: FileFact.Kind, _ path: String, via: String, source: Located<String>, directory: String? = nil,
                     implicit: Bool = false, line: Int? = nil) {
            var absolute = path
            guard !path.hasPrefix("/dev/"), !path.hasPrefix("/proc/"), path != "/dev/null" else { return }
            if !absolute.hasPrefix("/"), !absolute.hasPrefix("$") { absolute = (directory ?? workingDirectory ?? "/") + "/" + absolute }
            // Normalizing drops or keeps whole components: it never adds nor removes a `$`.
            let symbolic = Paths.holdsVariable(absolute)
            if !symbolic { absolute = Paths.normalize(absolute) }
            guard seenFiles.insert(FileKey(kind: kind, path: absolute)) else { return }
            let resolved = symbolic ? nil : mounts.resolve(normalized: absolute)
            facts.append(FileFact(container: name, kind: kind, path: absolute, place: resolved?.place, mount: resolved?.mount,
                                  isStdout: false, via: via, source: source, isImplicit: implicit,
                                  scriptLine: line, isSymbolic: symbolic))
        }
        var printsToStdout: (String, Located<String>, Int?)?
        var written: [String: String] = [:]
        for c in commands {
            for (k, path, via) in Programs.files(of: c, workingDirectory: workingDirectory) {
                guard !path.isEmpty, !path.hasPrefix("-") else { continue }
                let implicit = via == "nginx"
                addFile(k == .write ? .write : (k == .create ? .create : .read), path, via: via,
                        source: implicit && origin == .imageDefault ? imageSource : locate(path, c.source),
                        directory: c.directory, implicit: implicit, line: implicit ? nil : scriptLine(c))
            }
            if c.output == .stdout, Programs.prints(c), printsToStdout == nil, let program = c.program {
                printsToStdout = (program, c.source, scriptLine(c))
            }
            // What a script writes into a file with echo/printf/cat <<EOF, for `envoy -c FILE`.
            if case .file(let path) = c.output, let program = c.program {
                if program == "echo" || program == "printf" {
                    written[path] = c.arguments.filter { !$0.hasPrefix("-") }.joined(separator: " ")
                } else if program == "cat", case .text(let body) = c.input {
                    written[path] = body
                }
            }
        }
        if let (program, source, line) = printsToStdout {
            facts.append(FileFact(container: name, kind: .write, path: "", place: nil, mount: nil, isStdout: true, via: program, source: source,
                                  isImplicit: false, scriptLine: line, isSymbolic: false))
        }
        if let defaults, origin == .imageDefault || origin == .args {
            for path in defaults.writes { addFile(.write, path, via: defaults.family.name, source: imageSource, implicit: true) }
            for path in defaults.reads { addFile(.read, path, via: defaults.family.name, source: imageSource, implicit: true) }
        }
        let runsShipper = commands.contains { $0.traits.contains(.logShipper) }
        if (defaults?.readsMounts == true && origin != .command) || runsShipper {
            for mount in spec.volumeMounts {
                guard let path = mount.mountPath?.value else { continue }
                addFile(.read, path, via: family?.name ?? "log shipper", source: mount.mountPath ?? imageSource, implicit: true)
            }
        }

        // Listeners.
        var listens: [Listener] = []
        var seenPorts = RecordedKeys<PortKey>()
        func addListener(_ port: Int, _ address: String?, _ via: Listener.Via, _ source: Located<String>, line: Int? = nil, once: Bool = false) {
            guard seenPorts.insert(PortKey(declared: via == .declared, port: port)) else { return }
            listens.append(Listener(container: name, port: port, address: address, via: via, source: source, scriptLine: line, servesOnce: once))
        }
        for port in spec.ports {
            guard let number = port.containerPort, (1...65535).contains(number.value) else { continue }
            addListener(Int(number.value), nil, .declared, Located(String(number.value), path: number.path, mark: number.mark))
        }
        var imageListens = defaults?.listens ?? []
        // The image's start script moves its main port when told so in the environment.
        if let variable = defaults?.portVariable, !imageListens.isEmpty,
           let value = envValues.last(where: { $0.name == variable }), let port = Int(value.value.value), (1...65535).contains(port) {
            imageListens[0] = port
        }
        for c in commands {
            for (port, address, program) in Programs.listens(of: c, imageListens: imageListens) {
                let once: Bool
                if case .blocks(.serverOnce) = Programs.outcome(of: c) { once = true } else { once = false }
                addListener(port, address, .program(program), locate(String(port), c.source), line: scriptLine(c), once: once)
            }
        }

        // Connections.
        var connects: [(String, Int?, String, String, Located<String>, Int?)] = []
        for c in commands {
            for (host, port, via, text) in Programs.connects(of: c) {
                connects.append((host, port, via, text, locate(text, c.source), scriptLine(c)))
            }
        }
        for (_, value) in envValues {
            for (host, port, text) in Programs.scan(value.value) { connects.append((host, port, "env", text, value, nil)) }
        }
        connects += Self.envPairs(envValues)

        // Envoy: its inline configuration.
        let runsEnvoy = family?.name == "envoy" || commands.contains { $0.program == "envoy" }
        if runsEnvoy {
            var configs: [(String, Located<String>)] = []
            for c in commands where c.program == "envoy" {
                if let text = c.value(of: ["--config-yaml"]) { configs.append((text, locate(text, c.source))) }
                if let path = c.value(of: ["-c", "--config-path"]), let text = written[path] { configs.append((text, c.source)) }
            }
            for (_, value) in envValues where EnvoyConfig.mayBeConfig(value.value) && !configs.contains(where: { $0.0 == value.value }) {
                configs.append((value.value, value))
            }
            var found = false
            for (text, source) in configs {
                for address in EnvoyConfig.addresses(in: text) {
                    found = true
                    if address.isListener {
                        if let port = address.port { addListener(port, address.host, .envoy, source) }
                    } else {
                        connects.append((address.host, address.port, "envoy", address.host + (address.port.map { ":\($0)" } ?? ""), source, nil))
                    }
                }
            }
            if !found, origin == .imageDefault || (origin == .args && configs.isEmpty && !commands.contains { $0.value(of: ["-c", "--config-path"]) != nil }) {
                for port in imageListens { addListener(port, nil, .image(family?.name ?? "envoy"), imageSource) }
            }
        } else if origin == .imageDefault || origin == .args, let defaults, !defaults.family.isShell {
            let programs = Set(commands.compactMap(\.program))
            // The image's own ports, unless its program already told them.
            if !listens.contains(where: { if case .program(let p) = $0.via { return programs.contains(p) } else { return false } }) {
                for port in imageListens { addListener(port, nil, .image(defaults.family.name), imageSource) }
            }
        }

        self.files = facts
        self.listeners = listens
        self.connections = connects
    }

    /// A file fact already recorded: what is done to which path.
    struct FileKey: Hashable {
        let kind: FileFact.Kind
        let path: String
    }

    /// The files or ports of a container recorded so far. Most containers record a handful,
    /// and comparing a key with each costs less than hashing it: a hash set is made only past
    /// `scanLimit` of them.
    struct RecordedKeys<Key: Hashable> {
        private static var scanLimit: Int { 32 }
        private var few: [Key] = []
        private var many: Set<Key> = []

        /// Records the key; false when it was recorded already.
        mutating func insert(_ key: Key) -> Bool {
            if few.count < Self.scanLimit {
                guard !few.contains(key) else { return false }
                few.append(key)
                return true
            }
            if many.isEmpty { many = Set(few) }
            return many.insert(key).inserted
        }
    }

    /// A listener already recorded: a declared port, or one a process was found to listen on.
    struct PortKey: Hashable {
        let declared: Bool
        let port: Int
    }

    /// `DB_HOST=localhost` beside `DB_PORT=6379`; also `*_HOSTNAME`, `*_ADDR`, `*_SERVER`, and `HOST`/`PORT`.
    static func envPairs(_ env: [(name: String, value: Located<String>)]) -> [(String, Int?, String, String, Located<String>, Int?)] {
        var result: [(String, Int?, String, String, Located<String>, Int?)] = []
        for (name, value) in env {
            var prefix: Substring?
            for suffix in ["HOSTNAME", "HOST", "ADDR", "ADDRESS", "SERVER"] where name.hasSuffix(suffix) {
                prefix = name.dropLast(suffix.count); break
            }
            guard let prefix, !value.value.utf8.contains(UInt8(ascii: ":")), Programs.isHostName(value.value) || value.value.utf8.contains(UInt8(ascii: "$")) || value.value == "::1"
            else { continue }
            let portName = prefix + "PORT"
            guard let port = env.first(where: { $0.name == portName }), let number = Programs.port(port.value.value) else { continue }
            result.append((value.value, number, "env", "\(name)=\(value.value) \(portName)=\(port.value.value)", value, nil))
        }
        return result
    }
}
