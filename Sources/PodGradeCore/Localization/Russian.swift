/// How Russian texts quote names and list them.
enum Russian {
    static func quote(_ s: String) -> String { "«\(s)»" }
    static func list(_ items: [String]) -> String { items.isEmpty ? "—" : items.map(quote).joined(separator: ", ") }
}
