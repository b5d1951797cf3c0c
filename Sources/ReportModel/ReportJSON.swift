import Foundation

/// The canonical JSON of a report (docs/MODEL.md): every id present, keys in form order,
/// the same report always giving the same bytes.
public enum ReportJSON {
    /// The report as canonical JSON text.
    public static func encode(_ report: Report) -> String {
        JSONWriter.write(jsonValue(of: report))
    }

    /// The report as a JSON value (for embedding in other documents).
    public static func jsonValue(of report: Report) -> JSONValue {
        var top: [(key: String, value: JSONValue)] = [
            ("form", .string(report.form.id)),
            ("agency", .string(report.agency)),
            ("year", .number(String(report.year))),
        ]
        if let date = report.date { top.append(("date", .string(date.description))) }
        var sections: [(key: String, value: JSONValue)] = report.form.textSectionIDs.map {
            ($0, .string(report.sections[$0] ?? ""))
        }
        for table in report.form.tables {
            let id = Report.noteSectionID(forTable: table.id)
            if let note = report.sections[id] { sections.append((id, .string(note))) }
        }
        top.append(("sections", .object(sections)))
        let tables: [(key: String, value: JSONValue)] = report.form.tables.map { table in
            (table.id, .object(table.rows.map { row in
                (row.id, .object(row.columns.map { column in
                    let value = report[CellKey(table: table.id, row: row.id, column: column.id)]
                    return (column.id, value.map { .number(format($0)) } ?? .null)
                }))
            }))
        }
        top.append(("tables", .object(tables)))
        if !report.unresolved.isEmpty {
            top.append(("unresolved", .array(report.unresolved.map(jsonValue(of:)))))
        }
        return .object(top)
    }

    /// One unresolved part as JSON: table, row (or null), line (or null), reason, candidates.
    private static func jsonValue(of unresolved: Unresolved) -> JSONValue {
        if let cell = unresolved.invalidCell {
            return .object([
                ("table", .string(cell.table)), ("row", .string(cell.row)), ("column", .string(cell.column)),
                ("line", unresolved.line.map { .number(String($0)) } ?? .null),
                ("reason", .string(unresolved.reason.rawValue)), ("typed", .string(unresolved.typed ?? "")),
            ])
        }
        return .object([
            ("table", .string(unresolved.table)),
            ("row", unresolved.row.map { .string($0) } ?? .null),
            ("line", unresolved.line.map { .number(String($0)) } ?? .null),
            ("reason", .string(unresolved.reason.rawValue)),
            ("candidates", .array(unresolved.candidates.map { reading in
                .array(reading.map { value in value.map { .number(format($0)) } ?? .null })
            })),
        ])
    }

    /// A decimal as JSON writes it: no exponent, no trailing zeros (`199.2`, `5`, `-18`).
    public static func format(_ value: Decimal) -> String {
        var copy = value
        return NSDecimalString(&copy, Locale(identifier: "en_US_POSIX"))
    }

    /// Reads canonical JSON on one of `forms` (the catalogue's by default). Errors name the
    /// JSON path and what was found.
    public static func decode(_ data: Data, file: String? = nil, forms: [Form] = FormCatalog.all) throws(ReportInputError) -> LoadedReport {
        let document: JSONValue
        do {
            document = try JSONParser.parse(data)
        } catch {
            throw ReportInputError(file: file, Messages.text("json.not_valid", ["error": "\(error)"]))
        }
        do {
            return try decode(document, forms: forms)
        } catch {
            throw file.map { error.inFile($0) } ?? error
        }
    }

    /// Reads a report on one of `forms` from an already parsed JSON value.
    public static func decode(_ document: JSONValue, forms: [Form] = FormCatalog.all) throws(ReportInputError) -> LoadedReport {
        let known = forms.map { "\"\($0.id)\"" }.joined(separator: ", ")
        guard case .object(let members) = document else {
            throw ReportInputError(at: .jsonPath("$"), Messages.text("json.not_report_object", ["found": document.kindDescription]))
        }
        let top = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        for key in top.keys where !key.hasPrefix("_") && !["form", "agency", "year", "date", "sections", "tables", "unresolved"].contains(key) {
            throw ReportInputError(at: .jsonPath(key), Messages.text("json.unknown_key"))
        }
        guard let formValue = top["form"] else { throw ReportInputError(at: .jsonPath("form"), Messages.text("json.form.missing", ["known": known])) }
        guard case .string(let formID) = formValue, let form = forms.first(where: { $0.id == formID }) else {
            let found = if case .string(let text) = formValue { "\"\(text)\"" } else { formValue.kindDescription }
            throw ReportInputError(at: .jsonPath("form"), Messages.text("json.form.unknown", ["found": found, "known": known]))
        }
        guard case .string(let agency)? = top["agency"] else {
            throw ReportInputError(at: .jsonPath("agency"), top["agency"].map { Messages.text("json.expected_string", ["found": $0.kindDescription]) } ?? Messages.text("json.missing"))
        }
        guard case .number(let yearText)? = top["year"], let year = Int(yearText) else {
            throw ReportInputError(at: .jsonPath("year"), top["year"].map { Messages.text("json.year.expected", ["found": $0.kindDescription]) } ?? Messages.text("json.missing"))
        }
        guard ReportYears.contains(year) else {
            throw ReportInputError(at: .jsonPath("year"), ReportYears.outOfRangeMessage(year))
        }
        var date: ReportDate?
        switch top["date"] {
        case nil, .null?: date = nil
        case .string(let text)?:
            guard let parsed = ReportDate(iso: text) else {
                throw ReportInputError(at: .jsonPath("date"), Messages.text("json.date.expected", ["found": "\"\(text)\""]))
            }
            date = parsed
        case let other?:
            throw ReportInputError(at: .jsonPath("date"), Messages.text("json.date.expected", ["found": other.kindDescription]))
        }
        var report = Report(form: form, agency: agency, year: year, date: date)
        var origins: [CellKey: SourceLocation] = [:]

        if let sectionsValue = top["sections"] {
            guard case .object(let sections) = sectionsValue else {
                throw ReportInputError(at: .jsonPath("sections"), Messages.text("json.expected_object", ["found": sectionsValue.kindDescription]))
            }
            let allowed = Set(report.allowedSectionIDs)
            for (key, value) in sections {
                guard allowed.contains(key) else {
                    throw ReportInputError(at: .jsonPath("sections.\(key)"), Messages.text("json.section.unknown", ["known": report.allowedSectionIDs.joined(separator: ", ")]))
                }
                guard case .string(let text) = value else {
                    throw ReportInputError(at: .jsonPath("sections.\(key)"), Messages.text("json.expected_string", ["found": value.kindDescription]))
                }
                report.sections[key] = text
            }
        }

        guard let tablesValue = top["tables"] else { throw ReportInputError(at: .jsonPath("tables"), Messages.text("json.missing")) }
        let tables = try object(tablesValue, at: "tables", expecting: form.tables.map(\.id))
        for table in form.tables {
            let tablePath = "tables.\(table.id)"
            guard let tableValue = tables[table.id] else { throw ReportInputError(at: .jsonPath(tablePath), Messages.text("json.missing")) }
            let rows = try object(tableValue, at: tablePath, expecting: table.rows.map(\.id))
            for row in table.rows {
                let rowPath = "\(tablePath).\(row.id)"
                guard let rowValue = rows[row.id] else { throw ReportInputError(at: .jsonPath(rowPath), Messages.text("json.missing")) }
                let cells = try object(rowValue, at: rowPath, expecting: row.columns.map(\.id))
                for column in row.columns {
                    let path = "\(rowPath).\(column.id)"
                    let key = CellKey(table: table.id, row: row.id, column: column.id)
                    origins[key] = .jsonPath(path)
                    switch cells[column.id] {
                    case nil:
                        throw ReportInputError(at: .jsonPath(path), Messages.text("json.cell.missing"))
                    case .null?:
                        continue
                    case .number(let text)?:
                        let parsed = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
                        guard let value = parsed, column.kind.accepts(value) else {
                            // A bad value is an error at its place, not a reason to refuse the report.
                            report.unresolved.append(Unresolved(invalid: key, typed: text))
                            continue
                        }
                        report[key] = value
                    case .string(let text)?:
                        report.unresolved.append(Unresolved(invalid: key, typed: text))
                    case let other?:
                        throw ReportInputError(at: .jsonPath(path), Messages.text("json.cell.unexpected", ["expected": column.kind.expectation(unit: form.units.unit(of: column.kind)), "found": other.kindDescription]))
                    }
                }
            }
        }
        if let value = top["unresolved"] { report.unresolved += try unresolved(value, form: form) }
        return LoadedReport(report: report, origins: origins)
    }

    /// The `unresolved` array: each entry names a table (and row) of the form.
    private static func unresolved(_ value: JSONValue, form: Form) throws(ReportInputError) -> [Unresolved] {
        guard case .array(let entries) = value else {
            throw ReportInputError(at: .jsonPath("unresolved"), Messages.text("json.expected_array", ["found": value.kindDescription]))
        }
        var result: [Unresolved] = []
        for (index, entry) in entries.enumerated() {
            let path = "unresolved[\(index)]"
            let members = try object(entry, at: path, expecting: ["table", "row", "column", "line", "reason", "candidates", "typed"])
            guard case .string(let tableID)? = members["table"], let table = form.table(tableID) else {
                throw ReportInputError(at: .jsonPath("\(path).table"), Messages.text("json.unresolved.table", ["form": form.id, "known": form.tables.map(\.id).joined(separator: ", ")]))
            }
            var row: RowDefinition?
            switch members["row"] {
            case nil, .null?: row = nil
            case .string(let id)?:
                guard let found = table.row(id) else {
                    throw ReportInputError(at: .jsonPath("\(path).row"), Messages.text("json.unresolved.row_unknown", ["row": id, "table": tableID]))
                }
                row = found
            case let other?:
                throw ReportInputError(at: .jsonPath("\(path).row"), Messages.text("json.unresolved.row_expected", ["found": other.kindDescription]))
            }
            var line: Int?
            switch members["line"] {
            case nil, .null?: line = nil
            case .number(let text)?:
                guard let number = Int(text), number > 0 else { throw ReportInputError(at: .jsonPath("\(path).line"), Messages.text("json.unresolved.line_positive", ["found": text])) }
                line = number
            case let other?:
                throw ReportInputError(at: .jsonPath("\(path).line"), Messages.text("json.unresolved.line_expected", ["found": other.kindDescription]))
            }
            guard case .string(let reasonText)? = members["reason"], let reason = Unresolved.Reason(rawValue: reasonText) else {
                throw ReportInputError(at: .jsonPath("\(path).reason"), Messages.text("json.unresolved.reason"))
            }
            if reason == .invalid {
                guard let row, case .string(let columnID)? = members["column"], row.column(columnID) != nil else {
                    throw ReportInputError(at: .jsonPath("\(path).column"), Messages.text("json.unresolved.column"))
                }
                guard case .string(let typed)? = members["typed"] else {
                    throw ReportInputError(at: .jsonPath("\(path).typed"), Messages.text("json.unresolved.typed"))
                }
                result.append(Unresolved(invalid: CellKey(table: tableID, row: row.id, column: columnID), typed: typed, line: line))
                continue
            }
            var candidates: [[Decimal?]] = []
            if case .array(let readings)? = members["candidates"] {
                for (readingIndex, reading) in readings.enumerated() {
                    let readingPath = "\(path).candidates[\(readingIndex)]"
                    guard case .array(let values) = reading, values.count == (row?.columns.count ?? values.count) else {
                        throw ReportInputError(at: .jsonPath(readingPath), Messages.text("json.unresolved.reading"))
                    }
                    var parsed: [Decimal?] = []
                    for value in values {
                        switch value {
                        case .null: parsed.append(nil)
                        case .number(let text):
                            guard let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !ValueKind.isTooLarge(number) else {
                                throw ReportInputError(at: .jsonPath(readingPath), Messages.text("json.unresolved.numbers", ["found": text]))
                            }
                            parsed.append(number)
                        default:
                            throw ReportInputError(at: .jsonPath(readingPath), Messages.text("json.unresolved.numbers", ["found": value.kindDescription]))
                        }
                    }
                    candidates.append(parsed)
                }
            } else if let other = members["candidates"] {
                throw ReportInputError(at: .jsonPath("\(path).candidates"), Messages.text("json.expected_array", ["found": other.kindDescription]))
            }
            result.append(Unresolved(table: tableID, row: row?.id, line: line, reason: reason, candidates: candidates))
        }
        return result
    }

    /// The members of an object whose keys must all be among `expected`.
    private static func object(_ value: JSONValue, at path: String, expecting expected: [String]) throws(ReportInputError) -> [String: JSONValue] {
        guard case .object(let members) = value else {
            throw ReportInputError(at: .jsonPath(path), Messages.text("json.expected_object", ["found": value.kindDescription]))
        }
        for member in members where !expected.contains(member.key) {
            throw ReportInputError(at: .jsonPath("\(path).\(member.key)"), Messages.text("json.unknown_id", ["known": expected.joined(separator: ", ")]))
        }
        return Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}
