import Foundation
import XCTest
@testable import PodGradeCore
@testable import PodGradeReport

/// The Pod pictures (`--show-pod`): each renderer in both languages against its golden,
/// for the sample learner's 03, 05, 06, 07, a corpus manifest written by nobody here, and
/// a hand-made picture with every problem and every character a format must escape.
final class PodPictureTests: XCTestCase {
    static let files = [
        "Tests/Fixtures/sample-learner/03-sidecar-logging/pod.yaml",
        "Tests/Fixtures/sample-learner/05-ambassador/pod.yaml",
        "Tests/Fixtures/sample-learner/06-shared-network/pod.yaml",
        "Tests/Fixtures/sample-learner/07-shared-volume/pod.yaml",
        "Tests/Fixtures/corpus/pods/multi-container/adapter.yaml",
        "Tests/Fixtures/corpus/pods/multi-container/ambassador.yaml",
    ]

    func pictures() throws -> [PodPicture] {
        try Self.files.map { path in
            let data = try Data(contentsOf: Paths.packageRoot.appendingPathComponent(path))
            let found = PodPicture.pictures(in: Array(data), file: path)
            XCTAssertEqual(found.count, 1, path)
            return try XCTUnwrap(found.first, path)
        } + [Self.tricky]
    }

    /// Everything a picture can show that a real Pod rarely has at once.
    static let tricky = PodPicture(
        kind: "Deployment", name: "web<&>\"", file: "12 `x`/pod|a.yaml",
        containers: [
            .init(name: "init-db", image: "busybox", kind: .initContainer, lifecycle: .ends, process: "echo ready", fromImage: false, ports: []),
            .init(name: "init-wait", image: "busybox", kind: .initContainer, lifecycle: .keepsRunning, process: "sleep infinity",
                  fromImage: false, ports: []),
            .init(name: "we\"b<1>", image: "nginx:1.27 & co", kind: .app, lifecycle: .keepsRunning,
                  process: "echo '```' | tee -a /x # \u{1B}[31mred\nnext", fromImage: false,
                  ports: [.init(port: 80, declared: true, listener: "nginx"), .init(port: 8080, declared: true, listener: nil)]),
            .init(name: "end", image: nil, kind: .app, lifecycle: .ends, process: nil, fromImage: false, ports: []),
            .init(name: "shipper", image: "fluent/fluent-bit", kind: .nativeSidecar, lifecycle: .unknown, process: "fluent-bit",
                  fromImage: true, ports: [.init(port: 2020, declared: false, listener: "fluent-bit")]),
        ],
        volumes: [
            .init(name: "logs", type: "hostPath", mounts: [
                .init(container: "we\"b<1>", path: "/var/log/nginx", readOnly: false, subPath: "nginx"),
                .init(container: "shipper", path: "/in", readOnly: true, subPath: nil),
            ]),
            .init(name: "ghost", type: nil, mounts: [.init(container: "end", path: "/g", readOnly: false, subPath: nil),
                                                     .init(container: "init-wait", path: "", readOnly: false, subPath: nil)]),
        ],
        flows: [.init(writer: "we\"b<1>", reader: "shipper", volume: "logs", file: "access.log")],
        connections: [
            .init(from: "end", host: "localhost", port: 9999, hostKind: .loopback, listener: nil),
            .init(from: "end", host: "we\"b<1>", port: 80, hostKind: .podContainer, listener: nil),
            .init(from: "shipper", host: "localhost", port: 80, hostKind: .loopback, listener: "we\"b<1>"),
            .init(from: "shipper", host: "db.prod.svc", port: 5432, hostKind: .service, listener: nil),
            .init(from: "shipper", host: "$(DB_HOST)", port: nil, hostKind: .symbolic, listener: nil),
            .init(from: "init-db", host: "example.com", port: 443, hostKind: .other, listener: nil),
        ])

    func testTerminalMatchesGoldens() throws {
        let all = try pictures()
        for lang in Lang.allCases {
            assertGolden(all.map { PodPictureTerminal.render($0, lang: lang) }.joined(separator: "\n"), "pod-picture.\(lang.rawValue).txt")
        }
        // With color: the same text, styled.
        let colored = PodPictureTerminal.render(Self.tricky, lang: .en, color: true)
        XCTAssertEqual(colored.replacing(/\u{1B}\[[0-9]+m/, with: ""), PodPictureTerminal.render(Self.tricky, lang: .en))
        XCTAssertTrue(colored.contains("\u{1B}[1mend\u{1B}[0m  \u{1B}[31m[ends]\u{1B}[0m"))
        XCTAssertTrue(colored.contains("\u{1B}[31m[init container, keeps running]\u{1B}[0m"))
        XCTAssertTrue(colored.contains("\u{1B}[2m[init container, ends]\u{1B}[0m"))
        // A learner's escape sequence never reaches the terminal.
        XCTAssertFalse(PodPictureTerminal.render(Self.tricky, lang: .en).contains("\u{1B}"))
    }

    func testMermaidMatchesGoldensAndIsWellFormed() throws {
        let all = try pictures()
        for lang in Lang.allCases {
            let diagrams = all.map { PodPictureMermaid.render($0, lang: lang) }
            assertGolden(diagrams.joined(separator: "\n"), "pod-picture.\(lang.rawValue).mmd")
            for diagram in diagrams { try assertMermaidStructure(diagram) }
        }
    }

    func testSVGMatchesGoldensAndIsWellFormedXML() throws {
        let all = try pictures()
        let xmllint = External.which("xmllint")
        for lang in Lang.allCases {
            let svgs = all.map { PodPictureSVG.render($0, lang: lang) }
            assertGolden(svgs.joined(separator: "\n"), "pod-picture.\(lang.rawValue).svg")
            for svg in svgs {
                XCTAssertFalse(svg.lowercased().contains("<script"))
                XCTAssertFalse(svg.contains("href"), "self-contained: no link")
                guard let xmllint else { continue }
                let url = try External.temporary(svg, suffix: ".svg")
                defer { try? FileManager.default.removeItem(at: url) }
                let run = try External.run(xmllint, ["--noout", url.path])
                XCTAssertEqual(run.status, 0, run.output)
            }
        }
        if xmllint == nil, ProcessInfo.processInfo.environment["CI"] != nil {
            XCTFail("xmllint is missing: make deps installs libxml2-utils")
        }
    }

    /// A class report with several inline pictures defines the arrowhead once: an id is unique in a page.
    func testInlinePicturesShareOneArrowDefinitionInAPage() throws {
        let all = try pictures()
        XCTAssertGreaterThan(all.count, 1)
        var entries = Fixture.classEntries
        for i in entries.indices {
            entries[i].podPictures = ["01-pod": PodPictureSVG.render(all[i % all.count], lang: .en, inline: true)]
        }
        let html = ClassReport.html(entries, lang: .en, title: "t")
        XCTAssertEqual(html.components(separatedBy: "id=\"pp-arrow\"").count - 1, 1)
        XCTAssertGreaterThan(html.components(separatedBy: "url(#pp-arrow)").count - 1, 1)
        XCTAssertLessThan(try XCTUnwrap(html.range(of: "id=\"pp-arrow\"")).lowerBound,
                          try XCTUnwrap(html.range(of: "url(#pp-arrow)")).lowerBound, "defined before its first use")
        XCTAssertFalse(ClassReport.html(Fixture.classEntries, lang: .en, title: "t").contains("pp-arrow"), "no picture, no definition")
    }

    /// A minimal structural check of a flowchart (no Mermaid tool here): the header, then
    /// node definitions with quoted labels, links between defined nodes, class lines; no
    /// raw quote inside a label, no line a Markdown fence could end on.
    func assertMermaidStructure(_ diagram: String, file: StaticString = #filePath, line: UInt = #line) throws {
        var lines = diagram.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.removeFirst(), "flowchart LR", file: file, line: line)
        XCTAssertEqual(lines.removeLast(), "", file: file, line: line)
        let node = /^    ([cvh][0-9]+)(\["[^"]*"\]|\[\("[^"]*"\)\]|\(\["[^"]*"\]\))$/
        let link = /^    ([cvh][0-9]+) (---|==>|-\.->)(\|"[^"]*"\|)? ([cvh][0-9]+)$/
        var defined = Set<String>()
        for text in lines {
            XCTAssertFalse(text.contains("```"), text, file: file, line: line)
            if let m = text.wholeMatch(of: node) {
                XCTAssertTrue(defined.insert(String(m.1)).inserted, "defined twice: \(text)", file: file, line: line)
            } else if let m = text.wholeMatch(of: link) {
                XCTAssertTrue(defined.contains(String(m.1)) && defined.contains(String(m.4)), "undefined node: \(text)", file: file, line: line)
            } else if text == "    classDef problem stroke:#d00,stroke-width:2px" {
                continue
            } else if let m = text.wholeMatch(of: /^    class ([cvh0-9,]+) problem$/) {
                for id in m.1.split(separator: ",") { XCTAssertTrue(defined.contains(String(id)), text, file: file, line: line) }
            } else {
                XCTFail("not a flowchart line: \(text)", file: file, line: line)
            }
        }
    }

    func testMermaidLabelEscapesWhatCouldEndIt() {
        XCTAssertEqual(PodPictureMermaid.label("a\"b|c`d<e>&#f\ng\u{1B}"), "a#quot;b#124;c#96;d#lt;e#gt;#amp;#35;f g")
    }

    /// The picture is an additive extension of the JSON result: `pod` only when present.
    func testJSONCarriesThePictureOnlyWhenPresent() throws {
        var result = Fixture.result
        XCTAssertFalse(JSONReporter.encode(result).contains("\"pod\""))
        result.exercises[0].pod = Self.tricky
        let json = JSONReporter.encode(result, lang: .en)
        XCTAssertTrue(json.contains("\"pod\" : {"))
        let decoded = try JSONDecoder().decode(GradeResult.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.exercises[0].pod, Self.tricky)
        XCTAssertNil(decoded.exercises[1].pod)
    }

    /// `--show-pod` in the text and markdown reports (the GitHub step summary is the markdown report).
    func testReportsShowThePicture() throws {
        var result = Fixture.result
        let all = try pictures()
        result.exercises[0].pod = all[3]
        result.exercises[1].pod = Self.tricky
        for lang in Lang.allCases {
            assertGolden(TextReporter().render(result, context: ReportContext(lang: lang)), "text-pod.\(lang.rawValue).txt")
            assertGolden(MarkdownReporter().render(result, context: ReportContext(lang: lang)), "markdown-pod.\(lang.rawValue).md")
            XCTAssertEqual(GitHubReporter.summary(result, context: ReportContext(lang: lang)),
                           MarkdownReporter().render(result, context: ReportContext(lang: lang)))
        }
        // Without pictures the reports are unchanged.
        XCTAssertFalse(MarkdownReporter().render(Fixture.result, context: ReportContext(lang: .en)).contains("mermaid"))
        XCTAssertFalse(TextReporter().render(Fixture.result, context: ReportContext(lang: .en)).contains(PodPictureText.understood.en))
    }
}
