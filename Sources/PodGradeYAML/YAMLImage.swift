/// A read YAML stream laid out as compact text, and read back without libyaml: how
/// trees known when podgrade is built (the bundled lab's specs) skip parsing at
/// every start. Reading an image gives exactly the nodes, marks, tags and weights
/// that `YAMLReader` gave when it was written.
///
/// The layout: `D<count>;` then each document as `<index>;<node>`. A node is an
/// optional tag `!<n>:<bytes>`, then one of
///   `S<line>,<column>,<weight>,<style><value><n>:<text>`  a scalar
///   `Q<line>,<column>,<weight>,<count>;<node>...`        a sequence
///   `M<line>,<column>,<weight>,<count>;(<n>:<key><key node><value node>)...`  a mapping
/// where `<n>:` counts UTF-8 bytes, style is one of `pSDLF` and value one of `n`
/// (null), `t`/`f` (booleans), `i<int>;`, `r<bit pattern>;` (a float), `=` (the
/// text itself) or `s<n>:<bytes>` (another string).
public enum YAMLImage {
    /// The image of a stream read without an error; nil for one with an error.
    public static func write(_ file: YAMLFile) -> String? {
        guard file.error == nil else { return nil }
        var out = "D\(file.documents.count);"
        for document in file.documents {
            out += "\(document.index);"
            write(document.root, to: &out)
        }
        return out
    }

    private static func write(_ node: Node, to out: inout String) {
        if let tag = node.tag { out += "!"; bytes(tag, to: &out) }
        let position = "\(node.mark.line),\(node.mark.column),\(node.weight)"
        switch node.content {
        case .scalar(let scalar):
            out += "S" + position + ","
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
            case .string(let value): out += "s"; bytes(value, to: &out)
            }
            bytes(scalar.text, to: &out)
        case .sequence(let items):
            out += "Q" + position + ",\(items.count);"
            for item in items { write(item, to: &out) }
        case .mapping(let pairs):
            out += "M" + position + ",\(pairs.count);"
            for pair in pairs {
                bytes(pair.key, to: &out)
                write(pair.keyNode, to: &out)
                write(pair.value, to: &out)
            }
        }
    }

    private static func bytes(_ text: String, to out: inout String) {
        out += "\(text.utf8.count):" + text
    }

    /// The stream an image holds; nil when it is not a well-formed image.
    public static func read(_ image: String) -> YAMLFile? {
        var image = image
        return image.withUTF8 { buffer -> YAMLFile? in
            var reader = Reader(bytes: buffer)
            guard reader.take(UInt8(ascii: "D")), let count = reader.number(until: UInt8(ascii: ";")) else { return nil }
            var documents: [Document] = []
            documents.reserveCapacity(count)
            for _ in 0..<count {
                guard let index = reader.number(until: UInt8(ascii: ";")), let root = reader.node(depth: 0) else { return nil }
                documents.append(Document(root: root, index: index))
            }
            return reader.atEnd ? YAMLFile(documents: documents, error: nil) : nil
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

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

        /// `<n>:<bytes>` as a string.
        mutating func string() -> String? {
            guard let count = number(until: UInt8(ascii: ":")), count <= bytes.count - position else { return nil }
            defer { position += count }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<(position + count)]), as: UTF8.self)
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
            case UInt8(ascii: "S"):
                guard let weight = number(until: UInt8(ascii: ",")), let styleCode = next(), let valueCode = next() else { return nil }
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
                    guard let key = string(), let keyNode = node(depth: depth + 1), let value = node(depth: depth + 1) else { return nil }
                    pairs.append(Pair(key: key, keyNode: keyNode, value: value))
                }
                return Node(content: .mapping(pairs), mark: mark, tag: tag, weight: weight)
            default:
                return nil
            }
        }
    }
}
