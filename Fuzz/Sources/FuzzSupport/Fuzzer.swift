import FuzzerDriver

/// Runs libFuzzer over `test` with the process's arguments (libFuzzer's flags and corpus folders)
/// and returns its exit status. `test` traps on a property violation: that is the finding.
///
/// SwiftPM links every executable with its entry point renamed to `<target>_main`, which replaces
/// libFuzzer's own `main`; each target defines that function and calls this.
public func runLibFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, test)
}

/// The input as a buffer (libFuzzer may pass a null pointer for an empty input).
public func inputBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: size == 0 ? nil : data, count: size)
}
