import ArgumentParser
import Foundation
import ReportModel
import ReportWorkbook
import XLSX

/// `xxgk cells FILE.xlsx [--sheet NAME]`: every cell the reader sees, one per line.
struct Cells: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Messages.text("cli.cells.abstract"),
        discussion: Messages.text("cli.cells.discussion"))

    @Argument(help: ArgumentHelp(Messages.text("cli.cells.file")))
    var file: String

    @Option(help: ArgumentHelp(Messages.text("cli.cells.sheet")))
    var sheet: String?

    func run() throws {
        // A struct mutated in place by the (non-escaping) cell closure: no reference counting
        // and no dynamic exclusivity checks per cell.
        var output = LineWriter()
        do {
            let workbook: Workbook
            var isFolder: ObjCBool = false
            if file != "-", FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), !isFolder.boolValue,
               FileManager.default.isReadableFile(atPath: file) {
                // Streamed from the file: constant memory whatever its size.
                workbook = try Workbook(contentsOf: file)
            } else {
                // Standard input, or a path readInput explains (missing, a folder, unreadable).
                workbook = try Workbook(data: try ReportFiles.readInput(file))
            }
            let chosen = try sheet.map { [try workbook.sheet(named: $0)] } ?? workbook.sheets
            for sheetInfo in chosen {
                let prefix = Array(Self.escaped(sheetInfo.name).utf8) + [9]
                try workbook.forEachCell(in: sheetInfo) { cell in
                    output.append(prefix)
                    output.appendReference(cell.reference)
                    output.append(Self.typeTag(cell.value))
                    switch cell.value {
                    case .number(let text), .string(let text), .error(let text): output.appendEscaped(text)
                    case .boolean(let value): output.append(value ? Self.trueText : Self.falseText)
                    case .empty: break
                    }
                    output.append(Self.tab)
                    if let formula = cell.formula { output.appendEscaped(formula) }
                    output.append(Self.newline)
                }
            }
            output.flush()
        } catch let error as XLSXReadError {
            output.flush()
            throw ReportInputError(file: file, error.message)
        }
    }

    /// `\tnumber\t`, … as bytes, so a line is assembled without building Strings.
    private static let numberTag = Array("\tnumber\t".utf8)
    private static let stringTag = Array("\tstring\t".utf8)
    private static let booleanTag = Array("\tboolean\t".utf8)
    private static let errorTag = Array("\terror\t".utf8)
    private static let emptyTag = Array("\tempty\t".utf8)

    /// The type column of a value, between tabs.
    private static func typeTag(_ value: CellValue) -> [UInt8] {
        switch value {
        case .number: return numberTag
        case .string: return stringTag
        case .boolean: return booleanTag
        case .error: return errorTag
        case .empty: return emptyTag
        }
    }
    private static let trueText = Array("TRUE".utf8)
    private static let falseText = Array("FALSE".utf8)
    private static let tab: [UInt8] = [9]
    private static let newline: [UInt8] = [10]

    /// One line per cell: control characters that would break the line written as escapes.
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 9 || $0 == 10 || $0 == 13 || $0 == 92 }) else { return text }
        var result = ""
        for character in text.unicodeScalars {
            switch character {
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\\": result += "\\\\"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}

/// Standard output in 64 KiB blocks: a million `print` calls would dominate the run.
private struct LineWriter {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// `text` escaped as `Cells.escaped` does, scanning its bytes in place.
    mutating func appendEscaped(_ text: String) {
        var text = text
        let plain = text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 == 9 || $0 == 10 || $0 == 13 || $0 == 92 }) else { return false }
            buffer.append(contentsOf: bytes)
            return true
        }
        if !plain { buffer.append(contentsOf: Cells.escaped(text).utf8) }
        if buffer.count >= 1 << 16 { flush() }
    }

    /// `C9`, written as bytes (a reference's `description` builds several Strings).
    mutating func appendReference(_ reference: CellReference) {
        var number = reference.column + 1
        var letters: (UInt8, UInt8, UInt8) = (0, 0, 0)
        var count = 0
        while number > 0 && count < 3 {
            let letter = UInt8(65 + (number - 1) % 26)
            switch count {
            case 0: letters.0 = letter
            case 1: letters.1 = letter
            default: letters.2 = letter
            }
            count += 1
            number = (number - 1) / 26
        }
        if count > 2 { buffer.append(letters.2) }
        if count > 1 { buffer.append(letters.1) }
        buffer.append(letters.0)
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0)
        var row = reference.row + 1
        withUnsafeMutableBytes(of: &digits) { digitBytes in
            var length = 0
            repeat {
                digitBytes[length] = UInt8(48 + row % 10)
                row /= 10
                length += 1
            } while row > 0 && length < 8
            for index in stride(from: length - 1, through: 0, by: -1) { buffer.append(digitBytes[index]) }
        }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
