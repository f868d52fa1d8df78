/// How English texts quote names, list them and count.
enum English {
    static func quote(_ s: String) -> String { "\"\(s)\"" }
    static func list(_ items: [String]) -> String { items.isEmpty ? "none" : items.map(quote).joined(separator: ", ") }
    static func plural(_ n: Int, _ word: String) -> String { n == 1 ? "1 \(word)" : "\(n) \(word)s" }
}
