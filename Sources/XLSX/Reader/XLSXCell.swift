/// What a cell holds, as the file stores it.
public enum CellContent: Sendable, Equatable {
    /// A number, as the literal text of the file (`"199.2"`, `"1E-3"`), so callers can parse it exactly (Decimal).
    case number(String)
    /// Text: shared string (rich-text runs concatenated, phonetic runs skipped), inline string or t="str"; `_xHHHH_` escapes decoded.
    case string(String)
    /// A boolean (`t="b"`, stored as `1`/`0` or `true`/`false`).
    case boolean(Bool)
    /// An error value such as `#REF!`.
    case error(String)
    /// A cell element with no value (styled blank, or a formula without a cached value).
    case empty
}

/// One cell as read.
public struct XLSXCell: Sendable, Equatable {
    /// Where the cell is (from its `r`, else counted from its position in the row).
    public let reference: CellReference
    /// Its value.
    public let content: CellContent
    /// The formula text without `=`, if any. Followers of a shared formula get the master's
    /// formula translated to their own position.
    public let formula: String?

    /// A cell as given.
    public init(reference: CellReference, content: CellContent, formula: String?) {
        self.reference = reference
        self.content = content
        self.formula = formula
    }
}
