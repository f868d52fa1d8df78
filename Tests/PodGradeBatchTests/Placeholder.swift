import XCTest

final class PodGradeBatchTestsPlaceholder: XCTestCase {}
