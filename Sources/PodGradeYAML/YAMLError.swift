/// Why a file could not be read, with the position where reading stopped.
/// The YAML layer names the problem; wording for people lives in the core.
public struct YAMLError: Error, Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// libyaml's own problem text (English) and its context, if any.
        case syntax(problem: String, context: String?)
        /// A tab where YAML needs spaces for indentation.
        case tabIndentation
        case duplicateKey(key: String, firstLine: Int)
        case undefinedAlias(name: String)
        case tooDeep(limit: Int)
        case tooManyNodes(limit: Int)
        case aliasExpansion(limit: Int)
        case tooManyDocuments(limit: Int)
        case fileTooLarge(bytes: Int, limit: Int)
        case invalidEncoding
        case controlCharacter
        case invalidMergeValue
    }

    public let kind: Kind
    /// Where the mistake is: for a key without its colon or an unclosed quote,
    /// where the key or the quote starts.
    public let mark: Mark
    /// Where libyaml stopped reading, when that is later than `mark`.
    public let stoppedAt: Mark?
    /// Where the flow collection (`[ ]`, `{ }`) the error is in was opened, when
    /// that is on an earlier line: a missing `]` may be the mistake as well.
    public let openedAt: Mark?

    public init(_ kind: Kind, at mark: Mark, stoppedAt: Mark? = nil, openedAt: Mark? = nil) {
        self.kind = kind
        self.mark = mark
        self.stoppedAt = stoppedAt
        self.openedAt = openedAt
    }
}

/// What reading one file produced: the documents read before any error, and
/// the error that stopped reading, if one did.
public struct YAMLFile: Sendable {
    public let documents: [Document]
    public let error: YAMLError?

    public init(documents: [Document], error: YAMLError?) {
        self.documents = documents
        self.error = error
    }
}
