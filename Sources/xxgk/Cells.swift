import ArgumentParser
import Foundation
import XLSX

/// `xxgk cells FILE.xlsx [--sheet NAME]`: every cell the reader sees, one per line,
/// tab-separated (sheet, cell reference, type, value, formula). Streams: a sheet of
/// millions of cells is printed in constant memory.
struct Cells: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every cell of a workbook as the reader sees it.",
        discussion: """
            One line per cell, tab-separated: sheet, cell reference, type (number, string, boolean, \
            error, empty), value, formula. Tabs, line breaks and backslashes inside values are written \
            as \\t, \\n, \\r and \\\\. Works on any .xlsx, not only xxgk's.
            """)

    @Argument(help: "The workbook to read (.xlsx).")
    var file: String

    @Option(help: "Print only the sheet of this name.")
    var sheet: String?

    func run() throws {
        let output = LineOutput()
        do {
            let document = try XLSXDocument(path: file)
            let names = sheet.map { [$0] } ?? document.sheetNames
            for name in names {
                let prefix = Array(Self.escaped(name).utf8)
                try document.readSheet(named: name) { cell in
                    output.append(prefix)
                    output.append(tab)
                    output.append(cell.reference.description)
                    output.append(tab)
                    switch cell.content {
                    case .number(let text):
                        output.append("number\t")
                        output.append(Self.escaped(text))
                    case .string(let text):
                        output.append("string\t")
                        output.append(Self.escaped(text))
                    case .boolean(let value):
                        output.append(value ? "boolean\tTRUE" : "boolean\tFALSE")
                    case .error(let text):
                        output.append("error\t")
                        output.append(Self.escaped(text))
                    case .empty:
                        output.append("empty\t")
                    }
                    output.append(tab)
                    if let formula = cell.formula { output.append(Self.escaped(formula)) }
                    output.append(newline)
                }
            }
            output.flush()
        } catch let error as XLSXReadError {
            output.flush()
            printError("error: \(file): \(error)")
            throw ExitStatus.unreadableInput
        }
    }

    /// Tab, line breaks and backslash escaped so each cell stays one line of five fields.
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

private let tab: [UInt8] = [9]
private let newline: [UInt8] = [10]

/// Standard output through a 64 KiB buffer written with `write(2)`: printing millions of
/// lines through `print` would cost more than reading them.
private final class LineOutput {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(1, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 {
                    if written < 0 && errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
