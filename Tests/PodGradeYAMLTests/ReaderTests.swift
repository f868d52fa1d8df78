import Testing
@testable import PodGradeYAML

private func root(_ text: String) -> Node? {
    let file = YAMLReader.read(text)
    #expect(file.error == nil)
    return file.documents.first?.root
}

private func value(_ text: String) -> ScalarValue? {
    root("v: " + text)?["v"]?.scalar?.value
}

@Suite struct PositionTests {
    @Test func cyrillicColumnsCountCharacters() {
        let m = Marked("описание: \"Под с двумя контейнерами\"\nlabels: {команда: бэкенд, ⟨app: web}\n")
        let node = root(m.text)
        #expect(node?["labels"]?.pair("app")?.keyNode.mark == m.mark)
        #expect(node?["labels"]?["команда"]?.string == "бэкенд")
    }

    @Test func blockPositions() {
        let m = Marked("spec:\n  containers:\n  - ⟨name: ⟨web\n    image: nginx\n")
        let container = root(m.text)?["spec"]?["containers"]?.sequence?.first
        #expect(container?.mark == m[0])
        #expect(container?["name"]?.mark == m[1])
    }

    @Test func crlfLineEndings() {
        let m = Marked("a: 1\r\nb:\r\n  c: ⟨x\r\n")
        #expect(root(m.text)?["b"]?["c"]?.mark == m.mark)
        #expect(m.mark == Mark(line: 3, column: 6))
    }

    @Test func byteOrderMark() {
        let m = Marked("\u{FEFF}⟨a: 1\nb: ⟨2\n")
        let node = root(m.text)
        #expect(node?.mark == Mark(line: 1, column: 1))
        #expect(node?["b"]?.mark == m[1])
        #expect(node?["a"]?.int == 1)
    }
}

@Suite struct DocumentTests {
    @Test func emptyDocumentsAreSkipped() {
        let file = YAMLReader.read("---\n---\n# only a comment\n---\na: 1\n---\n~\n---\nb: 2\n...\n")
        #expect(file.error == nil)
        #expect(file.documents.count == 2)
        #expect(file.documents.map(\.index) == [0, 1])
        #expect(file.documents.last?.root["b"]?.int == 2)
        #expect(file.documents.last?.root.mark == Mark(line: 9, column: 1))
    }

    @Test func emptyInput() {
        let file = YAMLReader.read("")
        #expect(file.error == nil && file.documents.isEmpty)
    }

    @Test func jsonInput() {
        let m = Marked("{\n  \"kind\": \"Pod\",\n  \"spec\": {\"containers\": [{\"name\": \"a\", \"ports\": [{\"containerPort\": ⟨80}]}]}\n}\n")
        let port = root(m.text)?["spec"]?["containers"]?.sequence?.first?["ports"]?.sequence?.first?["containerPort"]
        #expect(port?.int == 80)
        #expect(port?.mark == m.mark)
        #expect(root(m.text)?["kind"]?.string == "Pod")
    }

    @Test func flowYAMLWithComments() {
        let m = Marked("""
        {
          apiVersion: "v1", # comment after a value
          spec: {
            # comment on its own line inside braces
            containers: [{
              name: "a", ⟨image: "busybox", # trailing
            }],
          },
        }
        """)
        let container = root(m.text)?["spec"]?["containers"]?.sequence?.first
        #expect(container?.pair("image")?.keyNode.mark == m.mark)
        #expect(container?["image"]?.string == "busybox")
    }
}

@Suite struct ScalarTests {
    @Test func yaml11Booleans() {
        for text in ["yes", "Yes", "YES", "on", "On", "y", "Y", "true", "True"] { #expect(value(text) == .bool(true), "\(text)") }
        for text in ["no", "No", "off", "OFF", "n", "N", "false", "FALSE"] { #expect(value(text) == .bool(false), "\(text)") }
        #expect(value("\"yes\"") == .string("yes"))
        #expect(value("yess") == .string("yess"))
    }

    /// go-yaml accepts a keyword all lower case, all upper case or capitalized; any other mix is a string.
    @Test func keywordCases() {
        for text in ["~", "null", "Null", "NULL"] { #expect(value(text) == .null, "\(text)") }
        for text in ["yEs", "YEs", "tRUE", "nULL", "oN", "fALSE", "nO"] { #expect(value(text) == .string(text), "\(text)") }
        for text in ["name", "none", "offset", "yesterday", "t", "f"] { #expect(value(text) == .string(text), "\(text)") }
    }

    @Test func numbers() {
        #expect(value("80") == .int(80))
        #expect(value("\"80\"") == .string("80"))
        #expect(value("'80'") == .string("80"))
        #expect(value("0x1F") == .int(31))
        #expect(value("0777") == .int(511))
        #expect(value("0o17") == .int(15))
        #expect(value("1_000") == .int(1000))
        #expect(value("-12") == .int(-12))
        #expect(value("1.5") == .float(1.5))
        #expect(value("1e3") == .float(1000))
        #expect(value(".inf") == .float(.infinity))
        #expect(value("-.inf") == .float(-.infinity))
        #expect(value("1.0.2") == .string("1.0.2"))
        #expect(value("64Mi") == .string("64Mi"))
        #expect(value("99999999999999999999") == .float(1e20))
        #expect(root("v: 8.0")?["v"]?.int == 8)
    }

    @Test func nulls() {
        #expect(value("~") == .null)
        #expect(value("null") == .null)
        #expect(value("") == .null)
        #expect(value("\"\"") == .string(""))
        #expect(root("v:")?["v"]?.isNull == true)
    }

    @Test func blockScalarsAreStrings() {
        #expect(root("v: |\n  80\n")?["v"]?.string == "80\n")
        #expect(root("v: >-\n  yes\n  no\n")?["v"]?.string == "yes no")
    }

    @Test func typeNames() {
        let node = root("a: 1\nb: 1.5\nc: x\nd: true\ne: ~\nf: []\ng: {}\n")
        #expect(["a", "b", "c", "d", "e", "f", "g"].map { node?[$0]?.typeName ?? "" }
                == ["integer", "number", "string", "boolean", "null", "array", "object"])
    }

    @Test func customTagsAreData() {
        let node = root("a: !!python/object/apply:os.system [\"x\"]\nb: !custom value\nc: !!str 80\nd: !!int \"42\"\n")
        #expect(node?["a"]?.sequence?.first?.string == "x")
        #expect(node?["a"]?.tag == "tag:yaml.org,2002:python/object/apply:os.system")
        #expect(node?["b"]?.string == "value")
        #expect(node?["b"]?.tag == "!custom")
        #expect(node?["c"]?.string == "80")
        #expect(node?["d"]?.int == 42)
    }
}

@Suite struct AliasTests {
    @Test func anchorsAndAliases() {
        let node = root("base: &b {image: nginx}\nuse: *b\nlist: [&x 1, *x]\n")
        #expect(node?["use"]?["image"]?.string == "nginx")
        #expect(node?["list"]?.sequence?.map(\.int) == [1, 1])
    }

    @Test func mergeKeys() {
        let node = root("""
        a: &a {p: 1, q: 1}
        b: &b {q: 2, r: 2}
        one:
          <<: *a
          p: 9
        many:
          <<: [*a, *b]
          w: 0
        """)
        #expect(node?["one"]?["p"]?.int == 9)
        #expect(node?["one"]?["q"]?.int == 1)
        #expect(node?["one"]?.mapping?.count == 2)
        #expect(node?["many"]?["q"]?.int == 1) // the first map listed wins
        #expect(node?["many"]?["r"]?.int == 2)
        #expect(node?["many"]?.mapping?.map(\.key) == ["w", "p", "q", "r"])
    }

    @Test func yaml11KeysBecomeJSONKeys() {
        // As sigs.k8s.io/yaml over go-yaml v2: `y` and `on` are booleans, so "true" keys.
        #expect(root("y: 1\n3: c\nnull: d\n")?.mapping?.map(\.key) == ["true", "3", "null"])
        let m = Marked("y: 1\n⟨on: 2\n")
        #expect(YAMLReader.read(m.text).error == YAMLError(.duplicateKey(key: "true", firstLine: 1), at: m.mark))
    }

    @Test func explicitKeyOverridesMergeWrittenAfter() {
        let node = root("a: &a {x: 1}\nb:\n  x: 2\n  <<: *a\n")
        #expect(node?["b"]?["x"]?.int == 2)
        #expect(node?["b"]?.mapping?.count == 1)
    }

    @Test func invalidMergeValue() {
        let m = Marked("a:\n  <<: ⟨1\n")
        let file = YAMLReader.read(m.text)
        #expect(file.error == YAMLError(.invalidMergeValue, at: m.mark))
    }

    @Test func undefinedAlias() {
        let m = Marked("a: 1\nb: ⟨*missing\n")
        #expect(YAMLReader.read(m.text).error == YAMLError(.undefinedAlias(name: "missing"), at: m.mark))
    }
}

@Suite struct ErrorTests {
    @Test func duplicateKeyNamesBothLines() {
        let m = Marked("metadata:\n  name: a\nspec: {}\nmetadata2: 1\n⟨metadata: {}\n")
        #expect(YAMLReader.read(m.text).error == YAMLError(.duplicateKey(key: "metadata", firstLine: 1), at: m.mark))
        let nested = Marked("spec:\n  containers: []\n  ⟨containers: []\n")
        #expect(YAMLReader.read(nested.text).error == YAMLError(.duplicateKey(key: "containers", firstLine: 2), at: nested.mark))
    }

    @Test func depthLimit() {
        let limits = YAMLLimits(maxDepth: 3)
        #expect(YAMLReader.read("a: {b: [1]}\n", limits: limits).error == nil)
        let m = Marked("a: {b: [⟨[1]]}\n")
        #expect(YAMLReader.read(m.text, limits: limits).error == YAMLError(.tooDeep(limit: 3), at: m.mark))
        // The default limit, 128: at it passes, one past fails.
        let atLimit = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect(YAMLReader.read(atLimit).error == nil)
        let past = Marked(String(repeating: "[", count: 128) + "⟨[" + String(repeating: "]", count: 129))
        #expect(YAMLReader.read(past.text).error == YAMLError(.tooDeep(limit: 128), at: past.mark))
    }

    @Test func billionLaughs() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        let file = YAMLReader.read(text)
        guard case .aliasExpansion(let limit)? = file.error?.kind else {
            Issue.record("expected an alias-expansion error, got \(String(describing: file.error))")
            return
        }
        #expect(limit == YAMLLimits.default.maxExpandedNodes)
        #expect(file.documents.isEmpty)
    }

    @Test func nodeBudget() {
        let limits = YAMLLimits(maxNodes: 5)
        #expect(YAMLReader.read("[1, 2, 3, 4]", limits: limits).error == nil)
        let m = Marked("[1, 2, 3, 4, ⟨5]")
        #expect(YAMLReader.read(m.text, limits: limits).error == YAMLError(.tooManyNodes(limit: 5), at: m.mark))
    }

    @Test func documentBudget() {
        let limits = YAMLLimits(maxDocuments: 2)
        #expect(YAMLReader.read("a: 1\n---\nb: 2\n", limits: limits).error == nil)
        let file = YAMLReader.read("a: 1\n---\nb: 2\n---\nc: 3\n", limits: limits)
        #expect(file.documents.count == 2)
        #expect(file.error?.kind == .tooManyDocuments(limit: 2))
        #expect(file.error?.mark == Mark(line: 5, column: 1))
    }

    @Test func fileSizeLimit() {
        let limits = YAMLLimits(maxFileBytes: 10)
        #expect(YAMLReader.read("a: 1234567", limits: limits).error == nil)
        #expect(YAMLReader.read("a: 12345678", limits: limits).error == YAMLError(.fileTooLarge(bytes: 11, limit: 10), at: Mark(line: 1, column: 1)))
    }

    @Test func tabIndentation() {
        let m = Marked("spec:\n⟨\tcontainers: []\n")
        #expect(YAMLReader.read(m.text).error == YAMLError(.tabIndentation, at: m.mark))
        let nested = Marked("spec:\n  containers:\n  - name: a\n⟨\t  image: b\n")
        #expect(YAMLReader.read(nested.text).error == YAMLError(.tabIndentation, at: nested.mark))
    }

    /// A key without its colon is reported where the key is (libyaml's context mark,
    /// which PyYAML prints first), not on the next line where libyaml stopped
    /// (yamllint's line); the stop is kept for the message.
    @Test func missingColonIsReportedOnItsLine() {
        let m = Marked("apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: a\n    ⟨image nginx\n  ⟨volumes: []\n")
        #expect(YAMLReader.read(m.text).error == YAMLError(.syntax(problem: "could not find expected ':'", context: "while scanning a simple key"),
                                                           at: m[0], stoppedAt: m[1]))
        let quote = Marked("a: ⟨\"abc\nb: 1\n⟨")
        #expect(YAMLReader.read(quote.text).error == YAMLError(.syntax(problem: "found unexpected end of stream", context: "while scanning a quoted scalar"),
                                                               at: quote[0], stoppedAt: quote[1]))
        // In a flow collection: where a ',' is missing, and where the collection opened.
        let flow = Marked("a: ⟨[1, 2\nb⟨: 3\n")
        #expect(YAMLReader.read(flow.text).error == YAMLError(.syntax(problem: "did not find expected ',' or ']'", context: "while parsing a flow sequence"),
                                                              at: flow[1], openedAt: flow[0]))
        // Without such a context the problem mark stays, as PyYAML and yamllint report it.
        let value = Marked("a:\n  b: 1\n  c: d⟨: e\n")
        #expect(YAMLReader.read(value.text).error?.mark == value.mark) // 3:7, as both say
        #expect(YAMLReader.read(value.text).error?.stoppedAt == nil)
    }

    @Test func tabInsideValueIsFine() {
        #expect(root("a: \"x\ty\"\nb: c\td\n")?["b"]?.string == "c\td")
    }

    @Test func invalidUTF8() {
        var bytes = Array("a: ok\nb: ".utf8)
        bytes += [0xC3, 0x28]
        let file = YAMLReader.read(bytes)
        #expect(file.error?.kind == .invalidEncoding)
        #expect(file.error?.mark == Mark(line: 2, column: 4))
    }

    @Test func nulByte() {
        var bytes = Array("a: ok\nb: x".utf8)
        bytes += [0x00]
        bytes += Array("y\n".utf8)
        let file = YAMLReader.read(bytes)
        #expect(file.error?.kind == .controlCharacter)
        #expect(file.error?.mark == Mark(line: 2, column: 5))
    }

    @Test func syntaxErrorPosition() {
        let m = Marked("a: [1, 2\nb: ⟨c\n")
        let file = YAMLReader.read(m.text)
        guard case .syntax? = file.error?.kind else {
            Issue.record("expected a syntax error, got \(String(describing: file.error))")
            return
        }
        #expect(file.error?.mark.line == 2)
    }

    @Test func documentsBeforeAnErrorAreKept() {
        let file = YAMLReader.read("a: 1\n---\nb: [\n")
        #expect(file.documents.count == 1)
        #expect(file.error != nil)
    }
}

@Suite struct EventTests {
    private func events(_ text: String) -> (String, Bool) {
        var seen: [String] = []
        let complete = YAMLReader.events(text) { event in
            switch event {
            case .mappingStart: seen.append("{")
            case .mappingEnd: seen.append("}")
            case .sequenceStart: seen.append("[")
            case .sequenceEnd: seen.append("]")
            case .scalar(let text): seen.append(text)
            case .alias: seen.append("*")
            case .documentEnd: seen.append("|")
            }
            return true
        }
        return (seen.joined(separator: " "), complete)
    }

    @Test func structureAndScalarsInOrder() {
        let (seen, complete) = events("a: [1, 'two']\nb: {c: &x d}\ne: *x\n---\nf\n")
        #expect(seen == "{ a [ 1 two ] b { c d } e * } | f |")
        #expect(complete)
    }

    @Test func stopsAtAnErrorAndWhenAsked() {
        let (seen, complete) = events("a: [1, 2\nb: 3\n")
        #expect(!complete)
        #expect(seen.hasPrefix("{ a [ 1"))
        var count = 0
        #expect(YAMLReader.events("[1, 2, 3]") { _ in count += 1; return count < 2 })
        #expect(count == 2)
        #expect(!YAMLReader.events("[[[[1]]]]", maxDepth: 3) { _ in true })
    }
}
