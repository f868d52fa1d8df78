public import PodGradeCore

/// GitHub Actions workflow commands: an `::error` annotation per finding of a
/// failed check (on its file, line and column), `::warning` for Kubernetes
/// warnings and advice, a `::notice` with each exercise's score line. Every
/// value is escaped, so a learner's text cannot end the command or start a new one.
/// `summary` gives the Markdown report for `$GITHUB_STEP_SUMMARY`.
public struct GitHubReporter: Reporter {
    public static let name = "github"

    public init() {}

    public func render(_ result: GradeResult, context: ReportContext) -> String {
        let lang = context.lang
        var out: [String] = []
        for exercise in result.exercises {
            for check in exercise.checks {
                switch check.status {
                case .fail, .error:
                    var hint = ""
                    if let text = check.hint { hint = "\n" + ReportText.hint.text(lang) + ": " + text.text(lang) }
                    for finding in check.findings {
                        out.append(Self.command("error", finding: finding, title: "\(exercise.id): \(check.id)", message: finding.message.text(lang) + hint))
                    }
                case .info:
                    for finding in check.findings {
                        out.append(Self.command("warning", finding: finding, title: "\(exercise.id): \(check.id)", message: finding.message.text(lang)))
                    }
                case .pass:
                    for finding in check.findings.dropFirst() {
                        out.append(Self.command("warning", finding: finding, title: "\(exercise.id): \(check.id)", message: finding.message.text(lang)))
                    }
                case .skip:
                    continue
                }
            }
            out.append(Self.command("notice", finding: nil, title: exercise.id, message: ReportText.scoreLine(exercise, lang)))
        }
        out.append(Self.command("notice", finding: nil, title: "podgrade", message: ReportText.totalLine(result, lang)))
        for note in result.notes ?? [] {
            out.append(Self.command("warning", finding: nil, title: "podgrade", message: note))
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The Markdown report to append to `$GITHUB_STEP_SUMMARY`.
    public static func summary(_ result: GradeResult, context: ReportContext) -> String {
        MarkdownReporter().render(result, context: context)
    }

    /// `::error file=F,line=L,col=C,title=T::message`, escaped per GitHub's rules.
    static func command(_ kind: String, finding: FindingResult?, title: String, message: String) -> String {
        var properties: [String] = []
        if let location = finding?.location {
            properties.append("file=" + Escape.githubProperty(location.file))
            properties.append("line=\(location.line)")
            properties.append("col=\(location.column)")
        }
        properties.append("title=" + Escape.githubProperty(title))
        return "::\(kind) " + properties.joined(separator: ",") + "::" + Escape.githubData(message)
    }
}
