import Foundation

/// The one harness both modes share; created on first use, before any input.
private let harness: FuzzHarness = {
    do {
        return try FuzzHarness()
    } catch {
        FileHandle.standardError.write(Data("messengerctl-fuzz: cannot prepare its temporary folder: \(error)\n".utf8))
        exit(1)
    }
}()

/// libFuzzer's entry point: one input per call; a broken promise aborts so libFuzzer saves the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let problems = harness.check(input)
    if !problems.isEmpty {
        FileHandle.standardError.write(Data(("messengerctl-fuzz: " + problems.joined(separator: "\nmessengerctl-fuzz: ") + "\n").utf8))
        abort()
    }
    return 0
}

#if FUZZING
/// libFuzzer's driver (in the runtime `-sanitize=fuzzer` links). SwiftPM points the executable's
/// `main` at this module's `@main`, so libFuzzer's own `main` is not used and `main()` below hands over.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

/// `messengerctl-fuzz`: built by `scripts/fuzz` with `-sanitize=fuzzer,address -DFUZZING` it is a
/// libFuzzer binary (all of libFuzzer's flags apply); in an ordinary build it replays saved inputs:
/// `messengerctl-fuzz crash-1234 corpus/*.yaml` checks each file and exits 1 if a promise breaks.
@main
struct MessengerctlFuzz {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv, fuzzOneInput))
        #else
        let files = CommandLine.arguments.dropFirst()
        guard !files.isEmpty else {
            print("usage: messengerctl-fuzz FILE...   (replays inputs; scripts/fuzz builds the libFuzzer binary)")
            exit(1)
        }
        var failed = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                print("\(file): cannot read")
                failed = true
                continue
            }
            let problems = harness.check([UInt8](data))
            print(problems.isEmpty ? "\(file): ok" : problems.map { "\(file): \($0)" }.joined(separator: "\n"))
            failed = failed || !problems.isEmpty
        }
        harness.remove()
        exit(failed ? 1 : 0)
        #endif
    }
}
