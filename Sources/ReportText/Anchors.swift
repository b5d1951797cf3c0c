import Foundation
import ReportModel

/// A label of the form that the parser looks for in the text: a row (its values follow
/// it), a group of rows (a label over several rows), or the band of section 四. A class:
/// the walker takes anchors from the form's list thousands of times a parse, and copying
/// the struct retained each of its arrays and strings every time.
final class Anchor: Sendable {
    enum Kind: Sendable {
        /// A row: its values go to these cells.
        case row(table: String, row: String, cells: [CellKey])
        /// A group label; values printed right after it (a form version with a single row
        /// here) go to the group's last row.
        case group(table: String, lastRow: String, cells: [CellKey])
        /// The band table: all its cells in one run of values after the header.
        case band(table: String, cells: [CellKey])
    }
    let kind: Kind
    /// The label as the form prints it.
    let label: String
    /// The normalized label without its enumerator.
    let core: String
    /// `core` prepared for `Labels.score` (made once per form, not once per comparison).
    let pattern: LabelPattern
    /// `core` as scalars.
    var coreScalars: [Unicode.Scalar] { pattern.scalars }
    /// `core.count` (characters), kept: `String.count` walks the whole label each time.
    let coreLength: Int
    /// The normalized label with its enumerator (`3.其他`), to recognise short labels.
    let full: String
    /// The value kind of each of the anchor's cells (`ValueGroup` checks readings by them).
    let kinds: [ValueKind?]

    init(kind: Kind, label: String, form: Form) {
        self.kind = kind
        self.label = label
        kinds = Self.cells(of: kind).map { form.column(of: $0)?.kind }
        full = Labels.normalize(label)
        core = Labels.core(full)
        pattern = LabelPattern(Array(core.unicodeScalars))
        coreLength = core.count
    }

    /// The cells the anchor's values go to.
    var cells: [CellKey] { Self.cells(of: kind) }

    private static func cells(of kind: Kind) -> [CellKey] {
        switch kind {
        case .row(_, _, let cells), .group(_, _, let cells), .band(_, let cells): return cells
        }
    }

    /// True for the band of section 四.
    var isBand: Bool {
        if case .band = kind { return true }
        return false
    }

    var table: String {
        switch kind {
        case .row(let table, _, _), .group(let table, _, _), .band(let table, _): return table
        }
    }

    /// Every anchor of a form, in the order the tables print them (made once per form
    /// definition: the walker of every report of the form uses the same).
    static func anchors(of form: Form) -> [Anchor] {
        anchorsByForm.value(for: form.fingerprint) { makeAnchors(of: form) }
    }

    private static func makeAnchors(of form: Form) -> [Anchor] {
        var anchors: [Anchor] = []
        func make(_ kind: Kind, _ label: String) -> Anchor {
            Anchor(kind: kind, label: label, form: form)
        }
        for table in form.tables {
            func cells(_ row: String) -> [CellKey] {
                table.row(row).map { $0.columns.map { CellKey(table: table.id, row: row, column: $0.id) } } ?? []
            }
            switch table.layout {
            case .blocks:
                anchors += table.rows.map { make(.row(table: table.id, row: $0.id, cells: cells($0.id)), $0.label) }
            case .grid(_, _, let rowHeader):
                func visit(_ node: LabelNode) {
                    if let id = node.id, node.childNodes.isEmpty {
                        anchors.append(make(.row(table: table.id, row: id, cells: cells(id)), node.label))
                    } else {
                        let last = Form.leavesPaths([node]).last?.last?.id ?? ""
                        anchors.append(make(.group(table: table.id, lastRow: last, cells: cells(last)), node.label))
                        node.childNodes.forEach(visit)
                    }
                }
                rowHeader.forEach(visit)
            case .band:
                let all = table.cells
                if let first = table.rows.first {
                    anchors.append(make(.band(table: table.id, cells: all), first.labelPath.first ?? first.label))
                }
            }
        }
        return anchors
    }
}

/// Values the parser derives from a form definition once (its anchors, its headings' cores),
/// kept per definition: keyed on `Form.fingerprint`, so a test's altered copy of a form gets
/// its own. Shared by the threads of a batch, hence the lock.
final class FormLabelCache<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: Value] = [:]

    /// The value for `key`, made by `make` the first time.
    func value(for key: Int, make: () -> Value) -> Value {
        lock.lock()
        if let value = values[key] {
            lock.unlock()
            return value
        }
        lock.unlock()
        let value = make()
        lock.lock()
        defer { lock.unlock() }
        return values[key] ?? { values[key] = value; return value }()
    }
}

/// The anchors of each form definition.
private let anchorsByForm = FormLabelCache<[Anchor]>()
