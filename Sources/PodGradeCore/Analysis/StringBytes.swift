extension String {
    /// The string's UTF-8 bytes, read in place (copied only when the string is not stored as
    /// UTF-8). Unlike `withUTF8`, it needs no mutable copy of the string, which costs a retain
    /// and a release: the model's byte scans run for every word and path it reads.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}
