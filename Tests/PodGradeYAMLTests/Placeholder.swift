import XCTest

final class PodGradeYAMLTestsPlaceholder: XCTestCase {}
