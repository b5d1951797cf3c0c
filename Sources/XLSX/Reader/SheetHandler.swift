import CLibXML2

/// Streams a worksheet's cells (`<sheetData><row><c>`) and collects its merged ranges.
///
/// Format rules it follows: `r` on rows and cells is optional (a row without `r` follows the
/// previous row, a cell without `r` the previous cell); the cell type `t` is `s` (shared
/// string index), `str` (formula text result), `inlineStr` (`<is>` with `<t>` or rich runs),
/// `b` (`1`/`0`/`true`/`false`), `e` (error), `d` (ISO date, kept as text), `n` or absent
/// (number); a shared formula's followers carry only `<f t="shared" si="n"/>`.
final class SheetHandler: XMLPartHandler {
    /// Where the cell's type says its value is.
    private enum CellType { case number, sharedString, formulaString, inlineString, boolean, error, date }
    /// Which text is being collected.
    private enum Collecting { case none, value, formula }

    private let sharedStrings: [String]
    private let limits: XLSXReadLimits
    /// Receives each cell; nil when only the merged ranges are wanted.
    private let emit: ((XLSXCell) throws -> Void)?
    /// The error the caller's closure threw, which stopped the parse.
    var bodyError: (any Error)?
    /// `<mergeCell ref="A1:B2">` ranges, in file order.
    var mergedRanges: [(first: CellReference, last: CellReference)] = []

    private var row = -1
    private var column = -1
    private var cellType = CellType.number
    private var inCell = false
    private var inInlineString = false
    private var inPhonetic = false
    private var collecting = Collecting.none
    private var hasValue = false
    private var hasFormula = false
    private var value: [UInt8] = []
    private var formula: [UInt8] = []
    private var sharedFormulaIndex: Int?
    /// Shared formula masters by `si`: their text and cell.
    private var sharedFormulas: [Int: (text: String, origin: CellReference)] = [:]

    init(sharedStrings: [String], limits: XLSXReadLimits, emit: ((XLSXCell) throws -> Void)?) {
        self.sharedStrings = sharedStrings
        self.limits = limits
        self.emit = emit
        value.reserveCapacity(64)
        formula.reserveCapacity(64)
    }

    override func start(_ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes) {
        switch name[0] {
        case UInt8(ascii: "c") where name[1] == 0:
            startCell(attributes)
        case UInt8(ascii: "v") where name[1] == 0 && inCell:
            collecting = .value
            hasValue = true
        case UInt8(ascii: "t") where name[1] == 0 && inInlineString && !inPhonetic:
            collecting = .value
            hasValue = true
        case UInt8(ascii: "f") where name[1] == 0 && inCell:
            startFormula(attributes)
        case UInt8(ascii: "r"):
            if name[1] == 0 { return }  // a rich-text run: its <t> is collected
            if XMLName.equals(name, "row") {
                startRow(attributes)
            } else if XMLName.equals(name, "rPh") {
                inPhonetic = true
            }
        case UInt8(ascii: "i") where XMLName.equals(name, "is") && inCell:
            inInlineString = true
        case UInt8(ascii: "m") where XMLName.equals(name, "mergeCell"):
            if let ref = attributes.string("ref") { addMergedRange(ref) }
        default:
            break
        }
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch collecting {
        case .none: return
        case .value: value.append(contentsOf: bytes)
        case .formula: formula.append(contentsOf: bytes)
        }
    }

    override func end(_ name: UnsafePointer<xmlChar>) {
        switch name[0] {
        case UInt8(ascii: "c") where name[1] == 0:
            if inCell { endCell() }
        case UInt8(ascii: "v") where name[1] == 0, UInt8(ascii: "t") where name[1] == 0, UInt8(ascii: "f") where name[1] == 0:
            collecting = .none
        case UInt8(ascii: "i") where XMLName.equals(name, "is"):
            inInlineString = false
        case UInt8(ascii: "r") where XMLName.equals(name, "rPh"):
            inPhonetic = false
        default:
            break
        }
    }

    private func startRow(_ attributes: XMLAttributes) {
        column = -1
        if let text = attributes.bytes("r") {
            guard let number = Self.decimal(text), number >= 1, number <= limits.maxRows else {
                return fail(.invalidContent(part: part, message: "line \(line): row number \"\(String(decoding: text, as: UTF8.self))\" is outside the sheet (1–\(limits.maxRows))"))
            }
            row = number - 1
        } else {
            row += 1
            if row >= limits.maxRows {
                fail(.tooLarge("\(part) has more than \(limits.maxRows) rows"))
            }
        }
    }

    private func startCell(_ attributes: XMLAttributes) {
        inCell = true
        hasValue = false
        hasFormula = false
        sharedFormulaIndex = nil
        value.removeAll(keepingCapacity: true)
        formula.removeAll(keepingCapacity: true)
        cellType = .number
        if row < 0 { row = 0 }
        guard let base = attributes.base else {
            column += 1
            checkColumn()
            return
        }
        var hasReference = false
        for index in 0..<attributes.count {
            let slot = base + index * 5
            guard let local = slot[0], let start = slot[3], let end = slot[4] else { continue }
            let text = UnsafeBufferPointer(start: start, count: end - start)
            if local[0] == UInt8(ascii: "r"), local[1] == 0 {
                guard let (cellRow, cellColumn) = Self.reference(text), cellRow < limits.maxRows, cellColumn < limits.maxColumns else {
                    return fail(.invalidContent(part: part, message: "line \(line): cell reference \"\(String(decoding: text, as: UTF8.self))\" is not a cell of a sheet"))
                }
                row = cellRow
                column = cellColumn
                hasReference = true
            } else if local[0] == UInt8(ascii: "t"), local[1] == 0 {
                cellType = Self.type(text)
            }
        }
        if !hasReference {
            column += 1
            checkColumn()
        }
    }

    private func checkColumn() {
        if column >= limits.maxColumns {
            fail(.tooLarge("\(part) has a row with more than \(limits.maxColumns) columns"))
        }
    }

    private func startFormula(_ attributes: XMLAttributes) {
        collecting = .formula
        hasFormula = true
        if let type = attributes.bytes("t"), type.elementsEqual("shared".utf8), let index = attributes.bytes("si") {
            sharedFormulaIndex = Self.decimal(index)
        }
    }

    private func endCell() {
        inCell = false
        inInlineString = false
        collecting = .none
        guard let emit else { return }
        let reference = CellReference(row: row, column: column)
        let content: CellContent
        if !hasValue {
            content = .empty
        } else {
            switch cellType {
            case .number:
                content = value.isEmpty ? .empty : .number(String(decoding: value, as: UTF8.self))
            case .sharedString:
                guard let index = value.withUnsafeBufferPointer({ Self.decimal($0) }), index < sharedStrings.count else {
                    return fail(.invalidContent(part: part, message: "cell \(reference) refers to shared string \(String(decoding: value, as: UTF8.self)), but the workbook has \(sharedStrings.count)"))
                }
                content = .string(sharedStrings[index])
            case .formulaString, .inlineString:
                content = .string(value.withUnsafeBufferPointer { ExcelEscapes.decode($0) })
            case .date:
                content = .string(String(decoding: value, as: UTF8.self))
            case .error:
                content = .error(String(decoding: value, as: UTF8.self))
            case .boolean:
                switch String(decoding: value, as: UTF8.self).trimmingSpaces {
                case "1", "true": content = .boolean(true)
                case "0", "false": content = .boolean(false)
                default:
                    return fail(.invalidContent(part: part, message: "cell \(reference) is a boolean but holds \"\(String(decoding: value, as: UTF8.self))\""))
                }
            }
        }
        do {
            try emit(XLSXCell(reference: reference, content: content, formula: formulaText(at: reference)))
        } catch {
            bodyError = error
            stop()
        }
    }

    /// The cell's formula: its own text, or a shared formula's master translated to this cell.
    private func formulaText(at reference: CellReference) -> String? {
        guard hasFormula else { return nil }
        let text = formula.isEmpty ? nil : String(decoding: formula, as: UTF8.self)
        guard let index = sharedFormulaIndex else { return text }
        if let text {
            sharedFormulas[index] = (text, reference)
            return text
        }
        guard let master = sharedFormulas[index] else { return nil }
        return SharedFormula.translate(
            master.text, rows: reference.row - master.origin.row, columns: reference.column - master.origin.column)
    }

    private func addMergedRange(_ text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let first = CellReference(String(parts[0])), let last = CellReference(String(parts[1])) else { return }
        mergedRanges.append((first, last))
    }

    /// The cell type of a `t` attribute.
    private static func type(_ text: UnsafeBufferPointer<UInt8>) -> CellType {
        switch text.count {
        case 1:
            switch text[0] {
            case UInt8(ascii: "s"): return .sharedString
            case UInt8(ascii: "b"): return .boolean
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .date
            default: return .number
            }
        case 3 where text.elementsEqual("str".utf8): return .formulaString
        case 9 where text.elementsEqual("inlineStr".utf8): return .inlineString
        default: return .number
        }
    }

    /// A non-negative decimal of at most 9 digits (surrounding spaces allowed), else nil.
    static func decimal(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        var number = 0
        var digits = 0
        for byte in text {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                if digits > 9 { return nil }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                continue
            default:
                return nil
            }
        }
        return digits > 0 ? number : nil
    }

    /// `C9` or `$C$9` as zero-based (row, column); nil when malformed or absurd.
    static func reference(_ text: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in text {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            case UInt8(ascii: "$"):
                continue
            default:
                return nil
            }
            if letters > 3 || digits > 7 { return nil }
        }
        guard letters > 0, digits > 0, row >= 1 else { return nil }
        return (row - 1, column - 1)
    }
}
