import Foundation
@testable import PodGradeBatch
import Testing

@Suite struct CSVTests {
    @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
        let rows = try CSV.parse("a,\"b,c\",\"say \"\"hi\"\"\"\n\"multi\nline\",x,\"\"\n")
        #expect(rows == [["a", "b,c", "say \"hi\""], ["multi\nline", "x", ""]])
    }

    @Test func crlfAndBOM() throws {
        let rows = try CSV.parse("\u{FEFF}student,repo\r\nann,https://h/a.git\r\n")
        #expect(rows == [["student", "repo"], ["ann", "https://h/a.git"]])
    }

    @Test func lastRowWithoutNewline() throws {
        #expect(try CSV.parse("a,b\nc,d") == [["a", "b"], ["c", "d"]])
    }

    @Test func unclosedQuoteIsAnError() {
        #expect(throws: RosterError.self) { try CSV.parse("a,\"b\nc\n") }
    }

    @Test func recordsKnowTheLineTheyStartOn() throws {
        let records = try CSV.records("h\n\"x\ny\nz\",1\nnext,2\n")
        #expect(records.map(\.line) == [1, 2, 5])
    }
}

@Suite struct RosterTests {
    @Test func headerWithOptionalRev() throws {
        let roster = try Roster.parse("student,repo,rev\nann,https://h/ann.git,\nbob,git://h/bob,v1\n")
        #expect(roster.map(\.student) == ["ann", "bob"])
        #expect(roster.map(\.rev) == [nil, "v1"])
        #expect(roster.map(\.line) == [2, 3])
    }

    @Test func columnsInAnyOrderAndCase() throws {
        let roster = try Roster.parse("\u{FEFF}Repo , STUDENT\r\nhttps://h/a.git, ann \r\n")
        #expect(roster == [RosterEntry(student: "ann", repo: "https://h/a.git", rev: nil, line: 2)])
    }

    @Test func quotedStudentsKeepCommasQuotesAndNewlines() throws {
        let roster = try Roster.parse("student,repo\n\"Doe, Jane\",https://h/j.git\n\"O\"\"Neil\nSr\",https://h/o.git\n")
        #expect(roster.map(\.student) == ["Doe, Jane", "O\"Neil\nSr"])
    }

    @Test func emptyRowsAreSkipped() throws {
        let roster = try Roster.parse("student,repo\n\nann,https://h/a.git\n,,\n  \n\r\nbob,https://h/b.git\n")
        #expect(roster.map(\.student) == ["ann", "bob"])
        #expect(roster.map(\.line) == [3, 7])
    }

    @Test func headerErrors() {
        #expect(throws: RosterError.self) { try Roster.parse("") }
        #expect(throws: RosterError.self) { try Roster.parse("\n\n") }
        #expect(throws: RosterError.self) { try Roster.parse("name,url\nann,https://h/a.git\n") }
        #expect(throws: RosterError.self) { try Roster.parse("student\nann\n") }
    }

    @Test func missingValuesNameTheLine() {
        #expect(rosterError("student,repo\nann,https://h/a.git\nbob,\n")?.line == 3)
        #expect(rosterError("student,repo\n,https://h/a.git\n")?.line == 2)
    }

    @Test func duplicateStudentsNameBothLines() throws {
        let error = rosterError("student,repo\nann,https://h/a.git\nbob,https://h/b.git\nann,https://h/c.git\n")
        #expect(error?.line == 4)
        #expect(error?.description.contains("first on line 2") == true)
    }

    @Test func lineNumbersCountNewlinesInsideQuotes() throws {
        let error = rosterError("student,repo\n\"a\nb\",https://h/x.git\nann,https://h/y.git\nann,https://h/z.git\n")
        #expect(error?.line == 5)
        #expect(error?.description.contains("first on line 4") == true)
    }

    func rosterError(_ text: String) -> RosterError? {
        do {
            _ = try Roster.parse(text)
            return nil
        } catch {
            return error
        }
    }
}

@Suite struct ShardTests {
    @Test func oneShardContainsEveryone() throws {
        let shard = try #require(Shard("0/1"))
        for i in 0..<200 { #expect(shard.contains("student-\(i)")) }
    }

    @Test func shardsPartitionExactlyOnce() throws {
        let names = (0..<1000).map { "learner-\($0)@example.com" }
        for n in [2, 3, 7] {
            let shards = try (0..<n).map { try #require(Shard("\($0)/\(n)")) }
            var counts: [Int] = Array(repeating: 0, count: n)
            for name in names {
                let owners = shards.indices.filter { shards[$0].contains(name) }
                #expect(owners.count == 1, "\(name) in \(owners) of \(n)")
                owners.forEach { counts[$0] += 1 }
            }
            #expect(counts.reduce(0, +) == names.count)
            // A hash split, not one shard taking all.
            #expect(counts.allSatisfy { $0 > names.count / n / 2 }, "\(counts)")
        }
    }

    @Test func stableAcrossRuns() throws {
        // FNV-1a of the UTF-8 name, mod N: the same split on every machine and run.
        let names = ["ann", "bob", "carol", "dave", "erin", "frank"]
        let split = try (0..<3).map { k in names.filter(try #require(Shard("\(k)/3")).contains) }
        #expect(split == [["ann", "bob", "dave"], ["carol"], ["erin", "frank"]])
    }

    @Test func invalidFormsRejected() {
        for text in ["", "1", "3/3", "4/3", "-1/3", "0/0", "a/b", "0/3/", "/0/3", "0//3", "+0/3", " 0/3", "0/ 3", "1/-2", "0.5/2"] {
            #expect(Shard(text) == nil, "\(text) accepted")
        }
        #expect(Shard("2/3") != nil)
    }
}

@Suite struct SafeNameTests {
    static let hostile = ["../../etc/passwd", "a/b", "", ".hidden", ".", "..", "a\\b", "a b", "ann", "Ann", "a_b",
                          "x\u{0}y", "имя", "<script>", String(repeating: "a", count: 300), String(repeating: "a", count: 301)]

    @Test func staysInsideResults() throws {
        let tmp = try TemporaryDirectory()
        let results = tmp.sub("results")
        try FileManager.default.createDirectory(atPath: results, withIntermediateDirectories: true)
        for student in Self.hostile {
            let name = SafeName.of(student)
            #expect(!name.isEmpty && !name.contains("/") && !name.hasPrefix(".") && !name.contains("\0"), "\(name)")
            #expect(name.utf8.count <= 120)
            // The file really lands in results/.
            let path = results + "/" + name + ".json"
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            #expect(URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path == results)
        }
    }

    @Test func distinctNamesStayDistinct() {
        let names = Self.hostile.map(SafeName.of)
        #expect(Set(names).count == Self.hostile.count, "\(names)")
        let many = (0..<2000).map { "a/\($0)" } + (0..<2000).map { "a_\($0)" }
        #expect(Set(many.map(SafeName.of)).count == many.count)
    }

    /// Letters of every alphabet, spaces and commas stay; only what is unsafe in
    /// a file name is replaced, and then the name gets its hash.
    @Test func namesKeepEveryAlphabet() {
        #expect(SafeName.of("Иванова, Анна") == "Иванова, Анна")
        #expect(SafeName.of("李雷") == "李雷")
        #expect(SafeName.of("Ὀδυσσεύς Λαέρτου") == "Ὀδυσσεύς Λαέρτου")
        #expect(SafeName.of("a/b") == "a_b-" + String(Shard.fnv1a("a/b"), radix: 16))
        #expect(SafeName.of("Jo: \"x\" <y>?") == "Jo_ _x_ _y__-" + String(Shard.fnv1a("Jo: \"x\" <y>?"), radix: 16))
        #expect(SafeName.of("tab\there") == "tab_here-" + String(Shard.fnv1a("tab\there"), radix: 16))
        #expect(SafeName.of("ends.") == "ends._-" + String(Shard.fnv1a("ends."), radix: 16))
        #expect(SafeName.of(String(repeating: "я", count: 60)) == String(repeating: "я", count: 50) + "-"
                + String(Shard.fnv1a(String(repeating: "я", count: 60)), radix: 16))
    }

    @Test func plainNamesAreKept() {
        #expect(SafeName.of("ann") == "ann")
        #expect(SafeName.of("ann.lee@example.com") == "ann.lee@example.com")
    }
}
