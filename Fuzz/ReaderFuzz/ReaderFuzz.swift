import Foundation
import ReportFormats
import ReportModel
import XLSX

/// What one fuzz input is fed to: the registry's reader of one kind, picked by name, so a
/// kind added to the registry is fuzzed with no new harness.
struct FuzzTarget: Sendable {
    /// The reader under test (`ReportFormats.reader(named:)`).
    let reader: any ReportReader

    /// The target named by `XXGK_FUZZ_KIND` (json, xlsx, txt, md, html, pdf; default xlsx).
    static func fromEnvironment() -> FuzzTarget? {
        let name = ProcessInfo.processInfo.environment["XXGK_FUZZ_KIND"] ?? "xlsx"
        return ReportFormats.reader(named: name).map(FuzzTarget.init)
    }

    /// Feeds one input to the reader; any thrown error is a clean refusal. A crash, a hang
    /// or a sanitizer report is a bug.
    func run(_ input: Data) {
        guard reader.kind.name == "xlsx" else {
            _ = try? ReportFormats.read(input, file: "fuzz.\(reader.kind.name)", with: reader)
            return
        }
        // Bytes that start like a zip or OLE file are read as the file; anything else becomes
        // the sheet XML of a small stored workbook, so mutations reach the XML parsers (raw
        // mutations of a deflated archive rarely survive inflation).
        let isContainer = input.starts(with: [0x50, 0x4B]) || input.starts(with: [0xD0, 0xCF])
        let data = isContainer ? input : StoredZip.workbook(sheetXML: input)
        readEverything(data)
        // The importer on the same workbook: a report or a clean error out.
        _ = try? ReportFormats.read(data, file: "fuzz.xlsx", with: reader)
    }

    /// The generic reader over everything: open, every sheet streamed, defined names parsed.
    private func readEverything(_ data: Data) {
        let limits = ReaderLimits(maximumEntrySize: 8 << 20, maximumTotalSize: 32 << 20, maximumCells: 200_000)
        guard let workbook = try? Workbook(data: data, limits: limits) else { return }
        for name in workbook.definedNames { _ = name.target }
        for sheet in workbook.sheets { _ = try? workbook.contents(of: sheet) }
    }
}

#if FUZZING
/// The target of this process, chosen once before the first input.
let fuzzTarget: FuzzTarget? = FuzzTarget.fromEnvironment()

/// libFuzzer's entry point (`make fuzz` builds this target with `-sanitize=fuzzer`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes, let fuzzTarget else { return 0 }
    fuzzTarget.run(Data(bytes: bytes, count: count))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable's `main` to `<module>_main`; hand control to libFuzzer's driver.
@_cdecl("xxgk_fuzz_reader_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    guard fuzzTarget != nil else {
        FileHandle.standardError.write(Data("XXGK_FUZZ_KIND must name a reader: \(ReportFormats.readerNames.joined(separator: ", "))\n".utf8))
        return 64
    }
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { bytes, length in fuzzOne(bytes, length) }
}
#else
/// Without libFuzzer: replays the files named (a corpus, or crashes turned into regressions)
/// through the reader of `XXGK_FUZZ_KIND`.
@main
struct ReplayFuzzInputs {
    static func main() {
        guard let target = FuzzTarget.fromEnvironment() else {
            FileHandle.standardError.write(Data("XXGK_FUZZ_KIND must name a reader: \(ReportFormats.readerNames.joined(separator: ", "))\n".utf8))
            exit(64)
        }
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            target.run(data)
        }
    }
}
#endif
