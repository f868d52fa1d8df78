import Foundation
import PodGradeGit
import Testing

@Suite struct FilesTests {
    /// Nested manifests, a README, a symlink to /etc/passwd, a gitlink and a big manifest.
    func makeTreeRepository(_ tmp: TemporaryDirectory) throws -> (repo: String, submoduleID: String) {
        let repo = tmp.sub("tree")
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        try git(["init", "-q"], in: repo)
        try write("kind: Pod\n", to: repo + "/k8s/pod.yaml")
        try write("kind: Service\n", to: repo + "/k8s/nested/deep/svc.yml")
        try write("{\"kind\":\"ConfigMap\"}", to: repo + "/config.JSON")
        try write("# readme\n", to: repo + "/README.md")
        try write(String(repeating: "x", count: 100), to: repo + "/big.yaml")
        try FileManager.default.createSymbolicLink(atPath: repo + "/evil.yaml", withDestinationPath: "/etc/passwd")
        try git(["add", "-A"], in: repo)
        try git(["commit", "-q", "-m", "files"], in: repo, date: Fixture.first)
        let submoduleID = try git(["rev-parse", "HEAD"], in: repo)
        try git(["update-index", "--add", "--cacheinfo", "160000,\(submoduleID),vendor/sub"], in: repo)
        try git(["commit", "-q", "-m", "gitlink"], in: repo, date: Fixture.second)
        return (repo, submoduleID)
    }

    @Test func listsManifestsSymlinksAndGitlinksWithoutCheckout() throws {
        let tmp = try TemporaryDirectory()
        let (repo, submoduleID) = try makeTreeRepository(tmp)
        let opened = try GitRepository.open(repo)
        let entries = try opened.files(at: "HEAD", limits: TreeLimits(maxBlobBytes: 50))
        #expect(entries == [
            TreeEntry(path: "big.yaml", content: .tooLarge(size: 100)),
            TreeEntry(path: "config.JSON", content: .blob(Array("{\"kind\":\"ConfigMap\"}".utf8))),
            TreeEntry(path: "evil.yaml", content: .symlink(target: "/etc/passwd")),
            TreeEntry(path: "k8s/nested/deep/svc.yml", content: .blob(Array("kind: Service\n".utf8))),
            TreeEntry(path: "k8s/pod.yaml", content: .blob(Array("kind: Pod\n".utf8))),
            TreeEntry(path: "vendor/sub", content: .submodule(commit: submoduleID)),
        ])
    }

    @Test func customFilterAndCommitIDs() throws {
        let tmp = try TemporaryDirectory()
        let (repo, submoduleID) = try makeTreeRepository(tmp)
        let opened = try GitRepository.open(repo)
        // The first commit, by full id, has no gitlink yet.
        let entries = try opened.files(at: submoduleID, include: { $0.hasSuffix(".md") })
        #expect(entries == [
            TreeEntry(path: "README.md", content: .blob(Array("# readme\n".utf8))),
            TreeEntry(path: "evil.yaml", content: .symlink(target: "/etc/passwd")),
        ])
        #expect(gitError { _ = try opened.files(at: "missing") }?.code == .revisionNotFound)
    }

    @Test func limitsStopTheListing() throws {
        let tmp = try TemporaryDirectory()
        let (repo, _) = try makeTreeRepository(tmp)
        let opened = try GitRepository.open(repo)
        #expect(gitError { _ = try opened.files(at: "HEAD", limits: TreeLimits(maxEntries: 3)) }
            == GitError(.limitExceeded,
                        "the repository has more than 3 files and folders; remove generated or vendored files"))
        let tooMuch = gitError { _ = try opened.files(at: "HEAD", limits: TreeLimits(maxTotalBytes: 120)) }
        #expect(tooMuch?.code == .limitExceeded)
    }

    @Test func manifestPathPredicate() {
        #expect(GitRepository.isManifestPath("a/b/pod.yaml"))
        #expect(GitRepository.isManifestPath("svc.yml"))
        #expect(GitRepository.isManifestPath("Deploy.YAML"))
        #expect(GitRepository.isManifestPath("cm.json"))
        #expect(!GitRepository.isManifestPath("README.md"))
        #expect(!GitRepository.isManifestPath("yaml"))
        #expect(!GitRepository.isManifestPath("pod.yaml.bak"))
    }
}
