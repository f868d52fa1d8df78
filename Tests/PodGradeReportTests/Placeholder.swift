import XCTest

final class PodGradeReportTestsPlaceholder: XCTestCase {}
