import XCTest

final class PodGradeCLITestsPlaceholder: XCTestCase {}
