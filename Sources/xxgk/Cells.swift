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
                let prefix = Array((Self.escaped(name) + "\t").utf8)
                try document.readSheet(named: name) { cell in
                    output.append(prefix)
                    output.appendReference(cell.reference)
                    switch cell.content {
                    case .number(let text):
                        output.append(Self.numberTag)
                        output.appendEscaped(text)
                    case .string(let text):
                        output.append(Self.stringTag)
                        output.appendEscaped(text)
                    case .boolean(let value):
                        output.append(value ? Self.trueTag : Self.falseTag)
                    case .error(let text):
                        output.append(Self.errorTag)
                        output.appendEscaped(text)
                    case .empty:
                        output.append(Self.emptyTag)
                    }
                    output.append(tab)
                    if let formula = cell.formula { output.appendEscaped(formula) }
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

    private static let numberTag = Array("\tnumber\t".utf8)
    private static let stringTag = Array("\tstring\t".utf8)
    private static let trueTag = Array("\tboolean\tTRUE".utf8)
    private static let falseTag = Array("\tboolean\tFALSE".utf8)
    private static let errorTag = Array("\terror\t".utf8)
    private static let emptyTag = Array("\tempty\t".utf8)

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

    /// `text` with tab, line breaks and backslash escaped (`Cells.escaped`), scanning bytes.
    func appendEscaped(_ text: String) {
        var text = text
        let plain = text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 == 9 || $0 == 10 || $0 == 13 || $0 == 92 }) else { return false }
            buffer.append(contentsOf: bytes)
            return true
        }
        if !plain { buffer.append(contentsOf: Cells.escaped(text).utf8) }
        if buffer.count >= 1 << 16 { flush() }
    }

    /// `C9`, written as bytes without building a String.
    func appendReference(_ reference: CellReference) {
        var letters: (UInt8, UInt8, UInt8) = (0, 0, 0)
        var count = 0
        var number = reference.column + 1
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
        var length = 0
        withUnsafeMutableBytes(of: &digits) { digitBytes in
            repeat {
                digitBytes[length] = UInt8(48 + row % 10)
                row /= 10
                length += 1
            } while row > 0 && length < 8
            for index in stride(from: length - 1, through: 0, by: -1) { buffer.append(digitBytes[index]) }
        }
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
