/// The comments of a YAML file, read from its text: libyaml drops them, and
/// they are some of the best evidence of a copy. Good enough for
/// fingerprinting (never used for grading): a `#` at the start of a line or
/// after a space, outside quotes on that line, starts a comment. A `#` line
/// inside a block scalar (a shell comment in a script) counts too.
enum Comments {
    struct Comment {
        let line: Int
        let text: String
    }

    static func extract(_ bytes: [UInt8]) -> [Comment] {
        var result: [Comment] = []
        var lineNumber = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var quote: UInt8?
            var previous: UInt8 = UInt8(ascii: " ")
            var index = line.startIndex
            while index < line.endIndex {
                let byte = line[index]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                    if previous == UInt8(ascii: " ") || previous == UInt8(ascii: "[") || previous == UInt8(ascii: ",")
                        || previous == UInt8(ascii: ":") || previous == UInt8(ascii: "-") || previous == UInt8(ascii: "{") {
                        quote = byte
                    }
                } else if byte == UInt8(ascii: "#"), previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t") {
                    let rest = line[line.index(after: index)...]
                    let text = String(decoding: rest, as: UTF8.self)
                        .trimmingCharacters(in: " \t\r#")
                    if !text.isEmpty { result.append(Comment(line: lineNumber, text: text)) }
                    break
                }
                previous = byte
                index = line.index(after: index)
            }
        }
        return result
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let drop = Set(set)
        var scalars = Substring(self)
        while let first = scalars.first, drop.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, drop.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
