import ReportModel

/// What the importer needs of a form, computed once per shipped form: the layout, the total
/// cells, every value cell with its column definition, and the named cells of each sheet.
struct ImportPlan: Sendable {
    let layout: WorkbookLayout
    /// Total cells and the rule instance that computes each (`form.computedCells`).
    let computed: [CellKey: Rule.Instance]
    /// Every value cell in form order, with its column (kind).
    let columns: [(key: CellKey, column: ColumnDefinition)]
    /// The input cells of each sheet (values, texts, cover fields), by sheet name.
    let namedCells: [String: [WorkbookCell]]

    init(form: Form) {
        let layout = WorkbookLayout.of(form)
        self.layout = layout
        computed = form.computedCells
        columns = form.tables.flatMap { table in
            table.rows.flatMap { row in row.columns.map { (CellKey(table: table.id, row: row.id, column: $0.id), $0) } }
        }
        var named: [String: [WorkbookCell]] = [:]
        for cell in Array(layout.cells.values) + Array(layout.textCells.values) + Array(layout.coverFields.values) {
            named[cell.sheet, default: []].append(cell)
        }
        namedCells = named
    }

    /// The plan of `form`, cached for the shipped forms.
    static func of(_ form: Form) -> ImportPlan {
        cache.value(for: form) { ImportPlan(form: form) }
    }

    private static let cache = PerFormCache<ImportPlan>()
}
