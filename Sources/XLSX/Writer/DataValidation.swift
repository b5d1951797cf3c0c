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

    /// What a value must satisfy.
    public var rule: Rule
    /// The title of the prompt shown when the cell is selected (at most 32 characters).
    public var inputTitle: String?
    /// The prompt shown when the cell is selected (at most 255 characters).
    public var inputMessage: String?
    /// The title of the message shown for a refused value (at most 32 characters).
    public var errorTitle: String?
    /// The message shown for a refused value (at most 255 characters).
    public var errorMessage: String?
    /// Whether a blank cell is valid (true by default).
    public var allowsBlank = true

    /// A validation with its prompt and error message.
    public init(_ rule: Rule, inputTitle: String? = nil, inputMessage: String? = nil, errorTitle: String? = nil, errorMessage: String? = nil) {
        self.rule = rule
        self.inputTitle = inputTitle
        self.inputMessage = inputMessage
        self.errorTitle = errorTitle
        self.errorMessage = errorMessage
    }
}
