internal import CYAML

/// Assembles nodes from events: a stack of open collections, the anchors of
/// the current document, and the counters behind the limits.
struct TreeBuilder {
    /// An open collection. Held in the stack and mutated in place, so adding a
    /// child never copies the children gathered so far.
    private struct Frame {
        let isMapping: Bool
        let mark: Mark
        let tag: String?
        let anchor: String?
        var items: [Node] = []
        var pairs: [Pair] = []
        var key: Node?
        var weight = 1
        /// First line of each key, built only once a mapping outgrows a linear scan.
        var seen: [String: Int] = [:]
        var merges: [Node] = []

        static let linearKeys = 16

        /// The line where `name` was first a key of this mapping, if it was.
        func firstLine(of name: String) -> Int? {
            if pairs.count <= Self.linearKeys {
                for i in pairs.indices where Node.sameKey(pairs[i].key, name) { return pairs[i].keyNode.mark.line }
                return nil
            }
            return seen[name]
        }

        mutating func accept(_ node: Node, maxExpandedNodes: Int, errorMark: Mark) -> YAMLError? {
            let total = weight + node.weight
            if total > maxExpandedNodes { return YAMLError(.aliasExpansion(limit: maxExpandedNodes), at: errorMark) }
            weight = total
            guard isMapping else {
                items.append(node)
                return nil
            }
            guard let key else {
                self.key = node
                return nil
            }
            self.key = nil
            if let s = key.scalar, s.style == .plain, s.text == "<<", key.tag == nil || key.tag == "tag:yaml.org,2002:merge" {
                merges.append(node)
            } else {
                let name = TreeBuilder.keyString(key)
                if let first = firstLine(of: name) {
                    return YAMLError(.duplicateKey(key: name, firstLine: first), at: key.mark)
                }
                append(Pair(key: name, keyNode: key, value: node))
            }
            return nil
        }

        mutating func append(_ pair: Pair) {
            // Most mappings of a manifest hold 2 to 6 keys: one allocation instead of three.
            if pairs.isEmpty { pairs.reserveCapacity(4) }
            pairs.append(pair)
            if pairs.count > Self.linearKeys {
                if seen.isEmpty {
                    for p in pairs { seen[p.key] = p.keyNode.mark.line }
                } else {
                    seen[pair.key] = pair.keyNode.mark.line
                }
            }
        }
    }

    let limits: YAMLLimits
    var documents: [Document] = []
    private var stack: [Frame] = []
    private var anchors: [String: Node] = [:]
    private var nodeCount = 0
    private var root: Node?

    init(limits: YAMLLimits) {
        self.limits = limits
    }

    mutating func handle(_ event: inout yaml_event_t) -> YAMLError? {
        let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors.removeAll(keepingCapacity: true)
            root = nil
            return nil
        case YAML_DOCUMENT_END_EVENT:
            if let root, !root.isNull {
                guard documents.count < limits.maxDocuments else {
                    // At the document's own content: an implicit end has no position of its own.
                    return YAMLError(.tooManyDocuments(limit: limits.maxDocuments), at: root.mark)
                }
                documents.append(Document(root: root, index: documents.count))
            }
            root = nil
            return nil
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = string(data.value, Int(data.length))
            let tag = data.tag.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            let style: ScalarStyle
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let value = Resolver.resolve(text, style: style, tag: tag)
            let node = Node(content: .scalar(Scalar(text: text, style: style, value: value)), mark: mark, tag: tag)
            if let failure = countNode(at: mark) { return failure }
            if let anchor = data.anchor { anchors[cString(anchor)] = node }
            return add(node)
        case YAML_ALIAS_EVENT:
            let name = cString(event.data.alias.anchor)
            guard let target = anchors[name] else { return YAMLError(.undefinedAlias(name: name), at: mark) }
            return add(target, at: mark)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            if let failure = push(at: mark) { return failure }
            stack.append(Frame(isMapping: false, mark: mark, tag: data.tag.map(cString), anchor: data.anchor.map(cString)))
            return nil
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            if let failure = push(at: mark) { return failure }
            stack.append(Frame(isMapping: true, mark: mark, tag: data.tag.map(cString), anchor: data.anchor.map(cString)))
            return nil
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard var frame = stack.popLast() else { return nil }
            guard frame.isMapping else {
                let node = Node(content: .sequence(frame.items), mark: frame.mark, tag: frame.tag, weight: frame.weight)
                if let anchor = frame.anchor { anchors[anchor] = node }
                return add(node)
            }
            if !frame.merges.isEmpty {
                var present = Set(frame.pairs.map(\.key))
                for merge in frame.merges {
                    let sources: [Node]
                    switch merge.content {
                    case .mapping: sources = [merge]
                    case .sequence(let items): sources = items
                    case .scalar: return YAMLError(.invalidMergeValue, at: merge.mark)
                    }
                    for source in sources {
                        guard let merged = source.mapping else { return YAMLError(.invalidMergeValue, at: source.mark) }
                        for pair in merged where !present.contains(pair.key) {
                            present.insert(pair.key)
                            frame.pairs.append(pair)
                        }
                    }
                }
            }
            let node = Node(content: .mapping(frame.pairs), mark: frame.mark, tag: frame.tag, weight: frame.weight)
            if let anchor = frame.anchor { anchors[anchor] = node }
            return add(node)
        default:
            return nil
        }
    }

    private mutating func push(at mark: Mark) -> YAMLError? {
        if stack.count >= limits.maxDepth { return YAMLError(.tooDeep(limit: limits.maxDepth), at: mark) }
        return countNode(at: mark)
    }

    private mutating func countNode(at mark: Mark) -> YAMLError? {
        nodeCount += 1
        if nodeCount > limits.maxNodes { return YAMLError(.tooManyNodes(limit: limits.maxNodes), at: mark) }
        return nil
    }

    /// Attaches a finished node to the open collection, or makes it the document root.
    /// An alias's node is reported at the alias (`aliasMark`), not at its anchor.
    private mutating func add(_ node: Node, at aliasMark: Mark? = nil) -> YAMLError? {
        let errorMark = aliasMark ?? node.mark
        guard !stack.isEmpty else {
            if node.weight > limits.maxExpandedNodes { return YAMLError(.aliasExpansion(limit: limits.maxExpandedNodes), at: errorMark) }
            root = node
            return nil
        }
        // One in-place access to the open frame: no copy of it or of its children.
        return stack[stack.count - 1].accept(node, maxExpandedNodes: limits.maxExpandedNodes, errorMark: errorMark)
    }

    fileprivate static func keyString(_ key: Node) -> String {
        switch key.content {
        case .scalar(let s): return Resolver.keyString(s.value, text: s.text)
        case .sequence: return "[...]"
        case .mapping: return "{...}"
        }
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> String {
        String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }
}
