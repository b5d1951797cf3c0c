import CXlsxWriter
import Foundation

/// The kinds of chart libxlsxwriter draws that xxgk uses (`lxw_chart_type`).
public enum ChartKind: Sendable, CaseIterable {
    /// Vertical bars side by side.
    case column
    /// Vertical bars stacked.
    case stackedColumn
    /// Vertical bars stacked to 100 %: each category's shares.
    case percentStackedColumn
    /// Horizontal bars side by side.
    case bar
    /// Lines through the points.
    case line
    /// A pie of the first series.
    case pie
    /// A ring of the first series.
    case doughnut

    /// libxlsxwriter's chart type.
    var type: UInt8 {
        switch self {
        case .column: return UInt8(LXW_CHART_COLUMN.rawValue)
        case .stackedColumn: return UInt8(LXW_CHART_COLUMN_STACKED.rawValue)
        case .percentStackedColumn: return UInt8(LXW_CHART_COLUMN_STACKED_PERCENT.rawValue)
        case .bar: return UInt8(LXW_CHART_BAR.rawValue)
        case .line: return UInt8(LXW_CHART_LINE.rawValue)
        case .pie: return UInt8(LXW_CHART_PIE.rawValue)
        case .doughnut: return UInt8(LXW_CHART_DOUGHNUT.rawValue)
        }
    }

    /// Whether the chart has axes (pies and rings have none).
    var hasAxes: Bool { self != .pie && self != .doughnut }
}

/// A rectangle of cells on a named sheet, as chart data refers to it (`'比较'!$B$1:$D$1`).
public struct SheetRange: Sendable, Hashable, CustomStringConvertible {
    /// The sheet's name.
    public let sheet: String
    /// The cells.
    public let cells: CellRange

    /// The range `first...last` on `sheet` (corners in any order).
    public init(sheet: String, from first: CellReference, to last: CellReference) {
        self.sheet = sheet
        cells = CellRange(first, last)
    }

    /// The top-left cell.
    public var first: CellReference { cells.first }
    /// The bottom-right cell.
    public var last: CellReference { cells.last }

    /// `'比较'!$B$1:$D$1`, as a chart's `<c:f>` holds it.
    public var description: String { "\(XLSXWorkbook.quoted(sheet))!\(first.absolute):\(last.absolute)" }
}

/// One data series of a chart: its values, the categories they are shown against, its name.
public struct ChartSeries: Sendable, Equatable {
    /// The name shown in the legend.
    public enum Name: Sendable, Equatable {
        /// Fixed text.
        case text(String)
        /// The text of a cell (the legend follows the sheet).
        case cell(sheet: String, CellReference)
    }

    /// The legend's name of the series; nil lets the application number it.
    public var name: Name?
    /// The category labels (the x axis, or the pie's slices); nil numbers them 1, 2, ….
    public var categories: SheetRange?
    /// The numbers drawn.
    public var values: SheetRange
    /// Whether each point shows its value (a pie shows its percentage).
    public var showsLabels: Bool

    /// A series of `values` against `categories`.
    public init(name: Name? = nil, categories: SheetRange? = nil, values: SheetRange, showsLabels: Bool = false) {
        self.name = name
        self.categories = categories
        self.values = values
        self.showsLabels = showsLabels
    }
}

/// A chart to insert into a sheet: its kind, title, series and axis titles.
///
///     var chart = Chart(kind: .column, title: "本年新收申请")
///     chart.series = [ChartSeries(categories: SheetRange(sheet: "比较", from: years, to: lastYear), values: …)]
///     try sheet.insert(chart, at: CellReference(row: 12, column: 0))
public struct Chart: Sendable, Equatable {
    /// What is drawn: columns, bars, lines, a pie.
    public var kind: ChartKind
    /// The title over the chart; nil lets the application choose (the series name).
    public var title: String?
    /// The series, drawn in order (a pie draws the first).
    public var series: [ChartSeries]
    /// The title of the category (x) axis.
    public var categoryAxisTitle: String?
    /// The title of the value (y) axis.
    public var valueAxisTitle: String?
    /// Whether the legend is shown (at the bottom).
    public var showsLegend: Bool
    /// The size relative to the default 480 × 288 pixels.
    public var scale: (width: Double, height: Double)

    /// A chart of `kind` with `title` and no series yet.
    public init(kind: ChartKind, title: String? = nil, series: [ChartSeries] = [], showsLegend: Bool = true) {
        self.kind = kind
        self.title = title
        self.series = series
        self.showsLegend = showsLegend
        scale = (1, 1)
    }

    /// Charts are equal when they draw the same (tuples are not Equatable, so the scale is compared here).
    public static func == (lhs: Chart, rhs: Chart) -> Bool {
        lhs.kind == rhs.kind && lhs.title == rhs.title && lhs.series == rhs.series
            && lhs.categoryAxisTitle == rhs.categoryAxisTitle && lhs.valueAxisTitle == rhs.valueAxisTitle
            && lhs.showsLegend == rhs.showsLegend && lhs.scale == rhs.scale
    }
}

extension XLSXSheet {
    /// Draws `chart` with its top-left corner at `cell` (`workbook_add_chart`, `chart_add_series`,
    /// `worksheet_insert_chart`). The data is read from the sheets when the workbook is closed,
    /// so the chart shows what the cells hold then. Every range is checked before it reaches C.
    public func insert(_ chart: Chart, at cell: CellReference) throws(XLSXWriteError) {
        let place = "sheet \(name), chart at \(cell)"
        let book = try workbook.openHandle(place)
        guard cell.row >= 0, cell.column >= 0, cell.row < CellReference.maximumRows, cell.column < CellReference.maximumColumns else {
            throw XLSXWriteError(place: place, reason: "the cell is outside the sheet")
        }
        guard !chart.series.isEmpty else { throw XLSXWriteError(place: place, reason: "a chart needs at least one series") }
        guard chart.scale.width > 0, chart.scale.height > 0 else { throw XLSXWriteError(place: place, reason: "the chart's scale must be positive") }
        for series in chart.series {
            try Self.check(series.values, place)
            if let categories = series.categories { try Self.check(categories, place) }
            if case .cell(let sheet, let reference)? = series.name { try Self.check(SheetRange(sheet: sheet, from: reference, to: reference), place) }
        }
        guard let drawn = workbook_add_chart(book, chart.kind.type) else {
            throw XLSXWriteError(place: place, reason: "libxlsxwriter could not add a chart (out of memory?)")
        }
        // libxlsxwriter copies every string it is given (lxw_strdup) during the call, so the
        // temporary C strings Swift passes need not outlive it.
        for series in chart.series {
            guard let added = chart_add_series(drawn, nil, nil) else {
                throw XLSXWriteError(place: place, reason: "libxlsxwriter could not add a series")
            }
            let values = series.values
            chart_series_set_values(added, values.sheet, lxw_row_t(values.first.row), lxw_col_t(values.first.column),
                                    lxw_row_t(values.last.row), lxw_col_t(values.last.column))
            if let categories = series.categories {
                chart_series_set_categories(added, categories.sheet, lxw_row_t(categories.first.row), lxw_col_t(categories.first.column),
                                            lxw_row_t(categories.last.row), lxw_col_t(categories.last.column))
            }
            switch series.name {
            case .text(let text)? where !text.isEmpty: chart_series_set_name(added, text)
            case .cell(let sheet, let reference)?: chart_series_set_name_range(added, sheet, lxw_row_t(reference.row), lxw_col_t(reference.column))
            default: break
            }
            if series.showsLabels {
                chart_series_set_labels(added)
                if !chart.kind.hasAxes {
                    chart_series_set_labels_options(added, 0, 0, 0)
                    chart_series_set_labels_percentage(added)
                }
            }
        }
        if let title = chart.title, !title.isEmpty { chart_title_set_name(drawn, title) }
        if chart.kind.hasAxes {
            if let title = chart.categoryAxisTitle, !title.isEmpty, let axis = drawn.pointee.x_axis { chart_axis_set_name(axis, title) }
            if let title = chart.valueAxisTitle, !title.isEmpty, let axis = drawn.pointee.y_axis { chart_axis_set_name(axis, title) }
        }
        chart_legend_set_position(drawn, UInt8((chart.showsLegend ? LXW_CHART_LEGEND_BOTTOM : LXW_CHART_LEGEND_NONE).rawValue))
        var options = lxw_chart_options()
        options.x_scale = chart.scale.width
        options.y_scale = chart.scale.height
        try XLSXWriteError.check(
            worksheet_insert_chart_opt(handle, lxw_row_t(cell.row), lxw_col_t(cell.column), drawn, &options), place)
    }

    /// Refuses a range outside the sheet or on a sheet without a name.
    private static func check(_ range: SheetRange, _ place: String) throws(XLSXWriteError) {
        guard !range.sheet.isEmpty, range.first.row >= 0, range.first.column >= 0,
            range.last.row < CellReference.maximumRows, range.last.column < CellReference.maximumColumns
        else { throw XLSXWriteError(place: place, reason: "bad chart range \(range)") }
    }
}
