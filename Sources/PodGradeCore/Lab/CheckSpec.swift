/// One check of an exercise, as its spec states it: its rule resolved and its
/// parameters decoded when the lab loads.
public struct CheckSpec: Sendable {
    public let id: String
    public let rule: any Rule
    public let points: Int
    /// The rule bound to the check's parameters.
    public let check: BoundCheck
    public let hint: LocalizedText?
}
