import XCTest

final class PodGradeGitTestsPlaceholder: XCTestCase {}
