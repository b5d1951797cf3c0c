import Foundation
import ReportModel
import XLSX

/// The comparison as a workbook: the grid on a sheet 比较, and charts drawn from its cells so
/// the trend shows at a glance — a column chart of the first key figure (本年新收申请) by year,
/// the results' shares by year stacked to 100 %, and a pie of the newest year's results.
enum ComparisonWorkbook {
    /// The sheet holding the comparison.
    static let sheetName = "比较"
    /// The sheet holding the first key figure per agency (by agency).
    static let agencySheetName = "按机关"

    /// Writes one agency's comparison whole or not at all.
    static func write(_ comparison: ReportComparison, grid: ComparisonGrid, to path: String) throws {
        try ReportFiles.writeWorkbook(to: path) { (temporaryPath: String) throws(XLSXWriteError) in
            let workbook = try XLSXWorkbook(path: temporaryPath)
            let sheet = try workbook.addSheet(named: sheetName)
            let yearCount = comparison.years.count
            var row = try write(grid.figures, to: sheet, at: 0)
            let figuresHeader = 0
            var sharesHeader: Int?
            if let shares = grid.shares {
                // An empty row between the tables, as the text output has.
                sharesHeader = row + 2
                row = try write(shares, to: sheet, at: row + 2)
            }
            if !grid.carryOver.isEmpty {
                row += 2
                try sheet.write(string: "结转检查", at: CellReference(row: row, column: 0), style: headerStyle)
                for line in grid.carryOver {
                    row += 1
                    try sheet.write(string: line, at: CellReference(row: row, column: 0))
                }
            }
            try sheet.setColumns(0...0, width: 34)
            try sheet.setColumns(1...(grid.figures.header.count - 1), width: 13)
            try sheet.freezePanes(rows: 1, columns: 1)
            try sheet.setUpPage(.list(headerRows: 0...0))

            let chartColumn = grid.figures.header.count + 1
            let years = { (header: Int) in
                SheetRange(sheet: sheetName, from: CellReference(row: header, column: 1), to: CellReference(row: header, column: yearCount))
            }
            if !comparison.rows.isEmpty {
                var trend = Chart(kind: .column, title: comparison.rows[0].label, showsLegend: false)
                trend.series = [ChartSeries(
                    name: .cell(sheet: sheetName, CellReference(row: figuresHeader + 1, column: 0)),
                    categories: years(figuresHeader),
                    values: SheetRange(sheet: sheetName, from: CellReference(row: figuresHeader + 1, column: 1),
                                       to: CellReference(row: figuresHeader + 1, column: yearCount)),
                    showsLabels: true)]
                trend.valueAxisTitle = "件"
                try sheet.insert(trend, at: CellReference(row: 0, column: chartColumn))
            }
            if let sharesHeader, let shares = grid.shares, !shares.rows.isEmpty {
                var stacked = Chart(kind: .percentStackedColumn, title: "办理结果构成")
                stacked.series = shares.rows.indices.map { index in
                    ChartSeries(
                        name: .cell(sheet: sheetName, CellReference(row: sharesHeader + 1 + index, column: 0)),
                        categories: years(sharesHeader),
                        values: SheetRange(sheet: sheetName, from: CellReference(row: sharesHeader + 1 + index, column: 1),
                                           to: CellReference(row: sharesHeader + 1 + index, column: yearCount)))
                }
                try sheet.insert(stacked, at: CellReference(row: 16, column: chartColumn))
                var pie = Chart(kind: .pie, title: "\(comparison.years.last.map(String.init) ?? "")年办理结果")
                pie.series = [ChartSeries(
                    categories: SheetRange(sheet: sheetName, from: CellReference(row: sharesHeader + 1, column: 0),
                                           to: CellReference(row: sharesHeader + shares.rows.count, column: 0)),
                    values: SheetRange(sheet: sheetName, from: CellReference(row: sharesHeader + 1, column: yearCount),
                                       to: CellReference(row: sharesHeader + shares.rows.count, column: yearCount)),
                    showsLabels: true)]
                try sheet.insert(pie, at: CellReference(row: 32, column: chartColumn))
            }
            try workbook.close()
        }
    }

    /// Writes two rounds of many agencies: the grid, and a sheet with the first key figure of
    /// each agency in both rounds under a column chart of it.
    static func write(_ rounds: AgencyRounds, grid: ComparisonGrid, to path: String) throws {
        try ReportFiles.writeWorkbook(to: path) { (temporaryPath: String) throws(XLSXWriteError) in
            let workbook = try XLSXWorkbook(path: temporaryPath)
            let sheet = try workbook.addSheet(named: sheetName)
            var row = try write(grid.figures, to: sheet, at: 0)
            // Many agencies: filters on the grid's header, printed as a landscape list.
            try sheet.autofilter(from: CellReference(row: 0, column: 0), to: CellReference(row: max(1, row), column: grid.figures.header.count - 1))
            try sheet.setUpPage(.list(headerRows: 0...0))
            for line in grid.carryOver + grid.unmatched {
                row += 1
                try sheet.write(string: line, at: CellReference(row: row, column: 0))
            }
            try sheet.setColumns(0...1, width: 30)
            try sheet.setColumns(2...(grid.figures.header.count - 1), width: 13)
            try sheet.freezePanes(rows: 1, columns: 2)

            let figures = rounds.comparisons.compactMap { comparison in comparison.rows.first.map { (comparison.agency, $0) } }
            guard let label = figures.first?.1.label else { return try workbook.close() }
            let chartData = try workbook.addSheet(named: agencySheetName)
            try chartData.write(string: "机关", at: CellReference(row: 0, column: 0), style: headerStyle)
            try chartData.write(string: "第一轮", at: CellReference(row: 0, column: 1), style: headerStyle)
            try chartData.write(string: "第二轮", at: CellReference(row: 0, column: 2), style: headerStyle)
            for (index, (agency, figure)) in figures.enumerated() {
                try chartData.write(string: agency, at: CellReference(row: index + 1, column: 0))
                for (column, value) in figure.values.prefix(2).enumerated() {
                    if let value { try chartData.write(number: double(value), at: CellReference(row: index + 1, column: column + 1)) }
                }
            }
            try chartData.setColumns(0...0, width: 30)
            try chartData.freezePanes(rows: 1, columns: 0)
            try chartData.setUpPage(.list(headerRows: 0...0))
            var chart = Chart(kind: .column, title: label)
            let agencies = SheetRange(sheet: agencySheetName, from: CellReference(row: 1, column: 0), to: CellReference(row: figures.count, column: 0))
            chart.series = (1...2).map { column in
                ChartSeries(
                    name: .cell(sheet: agencySheetName, CellReference(row: 0, column: column)), categories: agencies,
                    values: SheetRange(sheet: agencySheetName, from: CellReference(row: 1, column: column), to: CellReference(row: figures.count, column: column)))
            }
            chart.scale = (width: max(1, Double(figures.count) / 6), height: 1)
            try chartData.insert(chart, at: CellReference(row: 0, column: 4))
            try workbook.close()
        }
    }

    private static var headerStyle: CellStyle {
        var style = CellStyle()
        style.bold = true
        style.fillColor = 0xD9E1F2
        style.bordered = true
        return style
    }

    /// Writes a table at `top`; returns the last row written.
    private static func write(_ table: ComparisonGrid.Table, to sheet: XLSXSheet, at top: Int) throws(XLSXWriteError) -> Int {
        for (column, title) in table.header.enumerated() {
            try sheet.write(string: title, at: CellReference(row: top, column: column), style: headerStyle)
        }
        var percent = CellStyle()
        percent.numberFormat = "+0.0%;-0.0%;0.0%"
        var signed = CellStyle()
        signed.numberFormat = "+0;-0;0"
        var undefined = CellStyle()
        undefined.horizontal = .right
        for (index, cells) in table.rows.enumerated() {
            for (column, cell) in cells.enumerated() {
                let reference = CellReference(row: top + 1 + index, column: column)
                switch cell {
                case .text(let text): try sheet.write(string: text, at: reference)
                case .number(let value?): try sheet.write(number: double(value), at: reference)
                case .difference(let value?): try sheet.write(number: double(value), at: reference, style: signed)
                case .percent(let value?, _): try sheet.write(number: double(value) / 100, at: reference, style: percent)
                case .percent(nil, defined: false): try sheet.write(string: "—", at: reference, style: undefined)
                case .number(nil), .difference(nil), .percent(nil, defined: true): continue
                }
            }
        }
        return top + table.rows.count
    }

    private static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
