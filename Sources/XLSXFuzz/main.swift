import CFuzzDriver
import Foundation
import XLSX

// `make fuzz`: hands control to libFuzzer, which calls `fuzzReader` for every input.
var arguments = CommandLine.argc
var argumentValues: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues, fuzzReader))

/// libFuzzer's callback. An input starting with byte 1 is XML: a sheet, then after a 0 byte
/// the shared strings, wrapped into a valid workbook; any other input is the file itself.
/// Either way the result is read through the whole public reader API: open, every sheet's
/// cells, merged ranges, defined-name targets. Any crash, memory error (AddressSanitizer) or
/// hang is a finding; a thrown XLSXReadError is the expected outcome for most inputs.
/// Exported under libFuzzer's name too, for when the linker picks libFuzzer's own `main`.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let bytes = input.first == 1 ? wrapped(Array(input.dropFirst())) : input
    guard FileManager.default.createFile(atPath: FuzzFile.path, contents: Data(bytes)) else { return 0 }
    readEverything(FuzzFile.path)
    return 0
}

/// A workbook of one sheet whose XML (and shared strings) are the fuzzer's bytes.
func wrapped(_ xml: [UInt8]) -> [UInt8] {
    let split = xml.firstIndex(of: 0) ?? xml.endIndex
    let sheet = Array(xml[..<split])
    let strings = split < xml.endIndex ? Array(xml[(split + 1)...]) : []
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    let package = "http://schemas.openxmlformats.org/package/2006/relationships"
    let workbook = """
        <workbook xmlns="\(main)" xmlns:r="\(relationships)"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>\
        <definedNames><definedName name="a">S!$A$1</definedName></definedNames></workbook>
        """
    let rels = """
        <Relationships xmlns="\(package)"><Relationship Id="rId1" Type="\(relationships)/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="\(relationships)/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>
        """
    return StoredZip.archive([
        ("xl/workbook.xml", Array(workbook.utf8)),
        ("xl/_rels/workbook.xml.rels", Array(rels.utf8)),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", strings),
    ])
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
