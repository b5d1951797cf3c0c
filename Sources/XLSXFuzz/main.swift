import CFuzzDriver
import Foundation
import XLSX

// `make fuzz`: hands control to libFuzzer, which calls `fuzzReader` for every input.
var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues, fuzzReader))

/// libFuzzer's callback: the input bytes are written to a file and read as a
/// workbook through the whole public reader API: open, every sheet's cells, merged ranges,
/// defined-name targets. Any crash, leak (AddressSanitizer) or hang is a finding; a thrown
/// XLSXReadError is the expected outcome for almost every input.
/// Exported under libFuzzer's name too, for when the linker picks libFuzzer's own `main`.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let path = FuzzFile.path
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    guard FileManager.default.createFile(atPath: path, contents: bytes) else { return 0 }
    readEverything(path)
    return 0
}

/// Reads every part of the workbook at `path`, discarding what it finds.
func readEverything(_ path: String) {
    guard let document = try? XLSXDocument(path: path) else { return }
    _ = document.customProperties.count + (document.uses1904Dates ? 1 : 0)
    for name in document.definedNames { _ = name.target }
    for sheet in document.sheetNames {
        var cells = 0
        try? document.readSheet(named: sheet) { cell in
            cells += cell.formula?.utf8.count ?? 0
            if case .string(let text) = cell.content { cells += text.utf8.count }
        }
        _ = try? document.mergedRanges(inSheet: sheet)
    }
}

/// One scratch file per fuzzing process.
enum FuzzFile {
    static let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("xxgk-fuzz-\(ProcessInfo.processInfo.processIdentifier).xlsx").path
}
