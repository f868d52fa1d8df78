/// A position as LSP counts it: 0-based line, 0-based UTF-16 offset in the line.
/// Only this module and its tests make one (the synthesized memberwise initializer).
public struct Position: Sendable, Hashable, Comparable {
    public var line: Int
    public var character: Int

    public static func < (a: Position, b: Position) -> Bool {
        (a.line, a.character) < (b.line, b.character)
    }

    var json: JSON { ["line": .int(Int64(line)), "character": .int(Int64(character))] }
}

extension Position {
    init?(_ json: JSON?) {
        guard let line = json?["line"]?.int, let character = json?["character"]?.int, line >= 0, character >= 0 else { return nil }
        self.init(line: line, character: character)
    }
}

public struct Range: Sendable, Hashable {
    public var start: Position
    public var end: Position

    var json: JSON { ["start": start.json, "end": end.json] }

    func contains(line: Int) -> Bool { start.line <= line && line <= end.line }
}

extension Range {
    init?(_ json: JSON?) {
        guard let start = Position(json?["start"]), let end = Position(json?["end"]) else { return nil }
        self.init(start: min(start, end), end: max(start, end))
    }
}

/// The lines of a text, indexed once: podgrade's positions (1-based line,
/// 1-based column counted in Unicode scalars, as libyaml counts) and LSP's
/// (0-based, UTF-16 code units) converted both ways.
public struct LineTable: Sendable {
    private let bytes: [UInt8]
    /// Byte offset of each line's start.
    private let starts: [Int]

    public init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            starts.append(index + 1)
        }
        self.starts = starts
    }

    public var lineCount: Int { starts.count }

    /// The bytes of a 0-based line, without its line break.
    func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 0 && line < starts.count else { return [] }
        var end = line + 1 < starts.count ? starts[line + 1] - 1 : bytes.count
        if end > starts[line] && bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[starts[line]..<end]
    }

    public func line(_ line: Int) -> String {
        String(decoding: lineBytes(line), as: UTF8.self)
    }

    /// A podgrade location (1-based line and scalar column) as an LSP position.
    public func position(line: Int, column: Int) -> Position {
        let zeroLine = max(0, min(line - 1, starts.count - 1))
        let scalars = String(decoding: lineBytes(zeroLine), as: UTF8.self).unicodeScalars
        var utf16 = 0
        for (index, scalar) in scalars.enumerated() {
            if index >= column - 1 { break }
            utf16 += scalar.utf16.count
        }
        return Position(line: zeroLine, character: utf16)
    }

    /// An LSP position as podgrade's 1-based line and scalar column.
    public func mark(_ position: Position) -> (line: Int, column: Int) {
        let scalars = String(decoding: lineBytes(position.line), as: UTF8.self).unicodeScalars
        var utf16 = 0
        var column = 1
        for scalar in scalars {
            if utf16 >= position.character { break }
            utf16 += scalar.utf16.count
            column += 1
        }
        return (position.line + 1, column)
    }

    /// The end of a line in UTF-16 code units.
    public func lineEnd(_ line: Int) -> Int {
        String(decoding: lineBytes(line), as: UTF8.self).utf16.count
    }
}

/// An open buffer: its text and version, with LSP's content changes applied.
public struct TextDocument: Sendable {
    public let uri: String
    public var version: Int
    public var text: String

    /// Applies `contentChanges` in order: a whole text, or a range replaced.
    /// Positions past a line's end or the text's end are clamped, as the
    /// specification asks.
    public mutating func apply(_ changes: [JSON]) {
        for change in changes {
            guard let newText = change["text"]?.string else { continue }
            guard let range = Range(change["range"]) else {
                text = newText
                continue
            }
            var utf8 = Array(text.utf8)
            let lower = offset(of: range.start, in: utf8)
            let upper = max(lower, offset(of: range.end, in: utf8))
            utf8.replaceSubrange(lower..<upper, with: newText.utf8)
            text = String(decoding: utf8, as: UTF8.self)
        }
    }

    /// The UTF-8 offset of an LSP position.
    func offset(of position: Position, in utf8: [UInt8]) -> Int {
        var index = 0
        var line = 0
        while line < position.line {
            guard let newline = utf8[index...].firstIndex(of: 0x0A) else { return utf8.count }
            index = newline + 1
            line += 1
        }
        var units = 0
        while index < utf8.count && units < position.character {
            let byte = utf8[index]
            if byte == 0x0A || (byte == 0x0D && index + 1 < utf8.count && utf8[index + 1] == 0x0A) { break }
            let length: Int
            switch byte {
            case 0..<0x80: length = 1
            case 0xC0..<0xE0: length = 2
            case 0xE0..<0xF0: length = 3
            case 0xF0...: length = 4
            default: length = 1
            }
            units += length == 4 ? 2 : 1
            index = min(utf8.count, index + length)
        }
        return index
    }
}
