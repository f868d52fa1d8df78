// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "podgrade",
    // Linux only: built and tested on Debian 12 x86_64 (`make test`, `make dist-test`).
    // No Apple platform is claimed: the sources call Glibc and import FoundationEssentials
    // (not a module on macOS), and nothing builds or tests them on a Mac.
    products: [
        .executable(name: "podgrade", targets: ["podgrade"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),

        .target(name: "PodGradeYAML", dependencies: ["CYAML"]),
        .target(name: "PodGradeKubernetes", dependencies: ["PodGradeYAML"]),
        .target(name: "PodGradeGit", dependencies: ["CGit2"]),
        .target(name: "PodGradeLab"),
        .target(name: "PodGradeCore", dependencies: ["PodGradeYAML", "PodGradeKubernetes", "PodGradeGit", "PodGradeLab"]),
        .target(name: "PodGradeReport", dependencies: ["PodGradeCore"]),
        // `podgrade similar`: fingerprints of submissions and pairs of learners that look alike.
        .target(name: "PodGradeSimilarity", dependencies: ["PodGradeYAML", "PodGradeCore", "PodGradeReport"]),
        .target(name: "PodGradeBatch", dependencies: ["PodGradeCore", "PodGradeReport", "PodGradeGit", "PodGradeSimilarity"]),
        // `podgrade lsp`: the language server (framing, documents, diagnostics, hover, quick fixes).
        .target(name: "PodGradeLSP", dependencies: ["PodGradeCore", "PodGradeYAML", "PodGradeKubernetes"]),
        // Running Pods for real (podman): the oracle that holds the model to reality, and `check --run`.
        .target(name: "PodGradeRuntime", dependencies: ["PodGradeYAML", "PodGradeKubernetes", "PodGradeCore"]),
        .executableTarget(name: "podgrade", dependencies: [
            "PodGradeCore", "PodGradeReport", "PodGradeBatch", "PodGradeLSP", "PodGradeSimilarity", "PodGradeRuntime",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // `make bench`: in-process throughput of the layers, beside a bare libyaml loop.
        .executableTarget(name: "PodGradeBench", dependencies: ["CYAML", "PodGradeYAML", "PodGradeKubernetes", "PodGradeCore"]),
        // `make lab`: writes Sources/PodGradeLab/BundledLabImages.swift, the bundled specs' trees laid out.
        .executableTarget(name: "PodGradeLabImages", dependencies: ["PodGradeCore"]),
        // `make oracle`: Pods generated from a grammar of what learners write, and the lab's cases,
        // run with podman and compared with what the model predicts.
        .executableTarget(name: "PodGradeOracle", dependencies: ["PodGradeYAML", "PodGradeKubernetes", "PodGradeCore", "PodGradeRuntime"]),

        .testTarget(name: "PodGradeYAMLTests", dependencies: ["PodGradeYAML"]),
        .testTarget(name: "PodGradeKubernetesTests", dependencies: ["PodGradeKubernetes", "PodGradeYAML"]),
        // Helpers for the tests that build real repositories and fake servers.
        .target(name: "PodGradeTestSupport", path: "Tests/PodGradeTestSupport"),
        .testTarget(name: "PodGradeGitTests", dependencies: ["PodGradeGit", "PodGradeTestSupport"]),
        .testTarget(name: "PodGradeCoreTests", dependencies: ["PodGradeCore", "PodGradeLab"]),
        .testTarget(name: "PodGradeReportTests", dependencies: ["PodGradeReport", "PodGradeCore"], exclude: ["Golden"]),
        .testTarget(name: "PodGradeBatchTests", dependencies: ["PodGradeBatch", "PodGradeCore", "podgrade", "PodGradeTestSupport"]),
        .testTarget(name: "PodGradeCLITests", dependencies: ["podgrade"], exclude: ["Golden"]),
        // Protocol-level tests in process, and the Neovim end-to-end test (nvim/e2e.lua) of the real binary.
        .testTarget(name: "PodGradeLSPTests", dependencies: ["PodGradeLSP", "PodGradeCore", "PodGradeYAML", "podgrade"], exclude: ["nvim"]),
        .testTarget(name: "PodGradeRuntimeTests", dependencies: ["PodGradeRuntime", "PodGradeCore", "PodGradeYAML", "PodGradeKubernetes"]),
        .testTarget(name: "PodGradeSimilarityTests", dependencies: ["PodGradeSimilarity", "PodGradeCore", "PodGradeYAML", "podgrade"]),
    ]
)

// The libFuzzer targets (bench/fuzz.sh, bench/fuzz-lsp.sh): declared only with
// PODGRADE_FUZZ=1, because they have no `main` of their own (libFuzzer supplies it
// under -sanitize=fuzzer) and so cannot link in a normal build.
if Context.environment["PODGRADE_FUZZ"] == "1" {
    package.targets.append(.target(name: "PodGradeFuzzDriver"))
    package.products.append(.executable(name: "PodGradeFuzz", targets: ["PodGradeFuzz"]))
    package.targets.append(.executableTarget(name: "PodGradeFuzz", dependencies: ["PodGradeYAML", "PodGradeKubernetes", "PodGradeCore", "PodGradeReport", "PodGradeFuzzDriver"]))
    package.products.append(.executable(name: "PodGradeLSPFuzz", targets: ["PodGradeLSPFuzz"]))
    package.targets.append(.executableTarget(name: "PodGradeLSPFuzz", dependencies: ["PodGradeLSP", "PodGradeFuzzDriver"]))
}
