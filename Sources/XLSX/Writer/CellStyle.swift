/// How a cell looks and whether it is locked: a value type that the workbook turns into one
/// shared libxlsxwriter format per distinct style.
public struct CellStyle: Hashable, Sendable {
    /// Horizontal alignment.
    public enum HorizontalAlignment: Hashable, Sendable { case general, left, center, right }
    /// Vertical alignment.
    public enum VerticalAlignment: Hashable, Sendable { case top, center, bottom }

    /// The font family (`宋体`); the workbook default when nil.
    public var fontName: String?
    /// The font size in points; the workbook default when nil.
    public var fontSize: Double?
    /// Bold text.
    public var bold = false
    /// Single underline (links).
    public var underlined = false
    /// The font colour as 0xRRGGBB.
    public var fontColor: UInt32?
    /// A solid background as 0xRRGGBB.
    public var fillColor: UInt32?
    /// Horizontal alignment.
    public var horizontal: HorizontalAlignment = .general
    /// Vertical alignment.
    public var vertical: VerticalAlignment = .bottom
    /// Wraps text onto several lines within the cell's width.
    public var wrapsText = false
    /// Thin borders on all four sides.
    public var bordered = false
    /// An Excel number format (`0`, `0.00`, `yyyy"年"m"月"d"日"`).
    public var numberFormat: String?
    /// Locked cells cannot be edited while the sheet is protected (Excel's default is locked).
    public var locked = true
    /// Text rotation: nil for none, `.stacked` for characters one under another (a vertical
    /// label in a narrow column, as the official forms print 三、本年度办理结果).
    public var rotation: TextRotation?

    /// How a cell's text is turned.
    public enum TextRotation: Hashable, Sendable {
        /// Turned by an angle in degrees, -90...90 (counter-clockwise positive).
        case degrees(Int16)
        /// Upright characters stacked top to bottom (Excel's vertical text, angle 255; libxlsxwriter's 270).
        case stacked
    }

    /// A style with Excel's defaults: general alignment, no border or fill, locked.
    public init() {}
}
