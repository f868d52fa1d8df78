/// A message read from a result whose key this podgrade does not know (a
/// newer version wrote it): it shows the text it was written with.
struct WrittenMessage: RuleMessage {
    let written: String
    let key: String
    var russian: String { written }
    var english: String { written }

    init(written: String, key: String) {
        self.written = written
        self.key = key
    }

    init(from decoder: any Decoder) throws { throw MessageCoding.Unexpected() }

    /// Its arguments are not known: `args` stays empty.
    func encode(to encoder: any Encoder) throws {}
}
