import Foundation
import PodGradeGit
import Testing

@Suite struct OpenTests {
    @Test func opensWorkTreeRoot() throws {
        let tmp = try TemporaryDirectory()
        let repo = try makeThreeCommitRepository(in: tmp)
        let opened = try GitRepository.open(repo)
        #expect(opened.isBare == false)
        #expect(opened.workdir == repo)
        #expect(opened.gitDirectory == repo + "/.git")
    }

    @Test func discoversRepositoryFromInsideWorkTree() throws {
        let tmp = try TemporaryDirectory()
        let repo = try makeThreeCommitRepository(in: tmp)
        let inner = repo + "/manifests/prod"
        try FileManager.default.createDirectory(atPath: inner, withIntermediateDirectories: true)
        let opened = try GitRepository.open(inner)
        #expect(opened.workdir == repo)
        #expect(try opened.resolve().summary == "third")
    }

    @Test func opensBareRepository() throws {
        let tmp = try TemporaryDirectory()
        let repo = try makeThreeCommitRepository(in: tmp)
        let bare = tmp.sub("bare.git")
        try git(["clone", "-q", "--bare", repo, bare], in: tmp.path)
        let opened = try GitRepository.open(bare)
        #expect(opened.isBare == true)
        #expect(opened.workdir == nil)
        #expect(opened.gitDirectory == bare)
        #expect(try opened.resolve().id == (try git(["rev-parse", "HEAD"], in: repo)))
    }

    @Test func plainDirectoryIsNotARepository() throws {
        let tmp = try TemporaryDirectory()
        let error = gitError { _ = try GitRepository.open(tmp.path) }
        #expect(error == GitError(.notARepository,
                                  "no git repository at or above '\(tmp.path)'; check the path or run 'git init' there"))
    }

    @Test func missingPathIsNotARepository() throws {
        let tmp = try TemporaryDirectory()
        #expect(gitError { _ = try GitRepository.open(tmp.sub("nope")) }?.code == .notARepository)
        #expect(gitError { _ = try GitRepository.open("") }?.code == .notARepository)
    }
}

@Suite struct ResolveTests {
    @Test func resolvesHeadBranchAndShortSha() throws {
        let tmp = try TemporaryDirectory()
        let repo = try makeThreeCommitRepository(in: tmp)
        let opened = try GitRepository.open(repo)
        let headID = try git(["rev-parse", "HEAD"], in: repo)
        let featureID = try git(["rev-parse", "feature"], in: repo)

        let head = try opened.resolve()
        #expect(head == CommitInfo(id: headID, time: Date(timeIntervalSince1970: Fixture.third),
                                   summary: "third", author: Fixture.author))
        #expect(head.id.count == 40)

        let feature = try opened.resolve("feature")
        #expect(feature == CommitInfo(id: featureID, time: Date(timeIntervalSince1970: Fixture.second),
                                      summary: "second", author: Fixture.author))
        #expect(try opened.resolve(String(featureID.prefix(7))).id == featureID)
        #expect(try opened.resolve("HEAD~2").summary == "first")
    }

    @Test func unknownRevisionIsRevisionNotFound() throws {
        let tmp = try TemporaryDirectory()
        let opened = try GitRepository.open(try makeThreeCommitRepository(in: tmp))
        #expect(gitError { _ = try opened.resolve("no-such-branch") }
            == GitError(.revisionNotFound,
                        "revision 'no-such-branch' does not exist in this repository; check the branch, tag or commit id"))
        #expect(gitError { _ = try opened.resolve("") }?.code == .revisionNotFound)
        #expect(gitError { _ = try opened.resolve("HEAD~10") }?.code == .revisionNotFound)
        #expect(gitError { _ = try opened.resolve("HEAD^{tree}") }
            == GitError(.revisionNotFound, "revision 'HEAD^{tree}' does not name a commit; use a branch, tag or commit id"))
    }

    @Test func emptyRepositoryHasNoHead() throws {
        let tmp = try TemporaryDirectory()
        try git(["init", "-q", "empty"], in: tmp.path)
        let opened = try GitRepository.open(tmp.sub("empty"))
        #expect(gitError { _ = try opened.resolve() }?.code == .revisionNotFound)
    }
}

@Suite struct DeadlineTests {
    @Test func picksNewestCommitBeforeDeadlineAndCountsNewer() throws {
        let tmp = try TemporaryDirectory()
        let repo = try makeThreeCommitRepository(in: tmp)
        let opened = try GitRepository.open(repo)
        let secondID = try git(["rev-parse", "HEAD~1"], in: repo)

        let between = try opened.commit(at: Date(timeIntervalSince1970: Fixture.second + 3600))
        #expect(between.commit.id == secondID)
        #expect(between.commit.summary == "second")
        #expect(between.newerCommits == 1)

        let exactlyAtSecond = try opened.commit(at: Date(timeIntervalSince1970: Fixture.second))
        #expect(exactlyAtSecond.commit.id == secondID)
        #expect(exactlyAtSecond.newerCommits == 1)

        let afterAll = try opened.commit(at: Date(timeIntervalSince1970: Fixture.third + 1))
        #expect(afterAll.commit.summary == "third")
        #expect(afterAll.newerCommits == 0)

        let fromFeature = try opened.commit(at: Date(timeIntervalSince1970: Fixture.first + 1), from: "feature")
        #expect(fromFeature.commit.summary == "first")
        #expect(fromFeature.newerCommits == 1)
    }

    @Test func countsCorrectlyWhenClocksAreSkewed() throws {
        // The child "late" claims an older date than its parent "skewed".
        let tmp = try TemporaryDirectory()
        let repo = tmp.sub("skew")
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        try git(["init", "-q"], in: repo)
        for (name, date) in [("one", Fixture.first), ("skewed", Fixture.third), ("late", Fixture.second)] {
            try git(["commit", "-q", "--allow-empty", "-m", name], in: repo, date: date)
        }
        let opened = try GitRepository.open(repo)
        let result = try opened.commit(at: Date(timeIntervalSince1970: Fixture.second + 60))
        #expect(result.commit.summary == "late")
        #expect(result.newerCommits == 1)
    }

    @Test func deadlineBeforeFirstCommitIsRevisionNotFound() throws {
        let tmp = try TemporaryDirectory()
        let opened = try GitRepository.open(try makeThreeCommitRepository(in: tmp))
        let error = gitError { _ = try opened.commit(at: Date(timeIntervalSince1970: Fixture.first - 60)) }
        #expect(error == GitError(.revisionNotFound,
                                  "no commit reachable from 'HEAD' was made at or before 2024-01-01T09:59:00Z; "
                                  + "the oldest commit is from 2024-01-01T10:00:00Z, so nothing was submitted in time"))
        #expect(gitError { _ = try opened.commit(at: Date(), from: "nope") }?.code == .revisionNotFound)
    }
}
