/// Translates a shared formula's master text to a follower cell: every relative cell
/// reference moves by the follower's offset from the master, as Excel does; `$` parts stay.
/// String literals, quoted sheet names, function names (`LOG10(`) and sheet prefixes are
/// left alone. A reference moved off the sheet becomes `#REF!`.
enum SharedFormula {
    static func translate(_ text: String, rows: Int, columns: Int) -> String {
        if rows == 0 && columns == 0 { return text }
        let characters = Array(text)
        var output = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\"" || character == "'" {
                // A string literal or a quoted sheet name: copied to its closing quote ("" or '' escape).
                var end = index + 1
                while end < characters.count {
                    if characters[end] == character {
                        if end + 1 < characters.count, characters[end + 1] == character { end += 2; continue }
                        break
                    }
                    end += 1
                }
                let stop = min(end + 1, characters.count)
                output += String(characters[index..<stop])
                index = stop
            } else if isWordCharacter(character) {
                var end = index
                while end < characters.count, isWordCharacter(characters[end]) { end += 1 }
                let word = String(characters[index..<end])
                let next = end < characters.count ? characters[end] : " "
                if next != "(" && next != "!", let moved = move(word, rows: rows, columns: columns) {
                    output += moved
                } else {
                    output += word
                }
                index = end
            } else {
                output.append(character)
                index += 1
            }
        }
        return output
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "$" || character == "_" || character == "." || character == "\\"
    }

    /// `word` moved when it is a cell reference (`B3`, `$B3`, `B$3`), else nil.
    private static func move(_ word: String, rows: Int, columns: Int) -> String? {
        var characters = Substring(word)
        let columnAbsolute = characters.first == "$"
        if columnAbsolute { characters = characters.dropFirst() }
        let letters = characters.prefix { $0.isASCII && $0.isLetter }
        guard (1...3).contains(letters.count) else { return nil }
        characters = characters.dropFirst(letters.count)
        let rowAbsolute = characters.first == "$"
        if rowAbsolute { characters = characters.dropFirst() }
        guard !characters.isEmpty, characters.count <= 7, characters.allSatisfy({ $0.isASCII && $0.isNumber }),
              let rowNumber = Int(characters), rowNumber >= 1,
              let reference = CellReference(String(letters) + String(rowNumber)) else { return nil }
        let newRow = rowAbsolute ? reference.row : reference.row + rows
        let newColumn = columnAbsolute ? reference.column : reference.column + columns
        guard newRow >= 0, newRow < CellReference.maximumRows, newColumn >= 0, newColumn < CellReference.maximumColumns else {
            return "#REF!"
        }
        return (columnAbsolute ? "$" : "") + CellReference.columnName(newColumn) + (rowAbsolute ? "$" : "") + String(newRow + 1)
    }
}
