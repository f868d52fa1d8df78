#if canImport(Glibc)
import Glibc
#endif

/// The libFuzzer driver both fuzz mains share (PodGradeFuzz, PodGradeLSPFuzz; built only
/// with PODGRADE_FUZZ=1). Each main keeps its own `LLVMFuzzerTestOneInput` and calls
/// `FuzzDriver.run` with it as its top-level code.
public enum FuzzDriver {
    /// Runs libFuzzer with the process's arguments over `testOneInput`, then exits with its status.
    public static func run(_ testOneInput: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt
