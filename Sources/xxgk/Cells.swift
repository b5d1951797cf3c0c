import ArgumentParser
import Foundation
import ReportModel
import XLSX

/// `xxgk cells FILE.xlsx [--sheet NAME]`: every cell the reader sees, one per line.
struct Cells: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every cell of a workbook as the reader sees it.",
        discussion: """
            One line per cell with a value or formula, tab-separated: sheet, cell reference, type \
            (number, string, boolean, error, empty), value, formula. Tabs, line breaks and \
            backslashes inside values are written as \\t, \\n, \\r and \\\\. Works on any .xlsx and \
            streams, so a sheet of millions of cells needs little memory.
            """)

    @Argument(help: "The workbook to read (.xlsx).")
    var file: String

    @Option(help: "Print only this sheet.")
    var sheet: String?

    func run() throws {
        let output = LineWriter()
        do {
            let data = try ReportFiles.readInput(file)
            let workbook = try Workbook(data: data)
            let chosen = try sheet.map { [try workbook.sheet(named: $0)] } ?? workbook.sheets
            for sheetInfo in chosen {
                let prefix = Array(Self.escaped(sheetInfo.name).utf8) + [9]
                try workbook.forEachCell(in: sheetInfo) { cell in
                    output.append(prefix)
                    output.append(cell.reference.description)
                    output.append("\t" + cell.value.typeName + "\t")
                    output.append(Self.escaped(cell.value.text))
                    output.append("\t")
                    if let formula = cell.formula { output.append(Self.escaped(formula)) }
                    output.append("\n")
                }
            }
            output.flush()
        } catch let error as XLSXReadError {
            output.flush()
            printError("error: \(file): \(error)")
            throw ExitStatus.unreadableInput
        } catch let error as ReportInputError {
            printError(error.description)
            throw ExitStatus.unreadableInput
        }
    }

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
private final class LineWriter {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func append(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
