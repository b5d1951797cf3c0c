import Foundation

/// A version of the official form: its sections, tables and cross-check rules, read from
/// a definition file in `templates/`. Every converter and the check engine walk this.
public struct Form: Sendable, Equatable {
    /// The form id used in JSON (`"2019"`, `"2021"`).
    public let id: String
    /// The form's name as issued.
    public let name: String
    /// The report years this form is used for.
    public let years: YearRange
    /// The report title with `{agency}` and `{year}` placeholders.
    public let titleTemplate: String
    public let sections: [SectionDefinition]
    public let tables: [TableDefinition]
    public let rules: [Rule]
    /// The rules across two reports of one agency, this year's and last year's (the carry-over).
    public let yearToYearRules: [Rule]
    /// The units of the form's values, and the units a published report may use instead.
    public let units: Units
    /// The figures that summarise a submission (totals of 三 and 四), for summary sheets.
    public let keyFigures: [KeyFigure]
    /// The phrases of the narrative (正文) that state a figure of the tables, for the
    /// narrative check (`NarrativeCheck`).
    public let narrative: [NarrativeFigure]
    /// Words that, before a stated number, make it a change rather than a count (同比, 增加).
    public let narrativeExclusions: [String]
    /// The parts of 三(七) shown as shares in comparisons (予以公开, 不予公开, …), each the sum of its cells.
    public let resultGroups: [CellGroup]
    /// Every instance of every rule of the form, in rule order.
    public let ruleInstances: [Rule.Instance]
    /// Every instance of every rule across years, in rule order.
    public let yearToYearInstances: [Rule.Instance]
    /// The cells that are totals computed from other cells (formulas in a workbook), with
    /// the instance that computes each.
    public let computedCells: [CellKey: Rule.Instance]
    /// Every cell of the form, for constant-time membership tests.
    private let cellSet: Set<CellKey>
    /// Identifies the definition file's content: two forms with the same fingerprint were
    /// read from the same bytes (caches key on it; a test's altered copy differs).
    public let fingerprint: Int

    /// A cell shown in summaries, with its short caption.
    public struct KeyFigure: Sendable, Equatable {
        public let cell: CellKey
        public let label: String
    }

    public static func == (lhs: Form, rhs: Form) -> Bool { lhs.id == rhs.id }

    /// The table with this id, if the form has it.
    public func table(_ id: String) -> TableDefinition? { tables.first { $0.id == id } }

    /// A table named as the form prints it, by its section's heading
    /// (`三、收到和处理政府信息公开申请情况`): what messages call it, as a clerk knows it;
    /// the id itself for a table no section heads.
    public func heading(ofTable id: String) -> String { sections.first { $0.table == id }?.heading ?? id }

    /// The definition of a cell, if the form has it.
    public func column(of cell: CellKey) -> ColumnDefinition? {
        table(cell.table)?.row(cell.row)?.column(cell.column)
    }

    /// Every value cell of the form, table by table, in form order.
    public var cells: [CellKey] { tables.flatMap(\.cells) }

    /// Whether the form has this cell.
    public func contains(_ cell: CellKey) -> Bool { cellSet.contains(cell) }

    /// The ids of the text sections (`overview`, `problems`, `other`), in form order.
    public var textSectionIDs: [String] { sections.filter { $0.table == nil }.map(\.id) }

    /// The title of a report on this form.
    public func title(agency: String, year: Int) -> String {
        titleTemplate.replacingOccurrences(of: "{agency}", with: agency)
            .replacingOccurrences(of: "{year}", with: String(year))
    }

    /// A readable name of a cell: its row and column labels (`四、结转下年度继续办理 › 总计`).
    public func label(of cell: CellKey) -> String {
        guard let row = table(cell.table)?.row(cell.row), let column = row.column(cell.column) else {
            return cell.description
        }
        return "\(row.label) › \(column.label)"
    }
}

/// The units of a form's values as data: what the cells of each kind are counted in, and
/// the units published reports print instead (元 for 万元).
public struct Units: Sendable, Equatable {
    /// The unit of `amount` cells (`万元`).
    public let amount: String
    /// Other units an amount may be printed in, with the factor that turns them into `amount`
    /// (`元`: 0.0001), as decimal text in the file so the factor is exact.
    public let amountConversions: [String: String]
    /// The words a count may be printed with (`件`, `条`), which are not conversions.
    public let countWords: [String]
    /// The most decimals an amount may have in a workbook cell (its validation).
    public let amountDecimals: Int

    /// The `units` of a definition file.
    init(_ object: DefinitionObject) throws(DefinitionReadError) {
        amount = try object.string("amount")
        amountConversions = try object.stringMap("amount_conversions")
        countWords = try object.strings("count_words")
        amountDecimals = try object.integer("amount_decimals")
    }

    /// The factor that turns a value printed with `suffix` into `amount`, when `suffix`
    /// begins with one of the conversions' units (元, 元。); nil for the form's own units.
    public func conversion(for suffix: String) -> Decimal? {
        guard !suffix.hasPrefix(amount) else { return nil }
        return amountConversions.first { suffix.hasPrefix($0.key) }.flatMap { Decimal(string: $0.value) }
    }

    /// The unit a value of `kind` is stated in, for messages and labels: the amount unit for
    /// amounts, none for counts.
    public func unit(of kind: ValueKind) -> String? { kind == .amount ? amount : nil }

    /// Whether `suffix` is a unit the cells are already counted in (nothing to convert or note).
    public func isOwnUnit(_ suffix: String) -> Bool { suffix == amount || countWords.contains(suffix) }
}

/// A form used before the ones xxgk reads (the 2008–2018 form with its 统计表): known by its
/// distinctive labels, so a report on it is refused with its name instead of misread.
public struct RetiredForm: Sendable, Equatable {
    public let id: String
    /// The form's name, for the message.
    public let name: String
    public let years: YearRange
    /// How many of `labels` a text must carry to be taken for this form.
    public let minimumMatches: Int
    /// Labels only this form has (without spaces).
    public let labels: [String]

    /// What a reader says of a report on this form.
    public var refusal: String {
        Messages.text("form.retired.refusal", [
            "name": name, "years": years.description, "known": FormCatalog.knownIDs, "first": String(FormCatalog.all.first?.years.first ?? 2019),
        ])
    }

    /// A retired form of a definition file.
    init(_ object: DefinitionObject) throws(DefinitionReadError) {
        id = try object.string("id")
        name = try object.string("name")
        years = try YearRange(try object.object("years"))
        minimumMatches = try object.integer("minimum_matches")
        labels = try object.strings("labels")
    }

    /// The retired forms of a `retired-*.json` file.
    static func decode(_ data: Data) -> [RetiredForm]? {
        try? DefinitionObject.file(data).list("retired_forms", RetiredForm.init)
    }
}

/// An error in a form definition file: a bug of the shipped data, reported with the file.
public struct FormDefinitionError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let reason: String
    public var description: String { Messages.text("form.definition.error", ["file": file, "reason": reason]) }
}

extension Form {
    /// The shape of a definition file; see templates/form-2021.json.
    private struct File {
        struct Table {
            let id: String
            let layout: String
            let blocks: [Block]?
            let corner: String?
            let columnHeader: [LabelNode]?
            let rowHeader: [LabelNode]?

            init(_ object: DefinitionObject) throws(DefinitionReadError) {
                id = try object.string("id")
                layout = try object.string("layout")
                blocks = try object.list(ifPresent: "blocks", Block.init)
                corner = try object.string(ifPresent: "corner")
                columnHeader = try object.list(ifPresent: "column_header", LabelNode.init)
                rowHeader = try object.list(ifPresent: "row_header", LabelNode.init)
            }
        }
        struct Block {
            let caption: String
            let corner: String
            let columns: [LabelNode]
            let rows: [LabelNode]

            init(_ object: DefinitionObject) throws(DefinitionReadError) {
                caption = try object.string("caption")
                corner = try object.string("corner")
                columns = try object.list("columns", LabelNode.init)
                rows = try object.list("rows", LabelNode.init)
            }
        }
        let id: String
        let name: String
        let years: YearRange
        let title: String
        let sections: [SectionDefinition]
        let tables: [Table]
        let rules: [Rule.Definition]
        let yearToYearRules: [Rule.Definition]?
        let units: Units
        let keyFigures: [FileKeyFigure]?
        struct FileKeyFigure {
            let cell: String
            let label: String
        }
        let narrative: [NarrativeFigure.Definition]?
        let narrativeExclusions: [String]?
        let resultGroups: [CellGroup.Definition]?

        init(_ object: DefinitionObject) throws(DefinitionReadError) {
            id = try object.string("id")
            name = try object.string("name")
            years = try YearRange(try object.object("years"))
            title = try object.string("title")
            sections = try object.list("sections", SectionDefinition.init)
            tables = try object.list("tables", Table.init)
            rules = try object.list("rules", Rule.Definition.init)
            yearToYearRules = try object.list(ifPresent: "year_to_year_rules", Rule.Definition.init)
            units = try Units(try object.object("units"))
            keyFigures = try object.list(ifPresent: "key_figures") { figure throws(DefinitionReadError) in
                FileKeyFigure(cell: try figure.string("cell"), label: try figure.string("label"))
            }
            narrative = try object.list(ifPresent: "narrative", NarrativeFigure.Definition.init)
            narrativeExclusions = try object.strings(ifPresent: "narrative_exclusions")
            resultGroups = try object.list(ifPresent: "result_groups", CellGroup.Definition.init)
        }
    }

    /// `applications.received.total` as a cell of `tables`, or nil when it names none.
    static func cell(named text: String, in tables: [TableDefinition]) -> CellKey? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { return nil }
        let cell = CellKey(table: parts[0], row: parts[1], column: parts[2])
        return tables.first(where: { $0.id == cell.table })?.row(cell.row)?.column(cell.column) != nil ? cell : nil
    }

    /// Reads a form definition file (JSON, keys in snake_case).
    public init(definition data: Data, file: String) throws(FormDefinitionError) {
        try self.init(definition: data, file: file, compilingPhrases: true)
    }

    /// Reads a form definition file; with `compilingPhrases` false the narrative phrases are
    /// compiled on first use (for the shipped forms, whose phrases the tests compile).
    init(definition data: Data, file: String, compilingPhrases: Bool) throws(FormDefinitionError) {
        let parsed: File
        do {
            // ReportModel's own parser and reader, not `Decodable`: this runs at every start
            // (see DefinitionObject).
            parsed = try File(try DefinitionObject.file(data))
        } catch {
            throw FormDefinitionError(file: file, reason: error.reason)
        }
        var tables: [TableDefinition] = []
        for table in parsed.tables {
            tables.append(try Self.table(from: table, file: file))
        }
        id = parsed.id
        name = parsed.name
        years = parsed.years
        titleTemplate = parsed.title
        sections = parsed.sections
        self.tables = tables
        var rules: [Rule] = []
        for definition in parsed.rules {
            do {
                rules.append(try Rule(definition, tables: tables))
            } catch {
                throw FormDefinitionError(file: file, reason: Messages.text("form.definition.rule", ["rule": definition.id, "reason": error.reason]))
            }
        }
        self.rules = rules
        var yearToYearRules: [Rule] = []
        for definition in parsed.yearToYearRules ?? [] {
            do {
                yearToYearRules.append(try Rule(definition, tables: tables, acrossYears: true))
            } catch {
                throw FormDefinitionError(file: file, reason: Messages.text("form.definition.rule", ["rule": definition.id, "reason": error.reason]))
            }
        }
        self.yearToYearRules = yearToYearRules
        units = parsed.units
        var keyFigures: [KeyFigure] = []
        for figure in parsed.keyFigures ?? [] {
            guard let cell = Self.cell(named: figure.cell, in: tables) else {
                throw FormDefinitionError(file: file, reason: Messages.text("form.definition.key_figure", ["cell": "\(figure.cell)"]))
            }
            keyFigures.append(KeyFigure(cell: cell, label: figure.label))
        }
        self.keyFigures = keyFigures
        narrative = try (parsed.narrative ?? []).map { definition throws(FormDefinitionError) in
            try NarrativeFigure(definition, tables: tables, file: file, compiling: compilingPhrases)
        }
        narrativeExclusions = parsed.narrativeExclusions ?? []
        resultGroups = try (parsed.resultGroups ?? []).map { definition throws(FormDefinitionError) in
            try CellGroup(definition, tables: tables, file: file)
        }
        ruleInstances = Self.instances(of: rules, in: tables)
        yearToYearInstances = Self.instances(of: yearToYearRules, in: tables)
        computedCells = Self.computedCells(of: ruleInstances)
        cellSet = Set(tables.flatMap(\.cells))
        var hasher = Hasher()
        hasher.combine(data)
        fingerprint = hasher.finalize()
        for section in sections where section.table != nil {
            guard tables.contains(where: { $0.id == section.table }) else {
                throw FormDefinitionError(file: file, reason: Messages.text("form.definition.section_table", ["section": section.id]))
            }
        }
    }

    private static func table(from table: File.Table, file: String) throws(FormDefinitionError) -> TableDefinition {
        switch table.layout {
        case "blocks":
            guard let fileBlocks = table.blocks else {
                throw FormDefinitionError(file: file, reason: Messages.text("form.definition.blocks", ["table": table.id]))
            }
            var blocks: [TableBlock] = []
            var rows: [RowDefinition] = []
            for block in fileBlocks {
                let columns = block.columns.map { node in
                    ColumnDefinition(id: node.id ?? node.label, labelPath: [node.label], kind: node.kind ?? .count, span: node.span ?? 1)
                }
                blocks.append(TableBlock(caption: block.caption, corner: block.corner, columns: columns, rows: block.rows))
                for row in block.rows {
                    guard let id = row.id else {
                        throw FormDefinitionError(file: file, reason: Messages.text("form.definition.row_id", ["table": table.id]))
                    }
                    rows.append(RowDefinition(id: id, labelPath: [block.caption, row.label], columns: columns))
                }
            }
            return try checked(TableDefinition(id: table.id, layout: .blocks(blocks), rows: rows), file: file)
        case "grid":
            guard let corner = table.corner, let header = table.columnHeader, let rowHeader = table.rowHeader else {
                throw FormDefinitionError(file: file, reason: Messages.text("form.definition.grid", ["table": table.id]))
            }
            let columns = leaves(of: header).map { path in
                ColumnDefinition(id: path.last?.id ?? "", labelPath: path.map(\.label), kind: path.last?.kind ?? .count, span: 1)
            }
            let rows = leaves(of: rowHeader).map { path in
                RowDefinition(id: path.last?.id ?? "", labelPath: path.map(\.label), columns: columns)
            }
            return try checked(TableDefinition(id: table.id, layout: .grid(corner: corner, columnHeader: header, rowHeader: rowHeader), rows: rows), file: file)
        case "band":
            guard let header = table.columnHeader else {
                throw FormDefinitionError(file: file, reason: Messages.text("form.definition.band", ["table": table.id]))
            }
            var rows: [RowDefinition] = []
            func visit(_ node: LabelNode, path: [String]) {
                let path = path + [node.label]
                if let id = node.id, !node.childNodes.isEmpty, node.childNodes.allSatisfy({ $0.childNodes.isEmpty }) {
                    let columns = node.childNodes.map { leaf in
                        ColumnDefinition(id: leaf.id ?? "", labelPath: path + [leaf.label], kind: leaf.kind ?? .count, span: 1)
                    }
                    rows.append(RowDefinition(id: id, labelPath: path, columns: columns))
                } else {
                    node.childNodes.forEach { visit($0, path: path) }
                }
            }
            header.forEach { visit($0, path: []) }
            return try checked(TableDefinition(id: table.id, layout: .band(columnHeader: header), rows: rows), file: file)
        default:
            throw FormDefinitionError(file: file, reason: Messages.text("form.definition.layout", ["table": table.id, "layout": table.layout]))
        }
    }

    /// Root-to-leaf paths of a label forest.
    static func leaves(of nodes: [LabelNode]) -> [[LabelNode]] {
        nodes.flatMap { node -> [[LabelNode]] in
            node.childNodes.isEmpty ? [[node]] : leaves(of: node.childNodes).map { [node] + $0 }
        }
    }

    private static func checked(_ table: TableDefinition, file: String) throws(FormDefinitionError) -> TableDefinition {
        var rowIDs = Set<String>()
        for row in table.rows {
            guard !row.id.isEmpty, rowIDs.insert(row.id).inserted else {
                throw FormDefinitionError(file: file, reason: Messages.text("form.definition.row_repeated", ["table": table.id, "row": row.id]))
            }
            var columnIDs = Set<String>()
            for column in row.columns where column.id.isEmpty || !columnIDs.insert(column.id).inserted {
                throw FormDefinitionError(file: file, reason: Messages.text("form.definition.column_repeated", ["table": table.id, "row": row.id, "column": column.id]))
            }
        }
        return table
    }
}

/// The forms xxgk knows: the ones shipped with it (templates/form-*.json, embedded at
/// build time) and, when the environment variable `XXGK_FORMS` names a folder, every
/// `form-*.json` in it. A folder's form replaces a shipped form of the same id, so a third
/// form version (or a corrected one) is a data file, not a new build.
public enum FormCatalog {
    /// The environment variable naming a folder of extra form definition files.
    public static let folderVariable = "XXGK_FORMS"

    /// Every form, oldest first.
    public static var all: [Form] { loaded.forms }

    /// Why form files of the `XXGK_FORMS` folder could not be used (empty when all were).
    public static var problems: [FormDefinitionError] { loaded.problems }

    private static let loaded: (forms: [Form], problems: [FormDefinitionError]) = {
        var problems: [FormDefinitionError] = []
        var forms: [Form] = []
        for entry in embeddedFormDefinitions where entry.name.hasPrefix("form-") {
            // The shipped definitions are checked by the tests; a broken one is a build defect.
            guard let data = Data(base64Encoded: entry.base64) else {
                problems.append(FormDefinitionError(file: entry.name, reason: Messages.text("form.definition.not_embedded")))
                continue
            }
            do throws(FormDefinitionError) {
                // Compiled when first used: most runs never check a narrative.
                forms.append(try Form(definition: data, file: entry.name, compilingPhrases: false))
            } catch {
                problems.append(error)
            }
        }
        if let folder = ProcessInfo.processInfo.environment[folderVariable], !folder.isEmpty {
            let (extra, folderProblems) = FormCatalog.forms(inFolder: folder)
            problems += folderProblems
            for form in extra {
                forms.removeAll { $0.id == form.id }
                forms.append(form)
            }
        }
        return (forms.sorted { $0.years.first < $1.years.first }, problems)
    }()

    /// The forms defined by the `form-*.json` files of `folder`, in name order, and the
    /// problems of the files that are not valid form definitions.
    public static func forms(inFolder folder: String) -> (forms: [Form], problems: [FormDefinitionError]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            return ([], [FormDefinitionError(file: folder, reason: Messages.text("form.definition.folder_unreadable", ["variable": folderVariable]))])
        }
        var forms: [Form] = []
        var problems: [FormDefinitionError] = []
        for name in names.sorted() where name.hasPrefix("form-") && name.hasSuffix(".json") {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(FormDefinitionError(file: path, reason: Messages.text("form.definition.unreadable")))
                continue
            }
            do throws(FormDefinitionError) {
                forms.append(try Form(definition: data, file: path))
            } catch {
                problems.append(error)
            }
        }
        if forms.isEmpty && problems.isEmpty {
            problems.append(FormDefinitionError(file: folder, reason: Messages.text("form.definition.folder_empty")))
        }
        return (forms, problems)
    }

    /// The form with this id (`"2019"`, `"2021"`).
    public static func form(id: String) -> Form? { all.first { $0.id == id } }

    /// Forms that reports were made on before the known ones (templates/retired-*.json):
    /// recognised so that such a report is refused by name, never read as a known form.
    public static let retired: [RetiredForm] = embeddedFormDefinitions.filter { $0.name.hasPrefix("retired-") }.flatMap { entry in
        Data(base64Encoded: entry.base64).flatMap { RetiredForm.decode($0) } ?? []
    }

    /// The retired form whose labels `text` carries (at least its `minimumMatches`), if any.
    public static func retiredForm(in text: String) -> RetiredForm? {
        // On UTF-8 bytes: `String.contains` (CFStringFind) over a whole report per label cost
        // more than reading the report's tables.
        // Built byte by byte, with ASCII spaces told apart without the Unicode property table.
        var squeezed: [UInt8] = []
        squeezed.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                if byte == 0x20 || (0x09...0x0D).contains(byte) { continue }
                squeezed.append(byte)
            } else if !scalar.properties.isWhitespace {
                UTF8.encode(scalar) { squeezed.append($0) }
            }
        }
        return retired.first { form in form.labels.filter { occurs(Array($0.utf8), in: squeezed) }.count >= form.minimumMatches }
    }

    /// Whether the bytes `needle` occur in `haystack`.
    private static func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// The form used for reports of `year`.
    public static func form(forYear year: Int) -> Form? { all.last { $0.years.contains(year) } }

    /// The newest form (the default for new templates).
    public static var newest: Form? { all.last }

    /// The form ids as text for messages: `"2019", "2021"`.
    public static var knownIDs: String { all.map { "\"\($0.id)\"" }.joined(separator: ", ") }
}
