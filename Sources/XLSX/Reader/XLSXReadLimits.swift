/// Caps that keep a hostile file (a zip bomb, an absurd sheet) from exhausting memory or time.
/// Every cap is checked before the bytes are inflated, from the archive's directory; minizip
/// never inflates an entry past the size its directory declares.
public struct XLSXReadLimits: Sendable, Equatable {
    /// The largest uncompressed size of one part (a sheet's XML, the shared strings).
    public var maxEntryBytes: Int64
    /// The largest uncompressed size of all parts together.
    public var maxTotalBytes: Int64
    /// The largest compression ratio (uncompressed / compressed) of a part larger than
    /// `ratioThresholdBytes`; real sheets stay far below 100, zip bombs reach 1000.
    public var maxCompressionRatio: Int64
    /// Parts up to this size are never refused for their ratio (a tiny part may compress well).
    public var ratioThresholdBytes: Int64
    /// The most entries an archive may list.
    public var maxEntries: Int
    /// The most rows a sheet may address (Excel's 1 048 576 by default).
    public var maxRows: Int
    /// The most columns a sheet may address (Excel's 16 384 by default).
    public var maxColumns: Int

    /// Limits for any workbook a person could have made: 512 MiB per part, 2 GiB in all,
    /// ratio 200 above 8 MiB, 100 000 entries, Excel's 1 048 576 rows × 16 384 columns.
    public static let `default` = XLSXReadLimits(
        maxEntryBytes: 512 << 20, maxTotalBytes: 2 << 30, maxCompressionRatio: 200,
        ratioThresholdBytes: 8 << 20, maxEntries: 100_000,
        maxRows: CellReference.maximumRows, maxColumns: CellReference.maximumColumns)

    /// Limits as given; see the properties.
    public init(
        maxEntryBytes: Int64, maxTotalBytes: Int64, maxCompressionRatio: Int64,
        ratioThresholdBytes: Int64, maxEntries: Int, maxRows: Int, maxColumns: Int
    ) {
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioThresholdBytes = ratioThresholdBytes
        self.maxEntries = maxEntries
        self.maxRows = maxRows
        self.maxColumns = maxColumns
    }
}
