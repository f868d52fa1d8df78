import PodGradeGit
import Testing

@Suite struct RemoteValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let url: String
        let allowLocal: Bool
        let accepted: Bool
        var testDescription: String { "\(url) allowLocal=\(allowLocal)" }
    }

    static let cases: [Case] = [
        Case(url: "https://github.com/learner/lab.git", allowLocal: false, accepted: true),
        Case(url: "http://git.example.com/lab", allowLocal: false, accepted: true),
        Case(url: "git://127.0.0.1:9418/lab", allowLocal: false, accepted: true),
        Case(url: "ssh://git@example.com:22/lab.git", allowLocal: false, accepted: true),
        Case(url: "git@github.com:learner/lab.git", allowLocal: false, accepted: true),
        Case(url: "ext::sh -c x", allowLocal: true, accepted: false),
        Case(url: "ext::sh", allowLocal: true, accepted: false),
        Case(url: "fd::17", allowLocal: true, accepted: false),
        Case(url: "file:///srv/lab.git", allowLocal: false, accepted: false),
        Case(url: "file:///srv/lab.git", allowLocal: true, accepted: true),
        Case(url: "/local/path", allowLocal: false, accepted: false),
        Case(url: "/local/path", allowLocal: true, accepted: true),
        Case(url: "../relative/repo", allowLocal: false, accepted: false),
        Case(url: "ftp://example.com/lab.git", allowLocal: true, accepted: false),
        Case(url: "-oProxyCommand=touch /tmp/pwned", allowLocal: true, accepted: false),
        Case(url: "ssh://-oProxyCommand=x/lab", allowLocal: false, accepted: false),
        Case(url: "-oProxyCommand=x:lab", allowLocal: false, accepted: false),
        Case(url: "https://", allowLocal: false, accepted: false),
        Case(url: "https://example.com/a b", allowLocal: false, accepted: false),
        Case(url: "", allowLocal: true, accepted: false),
    ]

    @Test(arguments: cases)
    func policy(_ item: Case) {
        do {
            try GitRemote.validate(item.url, allowLocal: item.allowLocal)
            #expect(item.accepted, "accepted \(item.url)")
        } catch {
            #expect(!item.accepted, "refused \(item.url): \(error.message)")
            #expect(error.code == .transportRefused)
        }
    }

    @Test func refusalMessagesSayWhatToDo() {
        #expect(gitError { try GitRemote.validate("ext::sh -c x", allowLocal: true) }
            == GitError(.transportRefused,
                        "'ext::' transport URLs run helper programs and are not allowed; "
                        + "use an https://, http://, git://, ssh:// or user@host:path repository URL"))
        #expect(gitError { try GitRemote.validate("/local/path", allowLocal: false) }
            == GitError(.transportRefused,
                        "'/local/path' is a local repository, which is not allowed here; "
                        + "use an https://, http://, git://, ssh:// or user@host:path repository URL"))
    }
}
