import Testing
@testable import PodGradeYAML

/// Trees written as images and read back are the trees the reader gave: every
/// mark, tag, style, value and weight.
@Suite struct YAMLImageTests {
    /// The image of `text`, checked to read back to the same image.
    /// Written alone and with its source (texts as references into it), the same tree.
    private func roundTrip(_ text: String) throws -> YAMLFile {
        let parsed = YAMLReader.read(text)
        let image = try #require(YAMLImage.write(parsed))
        let read = try #require(YAMLImage.read(image))
        #expect(YAMLImage.write(read) == image)
        #expect(read.documents.count == parsed.documents.count)
        let source = Array(text.utf8)
        let referring = try #require(YAMLImage.write(parsed, source: source))
        #expect(referring.utf8.count < image.utf8.count)
        #expect(YAMLImage.read(referring, source: source).flatMap { YAMLImage.write($0) } == image)
        #expect(YAMLImage.read(referring) == nil)
        return read
    }

    @Test func scalarsKeepStyleValueAndMark() throws {
        let file = try roundTrip("""
            plain: text
            quoted: 'it''s'
            double: "a\\tb\\r\\n"
            number: -9223372036854775808
            big: 18446744073709551615
            float: 6.02e23
            nan: .nan
            enabled: true
            nothing: ~
            literal: |
              Строка по-русски
            folded: >
              one
              two
            """)
        let root = try #require(file.documents.first?.root)
        #expect(root["plain"]?.scalar?.style == .plain)
        #expect(root["quoted"]?.scalar?.text == "it's")
        #expect(root["quoted"]?.scalar?.style == .singleQuoted)
        #expect(root["double"]?.string == "a\tb\r\n")
        #expect(root["number"]?.scalar?.value == .int(Int64.min))
        #expect(root["big"]?.scalar?.value == YAMLReader.read("18446744073709551615").documents.first?.root.scalar?.value)
        #expect(root["float"]?.scalar?.value == .float(6.02e23))
        if case .float(let value)? = root["nan"]?.scalar?.value { #expect(value.isNaN) } else { Issue.record("nan is not a float") }
        #expect(root["enabled"]?.bool == true)
        #expect(root["nothing"]?.isNull == true)
        #expect(root["literal"]?.string == "Строка по-русски\n")
        #expect(root["literal"]?.scalar?.style == .literal)
        #expect(root["folded"]?.scalar?.style == .folded)
        #expect(root["literal"]?.mark == Mark(line: 10, column: 10))
        #expect(root.mapping?[9].keyNode.mark == Mark(line: 10, column: 1))
    }

    @Test func tagsAliasesAndDocuments() throws {
        let file = try roundTrip("""
            base: &b {image: nginx, ports: [80, 443]}
            copy: *b
            tagged: !!str 80
            custom: !thing [a]
            ---
            - second
            ---
            """)
        #expect(file.documents.map(\.index) == YAMLReader.read("a: 1\n---\n- x\n---\n").documents.map(\.index))
        let root = try #require(file.documents.first?.root)
        #expect(root["copy"]?["ports"]?.sequence?.count == 2)
        #expect(root.weight == YAMLReader.read("base: &b {image: nginx, ports: [80, 443]}\ncopy: *b\ntagged: !!str 80\ncustom: !thing [a]\n")
            .documents.first?.root.weight)
        #expect(root["tagged"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["custom"]?.tag == "!thing")
        #expect(file.documents.dropFirst().first?.root.sequence?.first?.string == "second")
    }

    @Test func keysWrittenOtherwiseKeepTheirNodes() throws {
        let file = try roundTrip("plain: 1\n\"quoted\": 2\n80: 3\n!!str tagged: 4\n")
        let pairs = try #require(file.documents.first?.root.mapping)
        #expect(pairs.map(\.key) == ["plain", "quoted", "80", "tagged"])
        #expect(pairs[0].keyNode.scalar?.style == .plain)
        #expect(pairs[0].keyNode.mark == Mark(line: 1, column: 1))
        #expect(pairs[1].keyNode.scalar?.style == .doubleQuoted)
        #expect(pairs[2].keyNode.scalar?.value == .int(80))
        #expect(pairs[3].keyNode.tag == "tag:yaml.org,2002:str")
        #expect(pairs[3].value.mark == Mark(line: 4, column: 15))
    }

    @Test func aStreamWithAnErrorHasNoImage() {
        #expect(YAMLImage.write(YAMLReader.read("a: [1, 2\n")) == nil)
    }

    @Test func malformedImagesReadAsNothing() throws {
        let image = try #require(YAMLImage.write(YAMLReader.read("a: [1, 'two']\n")))
        #expect(YAMLImage.read(image) != nil)
        for cut in [1, 5, image.utf8.count / 2, image.utf8.count - 1] {
            #expect(YAMLImage.read(String(decoding: image.utf8.prefix(cut), as: UTF8.self)) == nil, "cut at \(cut)")
        }
        #expect(YAMLImage.read(image + "x") == nil)
        #expect(YAMLImage.read("D1;0;Q1,1,1,99999999999;") == nil)
        #expect(YAMLImage.read("D1;0;S1,1,pi99999999999999999999999;1:x") == nil)
        #expect(YAMLImage.read("D1;0;S1,1,p=9:x") == nil)
        #expect(YAMLImage.read("D1;0;M1,1,3,1;1:aK1,1") == nil)
        #expect(YAMLImage.read("") == nil)
        #expect(YAMLImage.read("D1;0;S1,1,p=@0,5;", source: Array("word".utf8)) == nil)
        #expect(YAMLImage.read("D1;0;S1,1,p=@0,4;", source: Array("word".utf8))?.documents.first?.root.string == "word")
    }
}
