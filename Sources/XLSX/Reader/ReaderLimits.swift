/// The caps that keep a hostile workbook from exhausting memory or time.
public struct ReaderLimits: Sendable, Equatable {
    /// The most bytes one entry may unpack to.
    public var maximumEntrySize: Int
    /// The most bytes all entries read may unpack to together.
    public var maximumTotalSize: Int
    /// The largest unpacked/packed ratio accepted for an entry larger than `ratioThreshold`.
    /// Deflate reaches about 1032:1 at most; real sheet XML stays far below 200:1.
    public var maximumCompressionRatio: Int
    /// Entries unpacking to fewer bytes than this are not ratio-checked (tiny parts compress well).
    public var ratioThreshold: Int
    /// The most bytes of shared strings kept in memory (the table is read whole; 16 bytes
    /// are counted per string besides its text).
    public var maximumSharedStringsSize: Int
    /// The most cells `Workbook.contents(of:)` collects in memory (streaming has no such limit).
    public var maximumCells: Int

    /// Limits for the given sizes.
    public init(
        maximumEntrySize: Int = 1 << 30, maximumTotalSize: Int = 2 << 30,
        maximumCompressionRatio: Int = 300, ratioThreshold: Int = 16 << 20,
        maximumSharedStringsSize: Int = 256 << 20, maximumCells: Int = 10_000_000
    ) {
        self.maximumEntrySize = maximumEntrySize
        self.maximumTotalSize = maximumTotalSize
        self.maximumCompressionRatio = maximumCompressionRatio
        self.ratioThreshold = ratioThreshold
        self.maximumSharedStringsSize = maximumSharedStringsSize
        self.maximumCells = maximumCells
    }

    /// The defaults: 1 GiB per entry, 2 GiB in all, 300:1, 256 MiB of shared strings, 10 million collected cells.
    public static let standard = ReaderLimits()
}
