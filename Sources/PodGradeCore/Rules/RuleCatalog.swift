/// Every rule podgrade knows, by id. Rule ids are stable: specs and results
/// name them. The list is `RuleRegistry.rules`, generated from the rule files
/// by `make rules` (a test fails when it is stale).
public enum RuleCatalog {
    public static let all: [any Rule] = RuleRegistry.rules.sorted { $0.id < $1.id }

    private static let byID: [String: any Rule] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

    public static func rule(_ id: String) -> (any Rule)? { byID[id] }
}
