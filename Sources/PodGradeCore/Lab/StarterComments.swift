/// A starter manifest carries its comments in both languages, each line
/// marked `# ru: ...` or `# en: ...`; `podgrade start` writes the learner's
/// language only, unmarked. Unmarked comments are kept as they are.
public enum StarterComments {
    /// The starter as the learner gets it: the other language's comment lines
    /// dropped, this language's written as plain comments.
    public static func localized(_ bytes: [UInt8], _ lang: Lang) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        var kept: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let (indent, marker, rest) = marked(line) else {
                kept.append(String(line))
                continue
            }
            if marker == lang { kept.append(String(indent) + "#" + (rest.isEmpty ? "" : " " + rest)) }
        }
        return Array(kept.joined(separator: "\n").utf8)
    }

    /// Comment blocks whose Russian and English lines differ in number: a
    /// translation is missing. One sentence per block, with its first line.
    public static func problems(_ bytes: [UInt8]) -> [(line: Int, message: String)] {
        var problems: [(Int, String)] = []
        var counts: [Lang: Int] = [:]
        var blockStart = 0
        func close() {
            let ru = counts[.ru] ?? 0, en = counts[.en] ?? 0
            if ru != en { problems.append((blockStart, "comment block has \(ru) Russian and \(en) English lines (# ru: / # en:)")) }
            counts = [:]
        }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if let (_, marker, _) = marked(line) {
                if counts.isEmpty { blockStart = index + 1 }
                counts[marker, default: 0] += 1
            } else if !counts.isEmpty {
                close()
            }
        }
        if !counts.isEmpty { close() }
        return problems
    }

    /// `  # ru: text` → ("  ", .ru, "text").
    private static func marked(_ line: Substring) -> (Substring, Lang, Substring)? {
        let indent = line.prefix { $0 == " " }
        var rest = line.dropFirst(indent.count)
        guard rest.hasPrefix("#") else { return nil }
        rest = rest.dropFirst().drop { $0 == " " }
        for lang in Lang.allCases where rest.hasPrefix(lang.rawValue + ":") {
            var text = rest.dropFirst(lang.rawValue.count + 1)
            if text.hasPrefix(" ") { text = text.dropFirst() }
            return (indent, lang, text)
        }
        return nil
    }
}
