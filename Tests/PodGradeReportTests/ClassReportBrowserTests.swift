import Foundation
import XCTest
import PodGradeCore
import PodGradeReport

/// report.html of a 9-learner class in a real browser: headless Chromium at
/// 1280 px runs the page's script and a probe injected into a test-only copy,
/// and `--dump-dom` hands back what the probe measured. Skipped (with the
/// reason) when Chromium is not installed or cannot start.
final class ClassReportBrowserTests: XCTestCase {
    /// Nine learners graded for real (the sample learner and the reference
    /// solutions), with long names, a long error, lateness and a code frame.
    static func nineLearners() throws -> [ClassEntry] {
        let root = Paths.packageRoot.path
        let sample = Grader(lab: .bundled).grade(try WorkTreeReader.read(root: root + "/Tests/Fixtures/sample-learner"))
        let solutions = Grader(lab: .bundled).grade(try WorkTreeReader.read(root: root + "/solutions"))
        var entries: [ClassEntry] = []
        let names = ["Анна Иванова", "bob", "Carla Maria Fernández de la Vega y Montenegro-Rodríguez", "<img src=x onerror=alert(1)>",
                     "dmitry", "eve", "Фёдор Достоевский", "gus", "hana"]
        for (index, name) in names.enumerated() {
            let repo = "https://git.example.edu/course-2026/very-long-group-name/\(index)-learner-repository-with-a-long-name.git"
            if index == 5 {
                entries.append(ClassEntry(student: name, repo: repo, status: .error,
                                          error: "https://git.example.edu/course-2026/x.git: the server closed the connection after 60 s of silence; "
                                            + String(repeating: "check the URL and that the repository is public ", count: 4)))
                continue
            }
            let result = index % 3 == 1 ? solutions : sample
            var entry = ClassEntry(student: name, repo: repo, commit: String(repeating: "\(index)", count: 40), status: LearnerStatus(result),
                                   result: result, feedbackLink: "results/\(name).json", deadline: "2026-12-01T20:59:00Z",
                                   late: index * 20_000, penalty: index, finalScore: result.score - index)
            if let located = result.exercises.flatMap(\.checks).filter({ $0.status == .fail }).flatMap(\.findings).first(where: { $0.location != nil }),
               let location = located.location {
                entry.excerpt = [location.file: [location.line: "        " + String(repeating: "averyveryverylongyamlvalue", count: 12)]]
            }
            entries.append(entry)
        }
        return entries
    }

    static let probe = """
    <script>
    (function(){var out={};var t=document.getElementById('learners');
    function names(){return Array.prototype.map.call(t.tBodies[0].rows,function(r){return r.cells[0].textContent;});}
    out.hashSorted=names();out.hashAria=t.tHead.rows[0].cells[2].getAttribute('aria-sort');
    out.width=document.documentElement.scrollWidth;out.tableWidth=t.getBoundingClientRect().right;
    var b=t.tHead.rows[0].cells[0].querySelector('button');b.click();out.byName=names();out.aria=t.tHead.rows[0].cells[0].getAttribute('aria-sort');
    b.click();out.byNameDesc=names();
    var d=document.getElementById('learner-1');out.closed=!d.open;
    document.querySelector('#learners a[href="#learner-1"]').click();out.opened=d.open;
    var all=document.querySelectorAll('details');for(var i=0;i<all.length;i++)all[i].open=true;
    out.widthOpen=document.documentElement.scrollWidth;
    var p=document.createElement('pre');p.id='probe';p.textContent=JSON.stringify(out);document.body.appendChild(p);})();
    </script>
    """

    func testSortsExpandsAndFitsAt1280InChromium() throws {
        let browser = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let browser else { throw XCTSkip("chromium is not installed (make deps installs it): the report was not rendered in a browser") }
        let entries = try Self.nineLearners()
        for lang in Lang.allCases { try render(entries, lang: lang, browser: browser) }
    }

    private func render(_ entries: [ClassEntry], lang: Lang, browser: String) throws {
        let html = ClassReport.html(entries, lang: lang, title: "Проверка: много-контейнерные PODs",
                                    policy: ClassPolicy(deadline: "2026-12-01T23:59:00+03:00", lateUntil: "2026-12-08T23:59:00+03:00",
                                                        penalty: "10% за каждые начатые сутки, не более 50%"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podgrade-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report-\(lang.rawValue).html")
        try Data(html.replacingOccurrences(of: "</body>", with: Self.probe + "</body>").utf8).write(to: page)
        // The page's own script honours #sort=2-desc (the score, highest first) on load.
        let dom = try Self.run(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,900",
                                         "--user-data-dir=" + folder.appendingPathComponent("profile").path,
                                         "--dump-dom", page.absoluteString + "#sort=2-desc"])
        guard let dom else { throw XCTSkip("chromium could not start here: the report was not rendered in a browser") }
        guard let start = dom.range(of: "<pre id=\"probe\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            return XCTFail("the probe did not run (\(lang)): \(dom.prefix(2000))")
        }
        let text = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let probe = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
        let scores = Dictionary(entries.map { ($0.student, $0.result?.score ?? -1) }, uniquingKeysWith: { a, _ in a })
        let hashSorted = try XCTUnwrap(probe["hashSorted"] as? [String])
        XCTAssertEqual(hashSorted.map { scores[$0] ?? -2 }, entries.map { $0.result?.score ?? -1 }.sorted(by: >), "\(hashSorted)")
        XCTAssertEqual(probe["hashAria"] as? String, "descending")
        XCTAssertEqual(probe["byName"] as? [String], entries.map(\.student).sorted { $0.lowercased() < $1.lowercased() })
        XCTAssertEqual(probe["aria"] as? String, "ascending")
        XCTAssertEqual(probe["byNameDesc"] as? [String], entries.map(\.student).sorted { $0.lowercased() > $1.lowercased() })
        XCTAssertEqual(probe["closed"] as? Bool, true)
        XCTAssertEqual(probe["opened"] as? Bool, true, "the table's link opens the learner's section")
        XCTAssertLessThanOrEqual(probe["width"] as? Int ?? .max, 1280, "the page is wider than the viewport (\(lang)): \(text)")
        XCTAssertLessThanOrEqual(probe["widthOpen"] as? Int ?? .max, 1280, "an open section is wider than the viewport (\(lang)): \(text)")
        // To look at it: PODGRADE_REPORT_COPY=/tmp/report keeps the pages (report.ru.html, report.en.html) (without the probe).
        if let copy = ProcessInfo.processInfo.environment["PODGRADE_REPORT_COPY"] {
            try Data(html.utf8).write(to: URL(fileURLWithPath: copy + "." + lang.rawValue + ".html"))
        }
    }

    /// The browser's stdout, or nil when it did not start or end within 60 s.
    static func run(_ executable: String, _ arguments: [String]) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("podgrade-dom-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { process.terminate(); return nil }
        try handle.close()
        guard process.terminationStatus == 0 else { return nil }
        return try String(contentsOf: output, encoding: .utf8)
    }
}
