import XCTest

final class PodGradeKubernetesTestsPlaceholder: XCTestCase {}
