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
    readEverything(Data(bytes))
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

/// Reads every part of the workbook in `data`, discarding what it finds.
func readEverything(_ data: Data) {
    guard let workbook = try? Workbook(data: data) else { return }
    var total = workbook.customProperties.count + (workbook.uses1904Dates ? 1 : 0)
    for name in workbook.definedNames { total += name.target?.sheet.utf8.count ?? 0 }
    for sheet in workbook.sheets {
        _ = try? workbook.forEachCell(in: sheet) { cell in
            total += cell.formula?.utf8.count ?? 0
            total += cell.value.text.utf8.count
        }
    }
    blackHole(total)
}

/// Keeps the optimiser from dropping the reads.
@inline(never)
func blackHole(_ value: Int) { if value == -1 { print(value) } }
