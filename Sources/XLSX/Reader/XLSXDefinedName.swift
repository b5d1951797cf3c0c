/// A workbook-level or sheet-local defined name.
public struct XLSXDefinedName: Sendable, Equatable {
    /// The name (`_xlnm.Print_Area` for built-in ones).
    public let name: String
    /// The formula text as stored, e.g. `'三、收到和处理政府信息公开申请情况'!$C$9`.
    public let formula: String
    /// The sheet it is local to (localSheetId resolved to a name), nil for workbook-level.
    public let localSheet: String?

    /// A name as given.
    public init(name: String, formula: String, localSheet: String?) {
        self.name = name
        self.formula = formula
        self.localSheet = localSheet
    }

    /// The single cell it points to, when the formula is one cell on one sheet: (sheet name, reference).
    public var target: (sheet: String, reference: CellReference)? {
        Self.singleCell(formula)
    }

    /// Parses `Sheet!$C$9` or `'It''s'!C9` (one cell, one sheet); nil for ranges, lists, functions.
    static func singleCell(_ formula: String) -> (sheet: String, reference: CellReference)? {
        var text = Substring(formula.trimmingSpaces)
        if text.hasPrefix("=") { text = text.dropFirst() }
        let sheet: String
        if text.hasPrefix("'") {
            var name = ""
            var index = text.index(after: text.startIndex)
            var closed = false
            while index < text.endIndex {
                let character = text[index]
                index = text.index(after: index)
                if character == "'" {
                    if index < text.endIndex, text[index] == "'" {
                        name.append("'")
                        index = text.index(after: index)
                    } else {
                        closed = true
                        break
                    }
                } else {
                    name.append(character)
                }
            }
            guard closed, index < text.endIndex, text[index] == "!" else { return nil }
            sheet = name
            text = text[text.index(after: index)...]
        } else {
            guard let bang = text.firstIndex(of: "!") else { return nil }
            sheet = String(text[..<bang])
            guard !sheet.isEmpty, !sheet.contains(where: { "'[]:(),; ".contains($0) }) else { return nil }
            text = text[text.index(after: bang)...]
        }
        guard !sheet.isEmpty, let reference = CellReference(String(text)) else { return nil }
        return (sheet, reference)
    }

    public static func == (lhs: XLSXDefinedName, rhs: XLSXDefinedName) -> Bool {
        lhs.name == rhs.name && lhs.formula == rhs.formula && lhs.localSheet == rhs.localSheet
    }
}

extension String {
    /// The text without leading and trailing ASCII spaces, tabs and line breaks (no Foundation).
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
