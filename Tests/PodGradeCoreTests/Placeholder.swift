import XCTest

final class PodGradeCoreTestsPlaceholder: XCTestCase {}
