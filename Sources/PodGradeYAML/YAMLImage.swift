/// A read YAML stream laid out as compact text, and read back without libyaml: how
/// trees known when podgrade is built (the bundled lab's specs) skip parsing at
/// every start. Reading an image gives exactly the nodes, marks, tags and weights
/// that `YAMLReader` gave when it was written.
///
/// The layout: `D<count>;` then each document as `<index>;<node>`. A node is an
/// optional tag `!<n>:<bytes>`, then one of
///   `S<line>,<column>,<style><value><n>:<text>`           a scalar of weight 1
///   `W<line>,<column>,<weight>,<style><value><n>:<text>`  a scalar of another weight
///   `Q<line>,<column>,<weight>,<count>;<node>...`        a sequence
///   `M<line>,<column>,<weight>,<count>;(<n>:<key><key node><value node>)...`  a mapping
/// where a text is `<n>:<bytes>` (`<n>` counting UTF-8 bytes) or `@<offset>,<n>;`, the same
/// bytes found in the source the image was made from (which reading it is given), style is one of `pSDLF` and value one of `n`
/// (null), `t`/`f` (booleans), `i<int>;`, `r<bit pattern>;` (a float), `=` (the
/// text itself) or `s<n>:<bytes>` (another string). A key node that is the key
/// itself (a plain string scalar of weight 1, untagged: most keys) is `K<line>,<column>,`.
public enum YAMLImage {
    /// The image of a stream read without an error; nil for one with an error. Texts found
    /// in `source` (the bytes the stream was read from) are written as references into it.
    public static func write(_ file: YAMLFile, source: [UInt8] = []) -> String? {
        guard file.error == nil else { return nil }
        var writer = Writer(source: source)
        writer.out = "D\(file.documents.count);"
        for document in file.documents {
            writer.out += "\(document.index);"
            writer.write(document.root)
        }
        return writer.out
    }

    /// Whether a pair's key node is its key written plainly (the short form `K`).
    private static func isPlainKey(_ pair: Pair) -> Bool {
        guard pair.keyNode.tag == nil, pair.keyNode.weight == 1, case .scalar(let scalar) = pair.keyNode.content else { return false }
        return scalar.style == .plain && scalar.text == pair.key && scalar.value == .string(pair.key)
    }

    private struct Writer {
        let source: [UInt8]
        var out = ""
        /// Where the last text was found: the next is looked for from here (texts come in order).
        var cursor = 0

        mutating func write(_ node: Node) {
            if let tag = node.tag { out += "!"; text(tag) }
            let position = "\(node.mark.line),\(node.mark.column),\(node.weight)"
            switch node.content {
            case .scalar(let scalar):
                out += node.weight == 1 ? "S\(node.mark.line),\(node.mark.column)," : "W" + position + ","
                switch scalar.style {
                case .plain: out += "p"
                case .singleQuoted: out += "S"
                case .doubleQuoted: out += "D"
                case .literal: out += "L"
                case .folded: out += "F"
                }
                switch scalar.value {
                case .null: out += "n"
                case .bool(let value): out += value ? "t" : "f"
                case .int(let value): out += "i\(value);"
                case .float(let value): out += "r\(value.bitPattern);"
                case .string(let value) where value == scalar.text: out += "="
                case .string(let value): out += "s"; text(value)
                }
                text(scalar.text)
            case .sequence(let items):
                out += "Q" + position + ",\(items.count);"
                for item in items { write(item) }
            case .mapping(let pairs):
                out += "M" + position + ",\(pairs.count);"
                for pair in pairs {
                    text(pair.key)
                    if YAMLImage.isPlainKey(pair) {
                        out += "K\(pair.keyNode.mark.line),\(pair.keyNode.mark.column),"
                    } else {
                        write(pair.keyNode)
                    }
                    write(pair.value)
                }
            }
        }

        /// A text: a reference into the source where its bytes are there (and it is long
        /// enough to gain), else written out.
        mutating func text(_ value: String) {
            let bytes = Array(value.utf8)
            if bytes.count >= 6, let offset = find(bytes, from: cursor) ?? find(bytes, from: 0) {
                out += "@\(offset),\(bytes.count);"
                cursor = offset + bytes.count
            } else {
                out += "\(bytes.count):" + value
            }
        }

        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard needle.count <= source.count, start <= source.count - needle.count else { return nil }
            for offset in start...(source.count - needle.count) where source[offset] == needle[0] {
                if source[offset..<(offset + needle.count)].elementsEqual(needle) { return offset }
            }
            return nil
        }
    }

    /// The stream an image holds; nil when it is not a well-formed image.
    public static func read(_ image: String, source: [UInt8] = []) -> YAMLFile? {
        var image = image
        return image.withUTF8 { buffer -> YAMLFile? in
            source.withUnsafeBufferPointer { source in
                var reader = Reader(bytes: buffer, source: source)
                return reader.file()
            }
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let source: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>, source: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            self.source = source
        }

        mutating func file() -> YAMLFile? {
            guard take(UInt8(ascii: "D")), let count = number(until: UInt8(ascii: ";")) else { return nil }
            var documents: [Document] = []
            documents.reserveCapacity(count)
            for _ in 0..<count {
                guard let index = number(until: UInt8(ascii: ";")), let root = node(depth: 0) else { return nil }
                documents.append(Document(root: root, index: index))
            }
            return atEnd ? YAMLFile(documents: documents, error: nil) : nil
        }

        var atEnd: Bool { position == bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func next() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        /// Decimal digits ended by `terminator`, which is consumed.
        mutating func unsigned(until terminator: UInt8) -> UInt64? {
            var value: UInt64 = 0, digits = 0
            while position < bytes.count, bytes[position] != terminator {
                let digit = bytes[position] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflowB) = times.addingReportingOverflow(UInt64(digit))
                guard !overflowA, !overflowB else { return nil }
                value = sum
                digits += 1
                position += 1
            }
            guard digits > 0, take(terminator) else { return nil }
            return value
        }

        /// `unsigned(until:)` with a leading `-` allowed.
        mutating func integer(until terminator: UInt8) -> Int64? {
            let negative = take(UInt8(ascii: "-"))
            guard let magnitude = unsigned(until: terminator) else { return nil }
            if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
            return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
        }

        mutating func number(until terminator: UInt8) -> Int? {
            guard let value = unsigned(until: terminator), value <= UInt64(Int32.max) else { return nil }
            return Int(value)
        }

        /// `<n>:<bytes>`, or `@<offset>,<n>;` in the source, as a string.
        mutating func string() -> String? {
            if take(UInt8(ascii: "@")) {
                guard let offset = number(until: UInt8(ascii: ",")), let count = number(until: UInt8(ascii: ";")),
                      offset <= source.count, count <= source.count - offset else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: source[offset..<(offset + count)]), as: UTF8.self)
            }
            guard let count = number(until: UInt8(ascii: ":")), count <= bytes.count - position else { return nil }
            defer { position += count }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<(position + count)]), as: UTF8.self)
        }

        /// A key's node: the short form `K<line>,<column>,` (the key itself), or any node.
        mutating func keyNode(_ key: String, depth: Int) -> Node? {
            guard take(UInt8(ascii: "K")) else { return node(depth: depth) }
            guard let line = number(until: UInt8(ascii: ",")), let column = number(until: UInt8(ascii: ",")) else { return nil }
            return Node(content: .scalar(Scalar(text: key, style: .plain, value: .string(key))), mark: Mark(line: line, column: column))
        }

        mutating func node(depth: Int) -> Node? {
            guard depth < YAMLLimits.default.maxDepth else { return nil }
            var tag: String?
            if take(UInt8(ascii: "!")) {
                guard let text = string() else { return nil }
                tag = text
            }
            guard let kind = next(),
                  let line = number(until: UInt8(ascii: ",")), let column = number(until: UInt8(ascii: ",")) else { return nil }
            let mark = Mark(line: line, column: column)
            switch kind {
            case UInt8(ascii: "S"), UInt8(ascii: "W"):
                let weight = kind == UInt8(ascii: "S") ? 1 : number(until: UInt8(ascii: ","))
                guard let weight, let styleCode = next(), let valueCode = next() else { return nil }
                let style: ScalarStyle
                switch styleCode {
                case UInt8(ascii: "p"): style = .plain
                case UInt8(ascii: "S"): style = .singleQuoted
                case UInt8(ascii: "D"): style = .doubleQuoted
                case UInt8(ascii: "L"): style = .literal
                case UInt8(ascii: "F"): style = .folded
                default: return nil
                }
                var value: ScalarValue?
                switch valueCode {
                case UInt8(ascii: "n"): value = .null
                case UInt8(ascii: "t"): value = .bool(true)
                case UInt8(ascii: "f"): value = .bool(false)
                case UInt8(ascii: "i"):
                    guard let int = integer(until: UInt8(ascii: ";")) else { return nil }
                    value = .int(int)
                case UInt8(ascii: "r"):
                    guard let bits = unsigned(until: UInt8(ascii: ";")) else { return nil }
                    value = .float(Double(bitPattern: bits))
                case UInt8(ascii: "s"):
                    guard let text = string() else { return nil }
                    value = .string(text)
                case UInt8(ascii: "="): value = nil
                default: return nil
                }
                guard let text = string() else { return nil }
                return Node(content: .scalar(Scalar(text: text, style: style, value: value ?? .string(text))),
                            mark: mark, tag: tag, weight: weight)
            case UInt8(ascii: "Q"):
                guard let weight = number(until: UInt8(ascii: ",")), let count = number(until: UInt8(ascii: ";")),
                      count <= bytes.count - position else { return nil }
                var items: [Node] = []
                items.reserveCapacity(count)
                for _ in 0..<count {
                    guard let item = node(depth: depth + 1) else { return nil }
                    items.append(item)
                }
                return Node(content: .sequence(items), mark: mark, tag: tag, weight: weight)
            case UInt8(ascii: "M"):
                guard let weight = number(until: UInt8(ascii: ",")), let count = number(until: UInt8(ascii: ";")),
                      count <= bytes.count - position else { return nil }
                var pairs: [Pair] = []
                pairs.reserveCapacity(count)
                for _ in 0..<count {
                    guard let key = string(), let keyNode = keyNode(key, depth: depth + 1), let value = node(depth: depth + 1) else { return nil }
                    pairs.append(Pair(key: key, keyNode: keyNode, value: value))
                }
                return Node(content: .mapping(pairs), mark: mark, tag: tag, weight: weight)
            default:
                return nil
            }
        }
    }
}
