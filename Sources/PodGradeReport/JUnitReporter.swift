public import PodGradeCore

/// JUnit XML for CI test tabs (Jenkins xUnit, GitLab, GitHub test reporters):
/// a `<testsuite>` per exercise, a `<testcase>` per check. Valid against the
/// Jenkins xUnit plugin's `junit-10.xsd`.
public struct JUnitReporter: Reporter {
    public static let name = "junit"

    public init() {}

    public func render(_ result: GradeResult, context: ReportContext) -> String {
        let lang = context.lang
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, errors: 0)
        for exercise in result.exercises {
            let suite = self.suite(exercise, lang: lang)
            totals.tests += suite.tests
            totals.failures += suite.failures
            totals.errors += suite.errors
            suites.append(suite.xml)
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"podgrade\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\" time=\"0\">\n"
        out += suites.joined()
        out += "</testsuites>\n"
        return out
    }

    private func suite(_ exercise: ExerciseResult, lang: Lang) -> (xml: String, tests: Int, failures: Int, errors: Int) {
        let id = Escape.xml(exercise.id)
        var cases: [String] = []
        var failures = 0, errors = 0, skipped = 0
        if exercise.status == .missing {
            let message = Escape.xml(ReportText.missing.text(lang))
            cases.append("    <testcase classname=\"\(id)\" name=\"submission\" time=\"0\">\n"
                         + "      <failure message=\"\(message)\" type=\"missing\">\(message)</failure>\n"
                         + "    </testcase>\n")
            failures = 1
        } else {
            for check in exercise.checks {
                var body = ""
                switch check.status {
                case .fail:
                    failures += 1
                    body = "      <failure message=\"\(Escape.xml(check.text(lang)))\" type=\"rule\">"
                        + Escape.xmlText(details(check, lang: lang)) + "</failure>\n"
                case .error:
                    errors += 1
                    body = "      <error message=\"\(Escape.xml(check.text(lang)))\" type=\"check\">"
                        + Escape.xmlText(details(check, lang: lang)) + "</error>\n"
                case .skip:
                    skipped += 1
                    body = "      <skipped message=\"\(Escape.xml(check.text(lang)))\"/>\n"
                case .info:
                    let text = check.findings.map { ReportText.located($0, lang) }.joined(separator: "\n")
                    if !text.isEmpty { body = "      <system-out>" + Escape.xmlText(text) + "</system-out>\n" }
                case .pass:
                    // Kubernetes warnings on a passing check: worth reading, not a failure.
                    let notes = check.findings.dropFirst().map { ReportText.located($0, lang) }.joined(separator: "\n")
                    if !notes.isEmpty { body = "      <system-out>" + Escape.xmlText(notes) + "</system-out>\n" }
                }
                let name = Escape.xml("\(check.id) [\(check.rule)]")
                if body.isEmpty {
                    cases.append("    <testcase classname=\"\(id)\" name=\"\(name)\" time=\"0\"/>\n")
                } else {
                    cases.append("    <testcase classname=\"\(id)\" name=\"\(name)\" time=\"0\">\n" + body + "    </testcase>\n")
                }
            }
        }
        let tests = cases.count
        var out = "  <testsuite name=\"\(id)\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"0\">\n"
        out += "    <properties>\n"
        out += "      <property name=\"title\" value=\"\(Escape.xml(exercise.title.text(lang)))\"/>\n"
        out += "      <property name=\"status\" value=\"\(exercise.status.rawValue)\"/>\n"
        out += "      <property name=\"score\" value=\"\(exercise.score)\"/>\n"
        out += "      <property name=\"maxScore\" value=\"\(exercise.maxScore)\"/>\n"
        out += "      <property name=\"passScore\" value=\"\(exercise.passScore)\"/>\n"
        out += "    </properties>\n"
        out += cases.joined()
        out += "  </testsuite>\n"
        return (out, tests, failures, errors)
    }

    /// Every finding as `file:line:column: message`, then the hint.
    private func details(_ check: CheckResult, lang: Lang) -> String {
        var lines = check.findings.map { ReportText.located($0, lang) }
        if let hint = check.hint { lines.append(ReportText.hint.text(lang) + ": " + hint.text(lang)) }
        return lines.joined(separator: "\n")
    }
}
