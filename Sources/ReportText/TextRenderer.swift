import Foundation
import ReportModel

/// Writes a report as text: the title, the six headings with their paragraphs or tables,
/// and the signature. Deterministic: the same report always gives the same bytes.
struct TextRenderer {
    enum Style { case plain, markdown }

    let report: Report
    let style: Style

    func render() -> String {
        var out: [String] = []
        let title = report.form.title(agency: report.agency, year: report.year)
        out.append(style == .markdown ? "# \(title)" : title)
        out.append("")
        for section in report.form.sections {
            out.append(style == .markdown ? "## \(section.heading)" : section.heading)
            out.append("")
            if let tableID = section.table, let table = report.form.table(tableID) {
                if let note = report.sections[Report.noteSectionID(forTable: tableID)], !note.isEmpty {
                    out.append(contentsOf: paragraphs(note))
                }
                out.append(contentsOf: tableLines(table))
                out.append("")
            } else {
                out.append(contentsOf: paragraphs(report.sections[section.id] ?? ""))
            }
        }
        out.append(report.agency)
        if let date = report.date {
            out.append("")
            out.append(date.chinese)
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Paragraphs, one per line, each followed by a blank line.
    private func paragraphs(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).flatMap { [String($0), ""] }
    }

    private func value(_ table: TableDefinition, _ row: String, _ column: String) -> String {
        report[CellKey(table: table.id, row: row, column: column)].map(ReportJSON.format) ?? ""
    }

    /// A table row: cells joined by TAB, or a pipe row in Markdown.
    private func line(_ cells: [String]) -> String {
        switch style {
        case .plain: return cells.joined(separator: "\t")
        case .markdown: return "| " + cells.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |"
        }
    }

    private func separator(_ count: Int) -> String {
        "|" + Array(repeating: " --- |", count: count).joined()
    }

    private func tableLines(_ table: TableDefinition) -> [String] {
        switch table.layout {
        case .blocks(let blocks): return blockLines(table, blocks)
        case .grid(let corner, let columnHeader, let rowHeader): return gridLines(table, corner, columnHeader, rowHeader)
        case .band(let columnHeader): return bandLines(table, columnHeader)
        }
    }

    // MARK: blocks (section 二)

    private func blockLines(_ table: TableDefinition, _ blocks: [TableBlock]) -> [String] {
        let width = blocks.map { $0.columns.map(\.span).reduce(0, +) }.max() ?? 1
        var out: [String] = []
        for block in blocks {
            switch style {
            case .plain:
                // The caption row spans the table: written once, then empty cells.
                out.append(line([block.caption] + Array(repeating: "", count: width)))
                out.append(line([block.corner] + block.columns.map(\.label)))
            case .markdown:
                out.append("**\(block.caption)**")
                out.append("")
                out.append(line([block.corner] + block.columns.map(\.label)))
                out.append(separator(block.columns.count + 1))
            }
            for row in block.rows {
                guard let id = row.id else { continue }
                out.append(line([row.label] + block.columns.map { value(table, id, $0.id) }))
            }
            if style == .markdown && block != blocks.last { out.append("") }
        }
        return out
    }

    // MARK: grid (section 三)

    private func gridLines(_ table: TableDefinition, _ corner: String, _ columnHeader: [LabelNode], _ rowHeader: [LabelNode]) -> [String] {
        let columns = table.rows.first?.columns ?? []
        let depth = columnHeader.map(\.depth).max() ?? 1
        var out: [String] = []
        switch style {
        case .plain:
            // Header rows as the official table: each merged cell written once, at its first column.
            for level in 0..<depth {
                var cells = [level == 0 ? corner : ""]
                for path in Form.leavesPaths(columnHeader) {
                    if level < path.count {
                        let node = path[level]
                        let first = level == path.count - 1 || isFirstLeaf(path, level: level)
                        cells.append(first ? node.label : "")
                    } else {
                        cells.append("")
                    }
                }
                out.append(line(cells))
            }
        case .markdown:
            let headers = columns.map { $0.labelPath.joined(separator: " ") }
            out.append(line([corner] + headers))
            out.append(separator(columns.count + 1))
        }
        var written: [String] = []
        for row in table.rows {
            let path = row.labelPath
            var labels: [String] = []
            for (index, label) in path.enumerated() {
                let repeated = index < path.count - 1 && index < written.count && written[index] == label
                    && written.prefix(index) == path.prefix(index)
                labels.append(repeated && style == .plain ? "" : label)
            }
            written = path
            let values = row.columns.map { value(table, row.id, $0.id) }
            switch style {
            case .plain: out.append(line(labels + values))
            case .markdown: out.append(line([labels.filter { !$0.isEmpty }.joined(separator: " › ")] + values))
            }
        }
        return out
    }

    /// Whether the leaf path is the first leaf under its node at `level` (where a merged
    /// header cell is written).
    private func isFirstLeaf(_ path: [LabelNode], level: Int) -> Bool {
        for deeper in (level + 1)..<path.count where path[deeper - 1].childNodes.first != path[deeper] {
            return false
        }
        return true
    }

    // MARK: band (section 四)

    private func bandLines(_ table: TableDefinition, _ columnHeader: [LabelNode]) -> [String] {
        let paths = Form.leavesPaths(columnHeader)
        let depth = paths.map(\.count).max() ?? 1
        var out: [String] = []
        switch style {
        case .plain:
            for level in 0..<depth {
                var cells: [String] = []
                for path in paths {
                    // A short path's leaf sits on the level below its parent and spans down.
                    let node: LabelNode? = level < path.count - 1 ? path[level]
                        : (level == path.count - 1 ? path[level] : nil)
                    guard let node else { cells.append(""); continue }
                    let isLeafLevel = level == path.count - 1
                    cells.append(isLeafLevel || isFirstLeaf(path, level: level) ? node.label : "")
                }
                out.append(line(cells))
            }
        case .markdown:
            out.append(line(paths.map { $0.map(\.label).joined(separator: " ") }))
            out.append(separator(paths.count))
        }
        let values = table.rows.flatMap { row in row.columns.map { value(table, row.id, $0.id) } }
        out.append(line(values))
        return out
    }
}

extension Form {
    /// Root-to-leaf paths of a label forest (for renderers outside the model module).
    static func leavesPaths(_ nodes: [LabelNode]) -> [[LabelNode]] {
        nodes.flatMap { node -> [[LabelNode]] in
            node.childNodes.isEmpty ? [[node]] : leavesPaths(node.childNodes).map { [node] + $0 }
        }
    }
}
