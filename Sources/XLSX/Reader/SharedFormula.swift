/// Excel's shared formulas: the master cell stores the formula once (`<f t="shared" ref=… si="0">`),
/// the others only `si`. Each follower's formula is the master's with relative references moved
/// by the follower's offset from the master, as Excel does when it fills a formula down or across.
enum SharedFormula {
    /// `formula` written at `origin`, moved to `target`: relative rows and columns shift, `$` parts stay.
    static func translate(_ formula: String, from origin: CellReference, to target: CellReference) -> String {
        let rowShift = target.row - origin.row
        let columnShift = target.column - origin.column
        if rowShift == 0 && columnShift == 0 { return formula }
        let bytes = Array(formula.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 8)
        var index = 0
        var inString = false
        var inQuotedName = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString || inQuotedName {
                output.append(byte)
                if (inString && byte == UInt8(ascii: "\"")) || (inQuotedName && byte == UInt8(ascii: "'")) {
                    inString = false
                    inQuotedName = false
                }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") { inString = true; output.append(byte); index += 1; continue }
            if byte == UInt8(ascii: "'") { inQuotedName = true; output.append(byte); index += 1; continue }
            let previous = index > 0 ? bytes[index - 1] : 0
            if !isNameByte(previous), let (length, shifted) = reference(in: bytes, at: index, rowShift: rowShift, columnShift: columnShift) {
                output.append(contentsOf: shifted)
                index += length
                continue
            }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte >= 0x80
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// An A1 reference starting at `start`: its length and its moved text.
    private static func reference(in bytes: [UInt8], at start: Int, rowShift: Int, columnShift: Int) -> (Int, [UInt8])? {
        var index = start
        let columnAbsolute = index < bytes.count && bytes[index] == UInt8(ascii: "$")
        if columnAbsolute { index += 1 }
        var column = 0
        var letters = 0
        while index < bytes.count, isLetter(bytes[index]), letters < 4 {
            column = column * 26 + Int((bytes[index] | 0x20) - UInt8(ascii: "a")) + 1
            letters += 1
            index += 1
        }
        guard (1...3).contains(letters) else { return nil }
        let rowAbsolute = index < bytes.count && bytes[index] == UInt8(ascii: "$")
        if rowAbsolute { index += 1 }
        var row = 0
        var digits = 0
        while index < bytes.count, isDigit(bytes[index]), digits < 8 {
            row = row * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        guard digits > 0, row >= 1 else { return nil }
        if index < bytes.count, isNameByte(bytes[index]) || bytes[index] == UInt8(ascii: "(") { return nil }
        let newColumn = columnAbsolute ? column - 1 : column - 1 + columnShift
        let newRow = rowAbsolute ? row - 1 : row - 1 + rowShift
        guard newColumn >= 0, newRow >= 0 else { return (index - start, Array("#REF!".utf8)) }
        var text = columnAbsolute ? "$" : ""
        text += CellReference.columnName(newColumn)
        text += rowAbsolute ? "$" : ""
        text += String(newRow + 1)
        return (index - start, Array(text.utf8))
    }
}
