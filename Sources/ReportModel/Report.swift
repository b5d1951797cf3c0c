import Foundation

/// The address of one value: table, row and column ids (`applications.received.natural`).
public struct CellKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let table: String
    public let row: String
    public let column: String

    /// The cell at `table.row.column`.
    public init(table: String, row: String, column: String) {
        self.table = table
        self.row = row
        self.column = column
    }

    public var description: String { "\(table).\(row).\(column)" }

    public static func < (lhs: CellKey, rhs: CellKey) -> Bool { lhs.description < rhs.description }
}

/// The report years xxgk reads and writes: one range for every reader and writer, so a
/// report that one kind accepts every other kind accepts too.
public enum ReportYears {
    /// The years accepted in a report (and on a template's cover).
    public static let accepted: ClosedRange<Int> = 1990...2100

    /// Whether `year` is a report year xxgk accepts.
    public static func contains(_ year: Int) -> Bool { accepted.contains(year) }

    /// `1990–2100`, for messages.
    public static var description: String { "\(accepted.lowerBound)–\(accepted.upperBound)" }

    /// What every reader says of a year outside the range.
    public static func outOfRangeMessage(_ year: Int) -> String {
        Messages.text("report.year.out_of_range", ["year": String(year), "years": description])
    }
}

/// A calendar date as reports write it (2021年1月13日), kept as ISO 8601 (`2021-01-13`).
public struct ReportDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A date, or nil when the day does not exist (2021-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month), day >= 1 else { return nil }
        let lengths = [31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// `2021-01-13`.
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// `2021年1月13日`, as reports sign.
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    public static func < (lhs: ReportDate, rhs: ReportDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// One agency's annual report for one year on one version of the official form: the
/// canonical model that every converter reads and writes.
public struct Report: Sendable, Equatable {
    public var form: Form
    /// The reporting body, as written in the title or signature.
    public var agency: String
    /// The year reported on.
    public var year: Int
    /// The date the report was signed, when known.
    public var date: ReportDate?
    /// Text sections by id (`overview`, `problems`, `other`, and the optional
    /// `proactive_notes`, `applications_notes`, `appeals_notes`); paragraphs separated by `\n`.
    public var sections: [String: String]
    /// The values written in the tables. A cell missing here was left blank; blank and 0 differ.
    public private(set) var values: [CellKey: Decimal]
    /// The parts of the tables the source did not determine (empty for a complete report).
    public var unresolved: [Unresolved] = []

    /// An empty report: every cell blank, every section empty.
    public init(form: Form, agency: String, year: Int, date: ReportDate? = nil) {
        self.form = form
        self.agency = agency
        self.year = year
        self.date = date
        self.sections = [:]
        self.values = [:]
    }

    /// The value of a cell, nil when blank.
    public subscript(cell: CellKey) -> Decimal? {
        get { values[cell] }
        set {
            precondition(form.contains(cell), "\(cell) is not a cell of form \(form.id)")
            values[cell] = newValue
        }
    }

    /// The value of a cell by its ids, nil when blank.
    public subscript(table: String, row: String, column: String) -> Decimal? {
        get { self[CellKey(table: table, row: row, column: column)] }
        set { self[CellKey(table: table, row: row, column: column)] = newValue }
    }

    /// Two reports are equal when form, agency, year, date, values and section texts are; a
    /// section that is absent equals one that is empty.
    public static func == (lhs: Report, rhs: Report) -> Bool {
        lhs.form == rhs.form && lhs.agency == rhs.agency && lhs.year == rhs.year && lhs.date == rhs.date
            && lhs.values == rhs.values && lhs.unresolved == rhs.unresolved
            && lhs.sections.filter { !$0.value.isEmpty } == rhs.sections.filter { !$0.value.isEmpty }
    }

    /// Sets every computed total (`form.computedCells`: the 总计 column, the （七）总计 row, 四's
    /// 总计) to the sum of its parts, totals inside totals first; blank counts 0, and a total
    /// of only blank cells is blank. Importers use it so a total is never taken on trust.
    public mutating func computeTotals() { computeTotals(keeping: []) }

    /// Like `computeTotals()`, but the totals in `kept` keep their values and count as given
    /// in the totals above them: a workbook total written as the report's printed value (not
    /// a formula) is read back as printed, and the formulas over it sum what it shows.
    public mutating func computeTotals(keeping kept: Set<CellKey>) {
        let computed = form.computedCells
        var settled: [CellKey: Decimal?] = [:]
        func total(_ cell: CellKey, visiting: inout Set<CellKey>) -> Decimal? {
            if let known = settled[cell] { return known }
            // A cycle in a definition would be a form bug; its cell keeps its value.
            guard let instance = computed[cell], !kept.contains(cell), visiting.insert(cell).inserted else { return values[cell] }
            var sum: Decimal?
            for term in instance.right {
                guard let value = computed[term] != nil && !kept.contains(term) ? total(term, visiting: &visiting) : values[term] else { continue }
                sum = (sum ?? 0) + value
            }
            visiting.remove(cell)
            settled[cell] = sum
            return sum
        }
        var visiting = Set<CellKey>()
        for cell in computed.keys { _ = total(cell, visiting: &visiting) }
        for (cell, value) in settled { values[cell] = value }
    }

    /// The section ids a report may carry besides the text sections: notes under a table heading.
    public static func noteSectionID(forTable table: String) -> String { "\(table)_notes" }

    /// The ids of every section a report on this form may have, in output order.
    public var allowedSectionIDs: [String] {
        form.textSectionIDs + form.tables.map { Self.noteSectionID(forTable: $0.id) }
    }
}
