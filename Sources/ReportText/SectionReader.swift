import Foundation
import ReportModel

/// Finds the six headings (by their wording or a variant of it) and reads the text
/// sections' paragraphs between them.
struct SectionReader {
    let form: Form
    let lines: [String]
    /// 1-based line of the title, when found.
    let titleLine: Int?
    /// 0-based index of the signature's first line: the last section ends before it.
    let end: Int

    func sections() -> [String: String] {
        var found: [(section: SectionDefinition, line: Int)] = []
        var from = titleLine ?? 0
        for section in form.sections {
            if let line = headingLine(section.heading, from: from) {
                found.append((section, line))
                from = line + 1
            }
        }
        var sections: [String: String] = [:]
        for (position, entry) in found.enumerated() where entry.section.table == nil {
            let stop = position + 1 < found.count ? found[position + 1].line : end
            guard stop > entry.line + 1 else { continue }
            let paragraphs = lines[(entry.line + 1)..<min(stop, lines.count)]
                .map { $0.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\u{00A0}\u{3000}"))) }
                .filter { !$0.isEmpty && !$0.contains("\t") }
            sections[entry.section.id] = paragraphs.joined(separator: "\n")
        }
        return sections
    }

    /// The 0-based index of the first line from `from` that is this heading or a variant.
    private func headingLine(_ heading: String, from: Int) -> Int? {
        let core = Labels.core(Labels.normalize(heading))
        guard from < lines.count else { return nil }
        for index in from..<lines.count {
            let line = lines[index]
            if line.contains("\t") { continue }
            let text = Labels.core(Labels.normalize(line))
            guard !text.isEmpty, text.count <= core.count + 12 else { continue }
            if Labels.score(text, core) >= 0.6 || text.hasPrefix(core) { return index }
        }
        return nil
    }
}
