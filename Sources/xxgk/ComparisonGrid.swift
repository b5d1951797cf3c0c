import Foundation
import ReportBatch
import ReportModel

/// A comparison laid out as tables for output: the figures' table, the results' shares and
/// the carry-over lines. Text, CSV and the workbook draw the same grid.
struct ComparisonGrid {
    /// A cell of the grid.
    enum Cell: Equatable {
        case text(String)
        /// A figure's value; nil is blank.
        case number(Decimal?)
        /// A change; nil is blank (both years blank).
        case difference(Decimal?)
        /// A percentage change; `defined` false is `—` (last year 0 or blank).
        case percent(Decimal?, defined: Bool)
    }

    /// One table: its header and rows.
    struct Table {
        var header: [String]
        var rows: [[Cell]]
        /// How many leading columns are labels (项目, or 机关 and 项目).
        var labelColumns: Int
    }

    /// The figures (key figures, or every cell with `--all`).
    let figures: Table
    /// The shares of the results, per year; nil when the form declares no groups (or by agency).
    let shares: Table?
    /// The carry-over between consecutive years, one line each.
    let carryOver: [String]
    /// What the comparison is of (`某局：2021年—2023年`).
    let title: String
    /// Agencies found in one round only (by agency).
    let unmatched: [String]

    /// The grid of one agency's comparison.
    init(_ comparison: ReportComparison) {
        let years = comparison.years
        let header = Self.header(years: years)
        figures = Table(header: ["项目"] + header, rows: comparison.rows.map { [.text($0.label)] + Self.cells($0) }, labelColumns: 1)
        shares = comparison.shares.isEmpty ? nil
            : Table(header: ["办理结果构成"] + header, rows: comparison.shares.map { [.text($0.label)] + Self.cells($0) }, labelColumns: 1)
        carryOver = comparison.carryOver.map(Self.line)
        title = "\(comparison.agency)：\(years.map { "\($0)年" }.joined(separator: "、"))"
        unmatched = []
    }

    /// The grid of two rounds of many agencies: one block of rows per agency.
    init(_ rounds: AgencyRounds) {
        let allYears = Set(rounds.comparisons.map(\.years))
        let years = allYears.count == 1 ? allYears.first : nil
        let header = years.map { Self.header(years: $0) } ?? ["第一轮", "第二轮", "增减", "增减率"]
        figures = Table(
            header: ["机关", "项目"] + header,
            rows: rounds.comparisons.flatMap { comparison in
                comparison.rows.map { row -> [Cell] in
                    // Rounds of mixed years: each row names its own years.
                    let label = years == nil ? "\(row.label)（\(comparison.years.map(String.init).joined(separator: "→"))）" : row.label
                    return [.text(comparison.agency), .text(label)] + Self.cells(row)
                }
            },
            labelColumns: 2)
        shares = nil
        carryOver = rounds.comparisons.flatMap { comparison in comparison.carryOver.map { "\(comparison.agency)：" + Self.line($0) } }
        title = "按机关比较：\(rounds.comparisons.count) 个机关"
        unmatched = rounds.onlyInFirst.map { "只在第一轮：\($0)" } + rounds.onlyInSecond.map { "只在第二轮：\($0)" }
    }

    /// `2022年 2023年 增减 增减率`, or with more years each change named by its year.
    private static func header(years: [Int]) -> [String] {
        let changes = years.dropFirst().flatMap { year in years.count == 2 ? ["增减", "增减率"] : ["\(year)年增减", "\(year)年增减率"] }
        return years.map { "\($0)年" } + changes
    }

    private static func cells(_ row: ReportComparison.Row) -> [Cell] {
        row.values.map { .number($0) } + row.changes.flatMap { change -> [Cell] in
            [.difference(change.difference), .percent(change.percent, defined: change.percent != nil || change.difference == nil)]
        }
    }

    /// `2022年上年结转 = 2021年结转下年度: 通过`, or the failing columns.
    private static func line(_ step: ReportComparison.CarryOver) -> String {
        let pair = "\(step.previous)年→\(step.year)年"
        guard step.consecutive else { return "\(pair)：年份不相邻，未检查结转" }
        guard !step.findings.isEmpty else { return "\(pair)：结转一致（通过）" }
        return "\(pair)：不通过 — " + step.findings.map(\.message).joined(separator: "; ")
    }

    // MARK: text

    /// A cell as text: numbers plain, changes signed, percentages with one decimal, `—` where undefined.
    static func text(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): return text
        case .number(let value): return value.map(ReportJSON.format) ?? ""
        case .difference(let value):
            guard let value else { return "" }
            return (value > 0 ? "+" : "") + ReportJSON.format(value)
        case .percent(let value, let defined):
            guard defined else { return "—" }
            guard let value else { return "" }
            return (value > 0 ? "+" : "") + oneDecimal(value) + "%"
        }
    }

    /// `20.0`: a percentage always with one decimal.
    static func oneDecimal(_ value: Decimal) -> String {
        let text = ReportJSON.format(value)
        return text.contains(".") ? text : text + ".0"
    }

    /// The comparison as aligned text: labels left, numbers right, columns measured in display
    /// width (a Chinese character takes two columns).
    var plainText: String {
        var out = [title, ""]
        out += Self.aligned(figures)
        if let shares { out += [""] + Self.aligned(shares) }
        if !carryOver.isEmpty { out += ["", "结转检查（本年 二、上年结转 = 上年 四、结转下年度继续办理）"] + carryOver.map { "  " + $0 } }
        if !unmatched.isEmpty { out += [""] + unmatched }
        return out.joined(separator: "\n") + "\n"
    }

    private static func aligned(_ table: Table) -> [String] {
        let lines = [table.header] + table.rows.map { $0.map(text) }
        var widths = Array(repeating: 0, count: table.header.count)
        for line in lines { for (index, field) in line.enumerated() where index < widths.count { widths[index] = max(widths[index], displayWidth(field)) } }
        return lines.map { line in
            line.enumerated().map { index, field in
                let padding = String(repeating: " ", count: widths[index] - displayWidth(field))
                return index < table.labelColumns ? field + padding : padding + field
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    /// The columns a text takes in a terminal: two for East Asian wide and full-width characters.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let value = scalar.value
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
            return width + (wide ? 2 : 1)
        }
    }

    // MARK: CSV

    /// The tables as CSV (UTF-8 with BOM): the figures, an empty line, the shares, then the
    /// carry-over lines; text fields neutralised as in the summary CSV.
    var csv: String {
        func fields(_ cells: [Cell]) -> [String] {
            cells.map { cell in
                switch cell {
                case .text(let text): return CSVText.field(text)
                case .number(let value), .difference(let value): return value.map(ReportJSON.format) ?? ""
                case .percent: return CSVText.field(Self.text(cell))
                }
            }
        }
        var lines = [figures.header.map(CSVText.field)] + figures.rows.map(fields)
        if let shares { lines += [[]] + [shares.header.map(CSVText.field)] + shares.rows.map(fields) }
        if !carryOver.isEmpty { lines += [[]] + carryOver.map { ["结转检查", CSVText.field($0)] } }
        if !unmatched.isEmpty { lines += [[]] + unmatched.map { [CSVText.field($0)] } }
        return CSVText.document(lines)
    }
}
