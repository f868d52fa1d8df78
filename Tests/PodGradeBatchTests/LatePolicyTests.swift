import Foundation
import Testing
import PodGradeCore
import PodGradeBatch
import PodGradeGit

@Suite struct LatePolicyTests {
    @Test func parsesPenaltiesPerDayAndHour() {
        #expect(LatePolicy("10%/day", cap: nil) == LatePolicy(percent: 10, unit: .day))
        #expect(LatePolicy("2%/h", cap: 30) == LatePolicy(percent: 2, unit: .hour, cap: 30))
        for bad in ["10%", "10%/week", "x%/day", "101%/day", "-1%/day", "2.5%/hour", ""] {
            #expect(LatePolicy(bad, cap: nil) == nil, "\(bad)")
        }
    }

    @Test func everyStartedUnitCountsUpToTheCap() {
        let daily = LatePolicy(percent: 10, unit: .day, cap: 25)
        #expect(daily.penaltyPercent(lateness: 0) == 0)
        #expect(daily.penaltyPercent(lateness: 1) == 10)
        #expect(daily.penaltyPercent(lateness: 86_400) == 10)
        #expect(daily.penaltyPercent(lateness: 86_401) == 20)
        #expect(daily.penaltyPercent(lateness: 10 * 86_400) == 25)
        #expect(daily.penaltyPoints(score: 25, lateness: 1) == 3) // 2.5 rounds half up
        #expect(daily.penaltyPoints(score: 13, lateness: 86_401) == 3) // 20% of 13 = 2.6
        let hourly = LatePolicy(percent: 5, unit: .hour)
        #expect(hourly.penaltyPercent(lateness: 3 * 3_600 + 1) == 20)
        #expect(hourly.penaltyPercent(lateness: 1_000_000_000) == 100)
    }

    @Test func extensionsMoveTheDeadlineAndTheWindow() throws {
        let deadline = try #require(Deadline.parse("2024-01-02T12:00:00Z"))
        let until = try #require(Deadline.parse("2024-01-04T00:00:00Z"))
        #expect(DeadlineExtension("2d") == .by(seconds: 172_800))
        #expect(DeadlineExtension("36h") == .by(seconds: 129_600))
        #expect(DeadlineExtension("90m") == .by(seconds: 5_400))
        for bad in ["2w", "d", "-2d", "2 d", "tomorrow"] { #expect(DeadlineExtension(bad) == nil, "\(bad)") }
        let moved = LearnerDeadline(deadline: deadline, lateUntil: until, extension: DeadlineExtension("2024-01-03T12:00:00Z"))
        #expect(ISOTime.format(moved.deadline) == "2024-01-03T12:00:00Z")
        #expect(ISOTime.format(moved.lateUntil) == "2024-01-05T00:00:00Z")
        let noWindow = LearnerDeadline(deadline: deadline, lateUntil: nil, extension: .by(seconds: 3_600))
        #expect(ISOTime.format(noWindow.lateUntil) == "2024-01-02T13:00:00Z")
        #expect(noWindow.lateness(of: deadline.addingTimeInterval(7_200)) == 3_600)
        #expect(noWindow.lateness(of: deadline) == 0)
    }

    @Test func isoTimeRoundTrips() throws {
        for text in ["1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "2026-12-01T20:59:00Z", "1969-12-31T23:59:59Z"] {
            #expect(ISOTime.format(try #require(Deadline.parse(text))) == text)
        }
    }

    @Test func rosterExtensionAndIdentityColumns() throws {
        let roster = try Roster.parse("student,repo,extension,Email\nann,https://h/a.git,36h,ann@x.example\nbob,https://h/b.git,,\n")
        #expect(roster[0].deadlineExtension == .by(seconds: 129_600))
        #expect(roster[0].identity == ["email": "ann@x.example"])
        #expect(roster[1].deadlineExtension == nil)
        #expect(roster[1].identity == [:])
        #expect(throws: RosterError.self) { try Roster.parse("student,repo,extension\nann,https://h/a.git,next week\n") }
        do {
            _ = try Roster.parse("student,repo,extension\nann,https://h/a.git,next week\n")
        } catch {
            #expect(error.description == "roster line 2: the extension 'next week' of ann is neither an ISO time with an offset (2026-12-03T23:59:00+03:00) nor a duration (2d, 36h, 90m)")
        }
    }
}
