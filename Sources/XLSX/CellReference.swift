/// A cell address in A1 notation, zero-based inside (`C9` is row 8, column 2).
public struct CellReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Zero-based row index.
    public let row: Int
    /// Zero-based column index.
    public let column: Int

    /// The largest row and column of a worksheet (Excel's limits).
    public static let maximumRows = 1_048_576
    public static let maximumColumns = 16_384

    /// The cell at a 0-based row and column.
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses `C9` or `$C$9`; nil for anything else or beyond the sheet's limits.
    public init?(_ text: String) {
        self.init(utf8: text.utf8)
    }

    /// Parses the UTF-8 bytes of `C9` or `$C$9` without making a String (the reader sees
    /// millions of them); nil for anything else or beyond the sheet's limits.
    public init?<Bytes: Sequence<UInt8>>(utf8 text: Bytes) {
        var letters = 0
        var digits = 0
        var column = 0
        var row = 0
        for byte in text where byte != UInt8(ascii: "$") {
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
            default:
                return nil
            }
            if letters > 3 || digits > 7 { return nil }
        }
        guard letters > 0, digits > 0, row >= 1, row <= Self.maximumRows, column <= Self.maximumColumns else { return nil }
        self.row = row - 1
        self.column = column - 1
    }

    /// The column's letters (`0` → `A`, `27` → `AB`).
    public static func columnName(_ column: Int) -> String {
        var name = ""
        var number = column + 1
        while number > 0 {
            let remainder = (number - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            number = (number - 1) / 26
        }
        return name
    }

    /// `C9`.
    public var description: String { Self.columnName(column) + String(row + 1) }

    /// `$C$9`, for formulas that must not move.
    public var absolute: String { "$" + Self.columnName(column) + "$" + String(row + 1) }

    public static func < (lhs: CellReference, rhs: CellReference) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}
