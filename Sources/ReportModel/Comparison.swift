import Foundation

/// How agency names are matched across reports: without spaces and with full-width brackets
/// folded, so `某区（县）局` and `某区(县) 局` are one agency. The one normalisation for the
/// year-to-year check, `compare` and the web page.
public enum AgencyName {
    /// The name as it is compared.
    public static func normalized(_ agency: String) -> String {
        agency.filter { !$0.isWhitespace }.replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
    }
}

/// Why reports cannot be compared: they are of different agencies, two are of one year, or
/// there are too few.
public struct ComparisonError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason, as a sentence with the fix when there is one.
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}

/// One agency's reports over several years, figure by figure: each year's value, the change
/// from the year before and its percentage, the shares of the results (三) and the carry-over
/// rule between consecutive years. The library form of `xxgk compare`, for the web page too.
public struct ReportComparison: Sendable {
    /// The agency, as the newest report names it.
    public let agency: String
    /// The reports, oldest first.
    public let reports: [Report]
    /// The figures compared, key figures first.
    public let rows: [Row]
    /// The parts of 三(七) (予以公开, 不予公开, …) per year, from the newest form's `result_groups`.
    public let shares: [Row]
    /// The carry-over between each pair of consecutive reports, oldest pair first.
    public let carryOver: [CarryOver]

    /// The years compared, oldest first.
    public var years: [Int] { reports.map(\.year) }

    /// One figure over the years.
    public struct Row: Sendable, Equatable {
        /// The cell, for figures of one cell; nil for a group (a share of the results).
        public let cell: CellKey?
        /// The caption (`本年新收申请`, or the cell's labels).
        public let label: String
        /// The value of each year, in the order of `years`; nil when blank (or not on that year's form).
        public let values: [Decimal?]
        /// The change from each year to the next: `changes[i]` is from `values[i]` to `values[i + 1]`.
        public let changes: [Change]
    }

    /// The change of a figure from one year to the next.
    public struct Change: Sendable, Equatable {
        /// This year's value minus last year's, blank counting 0; nil when both are blank.
        public let difference: Decimal?
        /// The difference as a percentage of last year's value, rounded to one decimal; nil
        /// (shown as `—`) when last year's value is 0 or blank, where no percentage exists.
        public let percent: Decimal?

        /// The change from `previous` to `current`.
        public init(from previous: Decimal?, to current: Decimal?) {
            guard previous != nil || current != nil else {
                difference = nil
                percent = nil
                return
            }
            let difference = (current ?? 0) - (previous ?? 0)
            self.difference = difference
            guard let previous, previous != 0 else {
                percent = nil
                return
            }
            var ratio = difference * 100 / previous
            var rounded = Decimal()
            NSDecimalRound(&rounded, &ratio, 1, .plain)
            percent = rounded
        }
    }

    /// The carry-over rule (`year_to_year_rules`) between two reports of the agency.
    public struct CarryOver: Sendable, Equatable {
        /// The later year.
        public let year: Int
        /// The earlier year.
        public let previous: Int
        /// Whether the years follow each other; the rule is evaluated only then.
        public var consecutive: Bool { year == previous + 1 }
        /// The rule's findings (`CheckEngine.checkAcrossYears`); empty when it holds or is not evaluated.
        public let findings: [Finding]
    }

    /// Compares reports of one agency, at least two, of different years, in any order.
    /// `allCells` adds every cell of the forms after the key figures.
    public init(_ reports: [Report], allCells: Bool = false) throws(ComparisonError) {
        guard reports.count >= 2 else { throw ComparisonError(Messages.text("compare.too_few")) }
        let agencies = Dictionary(grouping: reports, by: { AgencyName.normalized($0.agency) })
        guard agencies.count == 1 else {
            let names = agencies.values.compactMap(\.first?.agency).sorted().joined(separator: "、")
            throw ComparisonError(Messages.text("compare.different_agencies", ["names": names]))
        }
        let byYear = Dictionary(grouping: reports, by: \.year)
        if let (year, _) = byYear.first(where: { $0.value.count > 1 }) {
            throw ComparisonError(Messages.text("compare.same_year", ["year": String(year)]))
        }
        let sorted = reports.sorted { $0.year < $1.year }
        self.reports = sorted
        agency = sorted.last?.agency ?? ""
        let newest = sorted.last?.form ?? sorted[0].form
        let values = sorted.map(Self.valuesWithComputedBlanks)

        var cells: [(CellKey, String)] = newest.keyFigures.map { ($0.cell, $0.label) }
        if allCells {
            var listed = Set(cells.map(\.0))
            for form in [newest] + sorted.reversed().map(\.form) {
                for cell in form.cells where listed.insert(cell).inserted { cells.append((cell, form.pathLabel(of: cell))) }
            }
        }
        rows = cells.map { cell, label in Self.row(cell: cell, label: label, values: values.map { $0(cell) }) }
        shares = newest.resultGroups.map { group in
            let perYear = sorted.enumerated().map { index, report -> Decimal? in
                let cells = report.form.resultGroups.first { $0.label == group.label }?.cells ?? []
                let present = cells.compactMap { values[index]($0) }
                return present.isEmpty ? nil : present.reduce(0, +)
            }
            return Self.row(cell: nil, label: group.label, values: perYear)
        }
        carryOver = zip(sorted, sorted.dropFirst()).map { previous, report in
            CarryOver(
                year: report.year, previous: previous.year,
                findings: report.year == previous.year + 1 ? CheckEngine.checkAcrossYears(report, previous: previous) : [])
        }
    }

    /// Pairs two rounds of many agencies' reports by agency name: one comparison per agency
    /// found in both, in the order of `first`, and the agencies found in only one round.
    public static func byAgency(_ first: [Report], _ second: [Report], allCells: Bool = false) throws(ComparisonError) -> AgencyRounds {
        func index(_ round: [Report], _ name: String) throws(ComparisonError) -> [String: Report] {
            var byName: [String: Report] = [:]
            for report in round {
                let key = AgencyName.normalized(report.agency)
                if byName[key] != nil { throw ComparisonError(Messages.text("compare.two_of_agency", ["folder": name, "agency": report.agency])) }
                byName[key] = report
            }
            return byName
        }
        let firstByName = try index(first, Messages.text("compare.first_folder"))
        let secondByName = try index(second, Messages.text("compare.second_folder"))
        var comparisons: [ReportComparison] = []
        for report in first {
            guard let later = secondByName[AgencyName.normalized(report.agency)] else { continue }
            comparisons.append(try ReportComparison([report, later], allCells: allCells))
        }
        return AgencyRounds(
            comparisons: comparisons,
            onlyInFirst: first.filter { secondByName[AgencyName.normalized($0.agency)] == nil }.map(\.agency),
            onlyInSecond: second.filter { firstByName[AgencyName.normalized($0.agency)] == nil }.map(\.agency))
    }

    private static func row(cell: CellKey?, label: String, values: [Decimal?]) -> Row {
        Row(cell: cell, label: label, values: values, changes: zip(values, values.dropFirst()).map { Change(from: $0, to: $1) })
    }

    /// A report's values as compared: as printed, a blank total taken from its parts (as the
    /// narrative check does), nil for a blank cell or a cell not on the report's form.
    private static func valuesWithComputedBlanks(_ report: Report) -> @Sendable (CellKey) -> Decimal? {
        var computed = report
        computed.computeTotals()
        let frozen = computed
        return { cell in report.form.contains(cell) ? report[cell] ?? frozen[cell] : nil }
    }
}

/// Two rounds of many agencies compared: the agencies in both, and those in only one.
public struct AgencyRounds: Sendable {
    /// One comparison per agency in both rounds.
    public let comparisons: [ReportComparison]
    /// Agencies of the first round without a report in the second.
    public let onlyInFirst: [String]
    /// Agencies of the second round without a report in the first.
    public let onlyInSecond: [String]
}

extension Form {
    /// The full labels of a cell: its row's label path and its column (`四、结转下年度继续办理 › 总计`,
    /// `三、本年度办理结果 › （七）总计 › 总计`).
    public func pathLabel(of cell: CellKey) -> String {
        guard let row = table(cell.table)?.row(cell.row), let column = row.column(cell.column) else { return cell.description }
        return (row.labelPath + [column.label]).joined(separator: " › ")
    }
}
