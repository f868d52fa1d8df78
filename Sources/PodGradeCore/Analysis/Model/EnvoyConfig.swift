import PodGradeYAML

/// The addresses in an inline Envoy configuration (YAML or JSON): every `socket_address`
/// under `listeners` or `admin` is a place Envoy listens on; every one under `clusters`
/// is a place it connects to.
enum EnvoyConfig {
    struct Address: Equatable {
        let host: String
        let port: Int?
        let isListener: Bool
    }

    /// Whether a text looks like an Envoy configuration at all (cheap test before parsing).
    static func mayBeConfig(_ text: String) -> Bool {
        Programs.asciiContains(text, "socket_address")
            && (Programs.asciiContains(text, "listeners") || Programs.asciiContains(text, "clusters") || Programs.asciiContains(text, "admin"))
    }

    static func addresses(in text: String) -> [Address] {
        guard mayBeConfig(text), text.utf8.count <= 200_000 else { return [] }
        var reader = Reader()
        YAMLReader.events(text) { reader.read($0) }
        return reader.result
    }

    /// Reads the configuration's events (no tree is built): which block each mapping is in,
    /// and the `address` and `port_value` of each `socket_address`. What comes from an alias
    /// is not followed; a document counts once it ends without an error.
    private struct Reader {
        enum Kind { case mapping, sequence, socket, skipped }
        struct Frame {
            let kind: Kind
            /// Listening (true) or connecting (false) side, once under `listeners`/`admin` or `clusters`.
            let role: Bool?
            /// In a mapping: the key whose value comes next (nil while a key is awaited).
            var key: String?
            var host: String?
            var port: Int?
            var sawPort = false
        }

        var stack: [Frame] = []
        var pending: [Address] = []
        var result: [Address] = []

        mutating func read(_ event: YAMLEvent) -> Bool {
            switch event {
            case .documentEnd:
                result += pending
                pending = []
                stack = []
            case .mappingStart, .sequenceStart:
                let isMapping: Bool
                if case .mappingStart = event { isMapping = true } else { isMapping = false }
                open(isMapping: isMapping)
            case .mappingEnd, .sequenceEnd:
                guard let frame = stack.popLast() else { break }
                if frame.kind == .socket, let isListener = frame.role, result.count + pending.count < 1_000 {
                    pending.append(Address(host: frame.host ?? "", port: frame.port, isListener: isListener))
                }
                valueDone()
            case .scalar(let text):
                scalar(text)
            case .alias:
                scalar(nil)
            }
            return result.count + pending.count < 1_000
        }

        /// The role of a value under `key` in a mapping of `role`.
        static func role(of key: String?, in role: Bool?) -> Bool? {
            switch key {
            case "listeners", "admin": return true
            case "clusters": return false
            default: return role
            }
        }

        mutating func open(isMapping: Bool) {
            guard let top = stack.last else {
                stack.append(Frame(kind: isMapping ? .mapping : .sequence, role: nil))
                return
            }
            let inner: Bool?
            var kind: Kind = isMapping ? .mapping : .sequence
            switch top.kind {
            case .skipped, .socket:
                kind = .skipped
                inner = nil
            case .sequence:
                inner = top.role
            case .mapping:
                guard let key = top.key else {
                    // A collection as a key: nothing to read in it.
                    stack.append(Frame(kind: .skipped, role: nil))
                    return
                }
                inner = Self.role(of: key, in: top.role)
                if key == "socket_address", isMapping, inner != nil { kind = .socket }
            }
            if stack.count >= 64 { kind = .skipped }
            stack.append(Frame(kind: kind, role: inner))
        }

        mutating func scalar(_ text: String?) {
            guard let top = stack.last else { return }
            switch top.kind {
            case .mapping, .socket:
                if top.key == nil {
                    stack[stack.count - 1].key = text ?? ""
                    return
                }
                if top.kind == .socket, let text {
                    if top.key == "address", top.host == nil { stack[stack.count - 1].host = text }
                    if top.key == "port_value", !top.sawPort {
                        stack[stack.count - 1].port = Programs.port(text)
                        stack[stack.count - 1].sawPort = true
                    }
                }
                stack[stack.count - 1].key = nil
            case .sequence, .skipped:
                break
            }
        }

        /// A collection that was a mapping's value ended: the mapping awaits its next key.
        mutating func valueDone() {
            guard let top = stack.last, top.kind == .mapping || top.kind == .socket else { return }
            if top.key != nil { stack[stack.count - 1].key = nil }
        }
    }
}
