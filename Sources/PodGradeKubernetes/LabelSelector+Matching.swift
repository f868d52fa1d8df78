extension LabelSelector {
    /// Whether labels satisfy the selector: every matchLabels pair and every
    /// matchExpressions requirement (In, NotIn, Exists, DoesNotExist), as the
    /// API server matches a workload's selector against its template.
    public func matches(_ labels: [String: String]) -> Bool {
        for label in matchLabels where labels[label.key] != label.value.value { return false }
        for requirement in matchExpressions {
            let value = labels[requirement.key]
            switch requirement.op {
            case "In": guard let value, requirement.values.contains(value) else { return false }
            case "NotIn": if let value, requirement.values.contains(value) { return false }
            case "Exists": if value == nil { return false }
            case "DoesNotExist": if value != nil { return false }
            default: return false
            }
        }
        return true
    }
}
