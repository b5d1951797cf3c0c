/// What may be typed into a cell, with the prompt and the error shown by the spreadsheet.
/// (List validations are not offered: libxlsxwriter 1.1.4 overflows a buffer on non-ASCII items.)
public struct DataValidation: Sendable, Equatable {
    /// The rule a value must satisfy.
    public enum Rule: Sendable, Equatable {
        /// A whole number in `minimum...maximum`.
        case wholeNumber(minimum: Double, maximum: Double)
        /// A decimal number in `minimum...maximum`.
        case decimal(minimum: Double, maximum: Double)
        /// A date given as serial numbers (days since 1899-12-30) in `minimum...maximum`.
        case date(minimum: Double, maximum: Double)
        /// A formula that must be true, written for the range's top-left cell.
        case formula(String)
        /// Anything; only shows the input prompt.
        case any
    }

    public var rule: Rule
    public var inputTitle: String?
    public var inputMessage: String?
    public var errorTitle: String?
    public var errorMessage: String?
    /// Whether a blank cell is valid (true by default).
    public var allowsBlank = true

    public init(_ rule: Rule, inputTitle: String? = nil, inputMessage: String? = nil, errorTitle: String? = nil, errorMessage: String? = nil) {
        self.rule = rule
        self.inputTitle = inputTitle
        self.inputMessage = inputMessage
        self.errorTitle = errorTitle
        self.errorMessage = errorMessage
    }
}

/// How a sheet prints.
public struct PageSetup: Sendable, Equatable {
    /// Paper sizes by Excel's paper code.
    public enum Paper: UInt8, Sendable { case a4 = 9, a3 = 8, letter = 1 }

    public var paper: Paper = .a4
    public var landscape = false
    /// Pages across and down the printout is scaled to fit; 0 leaves that direction free.
    public var fitToPages: (width: UInt16, height: UInt16)? = nil
    /// Zero-based rows printed at the top of every page.
    public var repeatedRows: ClosedRange<Int>?
    public var centeredHorizontally = false
    /// An Excel header/footer string (`&C第 &P 页`), at most 255 characters.
    public var footer: String?

    public init() {}

    public static func == (lhs: PageSetup, rhs: PageSetup) -> Bool {
        lhs.paper == rhs.paper && lhs.landscape == rhs.landscape && lhs.fitToPages?.width == rhs.fitToPages?.width
            && lhs.fitToPages?.height == rhs.fitToPages?.height && lhs.repeatedRows == rhs.repeatedRows
            && lhs.centeredHorizontally == rhs.centeredHorizontally && lhs.footer == rhs.footer
    }
}
