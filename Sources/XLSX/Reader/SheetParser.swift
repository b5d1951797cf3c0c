/// Reads one worksheet's XML as a stream of cells: rows and cells with or without `r`,
/// every cell type, inline and shared strings, shared formulas, and the merged ranges that
/// follow the cells. Holds only the cell being read (and the shared formulas' masters).
final class SheetParser: XMLHandler {
    private enum Collecting { case none, value, formula, inlineText }
    private enum CellType { case number, shared, inline, formulaString, boolean, error, other }

    private let part: String
    private let sharedStrings: [String]
    private let emit: (Cell) -> Void
    private(set) var mergedRanges: [CellRange] = []
    private(set) var failure: XLSXReadError?

    private var row = -1
    private var column = -1
    private var cellType = CellType.number
    private var inCell = false
    private var inInline = false
    private var phoneticDepth = 0
    private var collecting = Collecting.none
    private var value: [UInt8] = []
    private var formulaText: [UInt8] = []
    private var inlineText: [UInt8] = []
    private var hasFormula = false
    private var sharedIndex: String?
    private var sharedMasters: [String: (formula: String, origin: CellReference)] = [:]
    private var isSharedMaster = false

    init(part: String, sharedStrings: [String], emit: @escaping (Cell) -> Void) {
        self.part = part
        self.sharedStrings = sharedStrings
        self.emit = emit
        value.reserveCapacity(64)
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.equals("c") {
            startCell(attributes)
        } else if name.equals("v") {
            if inCell { collecting = .value; value.removeAll(keepingCapacity: true) }
        } else if name.equals("row") {
            startRow(attributes)
        } else if name.equals("f") {
            guard inCell else { return }
            collecting = .formula
            hasFormula = true
            formulaText.removeAll(keepingCapacity: true)
            if attributes.string("t") == "shared" {
                sharedIndex = attributes.string("si")
                isSharedMaster = attributes.bytes("ref") != nil
            }
        } else if name.equals("is") {
            if inCell { inInline = true; inlineText.removeAll(keepingCapacity: true) }
        } else if name.equals("rPh") {
            phoneticDepth += 1
        } else if name.equals("t") {
            if inInline && phoneticDepth == 0 { collecting = .inlineText }
        } else if name.equals("mergeCell") {
            if let text = attributes.string("ref") {
                guard let range = CellRange(text) else { failure = .invalidReference(part: part, reference: text); return }
                mergedRanges.append(range)
            }
        }
    }

    private func startRow(_ attributes: XMLAttributes) {
        if let bytes = attributes.bytes("r") {
            guard let number = Self.integer(bytes), number >= 1, number <= CellReference.maximumRows else {
                failure = .invalidReference(part: part, reference: String(decoding: bytes, as: UTF8.self))
                return
            }
            row = number - 1
        } else {
            row += 1
        }
        guard row < CellReference.maximumRows else {
            failure = .invalidReference(part: part, reference: "row \(row + 1)")
            return
        }
        column = -1
    }

    private func startCell(_ attributes: XMLAttributes) {
        if row < 0 { row = 0 }
        if let bytes = attributes.bytes("r") {
            guard let reference = Self.reference(bytes) else {
                failure = .invalidReference(part: part, reference: String(decoding: bytes, as: UTF8.self))
                return
            }
            row = reference.row
            column = reference.column
        } else {
            column += 1
            guard column < CellReference.maximumColumns else {
                failure = .invalidReference(part: part, reference: "column \(column + 1) of row \(row + 1)")
                return
            }
        }
        inCell = true
        hasFormula = false
        sharedIndex = nil
        isSharedMaster = false
        value.removeAll(keepingCapacity: true)
        inlineText.removeAll(keepingCapacity: true)
        cellType = Self.cellType(attributes.bytes("t"))
    }

    func endElement(_ name: XMLName) {
        if name.equals("c") {
            if inCell { finishCell() }
            inCell = false
            inInline = false
        } else if name.equals("v") || name.equals("f") || name.equals("t") {
            collecting = .none
        } else if name.equals("is") {
            inInline = false
        } else if name.equals("rPh") {
            phoneticDepth -= 1
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch collecting {
        case .none: return
        case .value: value.append(contentsOf: bytes)
        case .formula: formulaText.append(contentsOf: bytes)
        case .inlineText: inlineText.append(contentsOf: bytes)
        }
    }

    private func finishCell() {
        let reference = CellReference(row: row, column: column)
        let formula = hasFormula ? resolveFormula(at: reference) : nil
        let cellValue: CellValue
        switch cellType {
        case .inline:
            cellValue = inlineText.isEmpty ? .empty : .string(XMLEscapes.decode(inlineText))
        case .shared:
            if let index = Self.integer(trimmed(value)), index < sharedStrings.count {
                cellValue = .string(sharedStrings[index])
            } else {
                cellValue = value.isEmpty ? .empty : .error("#STRING?")
            }
        case .formulaString, .other:
            cellValue = value.isEmpty && formula != nil ? .empty : .string(XMLEscapes.decode(value))
        case .boolean:
            let text = String(decoding: trimmed(value), as: UTF8.self)
            cellValue = text.isEmpty ? .empty : .boolean(text == "1" || text.lowercased() == "true")
        case .error:
            cellValue = .error(String(decoding: value, as: UTF8.self))
        case .number:
            let digits = trimmed(value)
            cellValue = digits.isEmpty ? .empty : .number(String(decoding: digits, as: UTF8.self))
        }
        if case .empty = cellValue, formula == nil { return }
        emit(Cell(reference: reference, value: cellValue, formula: formula))
    }

    private func resolveFormula(at reference: CellReference) -> String? {
        let text = String(decoding: formulaText, as: UTF8.self)
        guard let index = sharedIndex else { return text.isEmpty ? nil : text }
        if isSharedMaster, !text.isEmpty {
            sharedMasters[index] = (text, reference)
            return text
        }
        guard let master = sharedMasters[index] else { return text.isEmpty ? nil : text }
        return SharedFormula.translate(master.formula, from: master.origin, to: reference)
    }

    private func trimmed(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var slice = bytes[...]
        while let first = slice.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D { slice.removeFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { slice.removeLast() }
        return slice
    }

    private static func cellType(_ bytes: UnsafeBufferPointer<UInt8>?) -> CellType {
        guard let bytes, let first = bytes.first else { return .number }
        switch (first, bytes.count) {
        case (UInt8(ascii: "n"), 1): return .number
        case (UInt8(ascii: "s"), 1): return .shared
        case (UInt8(ascii: "b"), 1): return .boolean
        case (UInt8(ascii: "e"), 1): return .error
        case (UInt8(ascii: "s"), 3): return .formulaString
        case (UInt8(ascii: "i"), 9): return .inline
        default: return .other
        }
    }

    private static func integer<Bytes: Collection>(_ bytes: Bytes) -> Int? where Bytes.Element == UInt8 {
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var result = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            result = result * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return result
    }

    /// `C9` without making a String; nil outside the sheet's limits.
    private static func reference(_ bytes: UnsafeBufferPointer<UInt8>) -> CellReference? {
        CellReference(utf8: bytes)
    }
}
