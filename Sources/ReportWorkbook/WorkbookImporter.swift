import Foundation
import ReportModel
import XLSX

extension ReportWorkbook {
    /// Reads a filled workbook of any known form, as written by xxgk and then edited and saved
    /// by Excel, WPS, LibreOffice or a script: recognises the form and the sheets (even renamed
    /// or reordered), finds each cell by its labels (rows inserted above a table are followed),
    /// parses the values people type, recomputes every total that is a formula and keeps every
    /// total that is a value as printed (a shown total that differs from its cells is a finding).
    ///
    /// Throws `ReportInputError` naming `file` and, where there is one, the sheet and cell.
    public static func read(_ data: Data, file: String) throws(ReportInputError) -> LoadedReport {
        do {
            let workbook = try Workbook(data: data)
            var importer = WorkbookImporter(workbook: workbook, file: file)
            return try importer.run()
        } catch let error as XLSXReadError {
            throw ReportInputError(file: file, error.description)
        } catch let error as ReportInputError {
            throw error.inFile(file)
        } catch {
            throw ReportInputError(file: file, "\(error)")
        }
    }
}

/// One import: the workbook, the form recognised, the sheets placed, and what was read.
struct WorkbookImporter {
    let workbook: Workbook
    let file: String
    private var locator: SheetLocator
    private var warnings: [Diagnostic] = []
    private var findings: [Finding] = []
    private var origins: [CellKey: SourceLocation] = [:]
    /// The workbook-wide defined names that point at one range, by name.
    private let namedRanges: [String: (sheet: String, range: CellRange)]

    init(workbook: Workbook, file: String) {
        self.workbook = workbook
        self.file = file
        locator = SheetLocator(workbook: workbook)
        var named: [String: (sheet: String, range: CellRange)] = [:]
        for name in workbook.definedNames where name.sheetIndex == nil {
            if let target = name.target { named[name.name] = target }
        }
        namedRanges = named
    }

    mutating func run() throws -> LoadedReport {
        let (form, placed) = try recognize()
        let plan = ImportPlan.of(form)
        let cover = try readCover(plan.layout, placed: placed)
        var report = Report(form: form, agency: cover.agency, year: cover.year, date: cover.date)
        try readValues(plan, placed: placed, into: &report)
        for (id, text) in readTexts(plan.layout, placed: placed) { report.sections[id] = text }
        return LoadedReport(report: report, origins: origins, warnings: warnings, findings: findings)
    }

    // MARK: form and sheets

    /// The form (custom property `xxgk.form`, else the cover's 表式版本, else the one whose
    /// labels the sheets carry) and every one of its sheets placed in the workbook.
    private mutating func recognize() throws -> (Form, [String: PlacedSheet]) {
        if let id = workbook.customProperties["xxgk.form"], let form = FormCatalog.form(id: id) {
            return (form, try place(ImportPlan.of(form), strict: true))
        }
        if let target = namedRanges[WorkbookLayout.definedName(for: .form)], let info = workbook.sheets.first(where: { $0.name == target.sheet }),
            let cell = try locator.contents(of: info)[target.range.first],
            let form = FormCatalog.form(id: ImportedValue.trimmed(cell.value.text))
        {
            return (form, try place(ImportPlan.of(form), strict: true))
        }
        var best: (Form, [String: PlacedSheet])?
        for form in FormCatalog.all {
            let placed = try place(ImportPlan.of(form), strict: false)
            if placed.count > (best?.1.count ?? 0) { best = (form, placed) }
        }
        guard let best, best.1.values.contains(where: { if case .table = $0.layout.content { return true } else { return false } }) else {
            throw ReportInputError(file: file, Messages.text("workbook.import.no_form", ["known": FormCatalog.knownIDs]))
        }
        return (best.0, try place(ImportPlan.of(best.0), strict: true))
    }

    /// The sheets of `layout` found in the workbook, by layout sheet name. With `strict`, a
    /// missing or edited sheet is an error; the checks sheet is never needed.
    private mutating func place(_ plan: ImportPlan, strict: Bool) throws -> [String: PlacedSheet] {
        let layout = plan.layout
        var placed: [String: PlacedSheet] = [:]
        for sheet in layout.sheets where sheet.content != .checks {
            let (names, shifts) = namedTargets(of: plan.namedCells[sheet.name] ?? [])
            switch try locator.locate(sheet, namedSheets: names, namedShifts: shifts) {
            case .found(let found):
                placed[sheet.name] = found
            case .mismatch(let name, let reference, let expected, let found):
                guard strict else { continue }
                throw ReportInputError(
                    file: file, at: .cell(sheet: name, reference: reference.description),
                    Messages.text("workbook.import.label_changed", ["expected": expected, "form": layout.form.id, "found": found]))
            case .missing:
                guard strict else { continue }
                throw ReportInputError(file: file, Messages.text("workbook.import.sheet_missing", ["sheet": sheet.name, "form": layout.form.id, "heading": sheet.labels.first?.text ?? sheet.name]))
            }
        }
        return placed
    }

    /// The workbook sheets and shifts that the defined names of a layout sheet's cells point to.
    private func namedTargets(of cells: [WorkbookCell]) -> ([String], [(Int, Int)]) {
        var names: [String] = []
        var shifts: [(Int, Int)] = []
        for cell in cells {
            guard let target = namedRanges[cell.definedName] else { continue }
            let reference = cell.reference
            if !names.contains(target.sheet) { names.append(target.sheet) }
            let shift = (target.range.first.row - reference.row, target.range.first.column - reference.column)
            if !shifts.contains(where: { $0 == shift }) { shifts.append(shift) }
            if shifts.count > 3 { break }
        }
        return (names, shifts)
    }

    // MARK: values

    /// Every value cell: inputs parsed; a total that is a formula recomputed from the cells it
    /// sums (its cached value never trusted); a total that is not a formula kept as it shows
    /// (blank too), since it is what the report printed. A total showing a number other than
    /// the sum of its cells is a finding either way.
    private mutating func readValues(_ plan: ImportPlan, placed: [String: PlacedSheet], into report: inout Report) throws {
        let layout = plan.layout
        let computed = plan.computed
        let decimals = layout.form.units.amountDecimals
        var shownTotals: [CellKey: (Decimal, SourceLocation)] = [:]
        // Totals that are values, not formulas: the report's printed figure, kept.
        var printedTotals: Set<CellKey> = []
        // A total showing an error value (#REF! after a deleted row) is reported, never read as 0.
        var shownErrors: [CellKey: (String, SourceLocation)] = [:]
        origins.reserveCapacity(layout.cells.count)
        for (key, column) in plan.columns {
            guard let cell = layout.cells[key], let sheet = placed[cell.sheet] else { continue }
            let reference = sheet.moved(cell.reference)
            let location = SourceLocation.cell(sheet: sheet.info.name, reference: reference.description)
            origins[key] = location
            let found = sheet.contents[reference]
            var reading = ImportedValue.read(found, kind: column.kind)
            if case .value(let value) = reading, column.kind == .amount, !value.hasAtMost(decimals: decimals) {
                reading = .invalid(found: found?.value.text ?? ReportJSON.format(value))
            }
            if computed[key] != nil {
                let isFormula = found?.formula != nil
                switch reading {
                case .value(let shown):
                    shownTotals[key] = (shown, location)
                    if !isFormula {
                        printedTotals.insert(key)
                        report[key] = shown
                    }
                case .invalid(let found), .tooLarge(let found): shownErrors[key] = (found, location)
                case .blank, .placeholder:
                    // A blank total that is not a formula was left blank in the report.
                    if !isFormula { printedTotals.insert(key) }
                }
                continue
            }
            switch reading {
            case .blank:
                break
            case .placeholder(let text):
                warnings.append(Diagnostic(.warning, file: file, at: location, Messages.text("workbook.import.placeholder", ["text": text])))
            case .value(let value):
                report[key] = value
            case .invalid(let found), .tooLarge(let found):
                // A bad cell is an error at its place (`cell.invalid`), kept as typed; the rest
                // of the workbook is read and checked, so a department sees everything at once.
                report.unresolved.append(Unresolved(invalid: key, typed: found))
            }
        }
        report.computeTotals(keeping: printedTotals)
        // A total over a bad cell cannot be compared with what it shows.
        let tainted = CheckEngine.taintedCells(report)
        for key in layout.form.cells {
            guard let instance = computed[key] else { continue }
            // The sum of the cells as the sheet shows them (printed totals among them as printed).
            let sum = instance.right.reduce(Decimal(0)) { $0 + (report[$1] ?? 0) }
            if let (found, location) = shownErrors[key] {
                warnings.append(Diagnostic(
                    .warning, file: file, at: location,
                    Messages.text("workbook.import.total_error", ["found": found, "sum": ReportJSON.format(sum)])))
            }
            if let (shown, location) = shownTotals[key], shown != sum, !tainted.contains(key) {
                // A total typed over the formula (or cached wrong) is the submission's own
                // arithmetic error: a finding, like a failing rule, with both values.
                let outcome = printedTotals.contains(key)
                    ? Messages.text("workbook.import.total_kept") : Messages.text("workbook.import.total_using", ["sum": ReportJSON.format(sum)])
                findings.append(Finding(
                    rule: "workbook.total", severity: .error, cells: [key], place: location.description,
                    found: shown, expected: sum,
                    message: Messages.text("workbook.import.total_differs", [
                        "table": layout.form.heading(ofTable: key.table), "label": layout.form.label(of: key), "shown": ReportJSON.format(shown),
                        "sum": ReportJSON.format(sum), "outcome": outcome,
                    ])))
            }
        }
    }

    // MARK: texts and cover

    /// The text sections and table notes exactly as the cells hold them: line breaks (CR and
    /// CRLF too), tabs and white space are the report's, and a round trip keeps them. A text
    /// section's rows are joined into its lines (`TextRows`), which also reads the one cell
    /// of earlier workbooks; a table's notes are one cell.
    private func readTexts(_ layout: WorkbookLayout, placed: [String: PlacedSheet]) -> [String: String] {
        var texts: [String: String] = [:]
        for (id, cell) in layout.textCells {
            guard let sheet = placed[cell.sheet] else { continue }
            let text: String
            if case .text = sheet.layout.content {
                text = TextRows.read(from: cell.reference, in: sheet)
            } else {
                text = sheet.cell(at: cell.reference)?.value.text ?? ""
            }
            if !text.isEmpty { texts[id] = text }
        }
        return texts
    }

    /// 机关名称, 报告年度 and 成文日期 from the cover sheet.
    private func readCover(_ layout: WorkbookLayout, placed: [String: PlacedSheet]) throws -> (agency: String, year: Int, date: ReportDate?) {
        func field(_ field: WorkbookLayout.CoverField) -> (Cell?, SourceLocation)? {
            guard let cell = layout.coverFields[field], let sheet = placed[cell.sheet] else { return nil }
            return (sheet.cell(at: cell.reference), .cell(sheet: sheet.info.name, reference: sheet.moved(cell.reference).description))
        }
        let agency = field(.agency).flatMap { $0.0 }.map { ImportedValue.trimmed($0.value.text) } ?? ""
        guard let (yearCell, yearPlace) = field(.year) else {
            throw ReportInputError(file: file, Messages.text("workbook.import.no_cover"))
        }
        let yearText = ImportedValue.trimmed(yearCell?.value.text ?? "").replacingOccurrences(of: "年", with: "")
        guard let yearValue = ImportedValue.numericText(yearText, kind: .count), yearValue.isWholeNumber,
            let year = Int(ReportJSON.format(yearValue)), ReportYears.contains(year)
        else {
            throw ReportInputError(file: file, at: yearPlace, Messages.text("workbook.import.year", ["found": yearCell?.value.text ?? ""]))
        }
        var date: ReportDate?
        if let (dateCell, datePlace) = field(.date), let dateCell, dateCell.value != .empty {
            guard let parsed = CoverDate.parse(dateCell.value, uses1904: workbook.uses1904Dates) else {
                throw ReportInputError(file: file, at: datePlace, Messages.text("workbook.import.date", ["found": dateCell.value.text]))
            }
            date = parsed
        }
        return (agency, year, date)
    }
}
