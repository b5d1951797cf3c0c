import Foundation
import XLSX

/// Feeds arbitrary bytes to the whole reader: open, every sheet streamed, defined names parsed.
/// Bytes that start like a zip or OLE file are read as the file; anything else becomes the
/// sheet XML of a small stored workbook, so mutations reach the XML parsers.
/// Any error is fine; a crash, a hang or a sanitizer report is a bug.
func readEverything(_ input: Data) {
    let isContainer = input.starts(with: [0x50, 0x4B]) || input.starts(with: [0xD0, 0xCF])
    let data = isContainer ? input : StoredZip.workbook(sheetXML: input)
    let limits = ReaderLimits(maximumEntrySize: 8 << 20, maximumTotalSize: 32 << 20, maximumCells: 200_000)
    guard let workbook = try? Workbook(data: data, limits: limits) else { return }
    for name in workbook.definedNames { _ = name.target }
    for sheet in workbook.sheets { _ = try? workbook.contents(of: sheet) }
}

#if FUZZING
/// libFuzzer's entry point (`make fuzz` builds this target with `-sanitize=fuzzer`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    readEverything(Data(bytes: bytes, count: count))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable's `main` to `<module>_main`; hand control to libFuzzer's driver.
@_cdecl("xxgk_fuzz_reader_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { bytes, length in fuzzOne(bytes, length) }
}
#else
/// Without libFuzzer: replays the files named (a corpus, or crashes turned into regressions).
@main
struct ReplayFuzzInputs {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            readEverything(data)
        }
    }
}
#endif
