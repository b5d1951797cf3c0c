/// How a sheet prints.
public struct PageSetup: Sendable, Equatable {
    /// Paper sizes by Excel's paper code.
    public enum Paper: UInt8, Sendable { case a4 = 9, a3 = 8, letter = 1 }

    /// The paper size.
    public var paper: Paper = .a4
    /// Landscape rather than portrait.
    public var landscape = false
    /// Pages across and down the printout is scaled to fit; 0 leaves that direction free.
    public var fitToPages: (width: UInt16, height: UInt16)? = nil
    /// Zero-based rows printed at the top of every page.
    public var repeatedRows: ClosedRange<Int>?
    /// Centres the printout between the left and right margins.
    public var centeredHorizontally = false
    /// An Excel header/footer string (`&C第 &P 页`), at most 255 characters.
    public var footer: String?

    /// A4 portrait at 100 %, nothing repeated, no footer.
    public init() {}

    /// A long list (a summary of many reports): A4 landscape, one page wide and as many long
    /// as it needs, `headerRows` repeated on every page, centred, numbered pages.
    public static func list(headerRows: ClosedRange<Int>) -> PageSetup {
        var setup = PageSetup()
        setup.landscape = true
        setup.fitToPages = (1, 0)
        setup.repeatedRows = headerRows
        setup.centeredHorizontally = true
        setup.footer = "&C第 &P 页，共 &N 页"
        return setup
    }

    /// Equal when every setting is equal (written out: tuples are not Equatable).
    public static func == (lhs: PageSetup, rhs: PageSetup) -> Bool {
        lhs.paper == rhs.paper && lhs.landscape == rhs.landscape && lhs.fitToPages?.width == rhs.fitToPages?.width
            && lhs.fitToPages?.height == rhs.fitToPages?.height && lhs.repeatedRows == rhs.repeatedRows
            && lhs.centeredHorizontally == rhs.centeredHorizontally && lhs.footer == rhs.footer
    }
}
