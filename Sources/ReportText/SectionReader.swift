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
    /// 0-based index of the last line that holds table values, when any.
    var tablesEnd: Int? = nil

    /// A line of the text, or a piece of a flattened line cut at a heading.
    private struct Piece {
        let text: String
        /// The 0-based index of the line it comes from.
        let line: Int
    }

    func sections() -> [String: String] {
        let pieces = cutAtHeadings()
        // Each piece normalized once, not once per heading looked for.
        // A heading is compared only with pieces at most 12 Characters longer than its core, so a
        // piece's Characters are counted no further than the longest heading's core and 13.
        let lengthCap = (form.sections.map { Labels.core(Labels.normalize($0.heading)).count }.max() ?? 0) + 13
        let candidates = pieces.map { HeadingCandidate($0, lengthCap: lengthCap) }
        var found: [(section: SectionDefinition, piece: Int)] = []
        var from = pieces.firstIndex { $0.line >= (titleLine ?? 0) } ?? 0
        for section in form.sections {
            if let index = headingPiece(section.heading, in: candidates, from: from) {
                found.append((section, index))
                from = index + 1
            }
        }
        // A text section whose heading is missing right after the tables (a converter dropped
        // it): its text is what follows the last table line.
        if let tablesEnd, let lastTable = form.sections.lastIndex(where: { $0.table != nil }), lastTable + 1 < form.sections.count,
            !found.contains(where: { $0.section == form.sections[lastTable + 1] }),
            let start = pieces.firstIndex(where: { $0.line > tablesEnd }), !found.contains(where: { $0.piece >= start && $0.section == form.sections[lastTable] })
        {
            let position = found.firstIndex { $0.piece >= start } ?? found.count
            found.insert((form.sections[lastTable + 1], start - 1), at: position)
        }
        var sections: [String: String] = [:]
        for id in form.textSectionIDs { sections[id] = "" }
        // Notes under a table's heading: the sentences printed before the table begins.
        for entry in found {
            guard let table = entry.section.table else { continue }
            var notes: [String] = []
            for piece in pieces[(entry.piece + 1)...] {
                let text = piece.text.trimmingWhitespace()
                if text.isEmpty { continue }
                guard Self.isProse(text) else { break }
                notes.append(text)
            }
            if !notes.isEmpty { sections[Report.noteSectionID(forTable: table)] = notes.joined(separator: "\n") }
        }
        for (position, entry) in found.enumerated() where entry.section.table == nil {
            let stop = position + 1 < found.count ? found[position + 1].piece : (pieces.firstIndex { $0.line >= end } ?? pieces.count)
            guard stop > entry.piece + 1 else { continue }
            let paragraphs = pieces[(entry.piece + 1)..<stop]
                .map { $0.text.trimmingWhitespace() }
                .filter { !$0.isEmpty && !$0.utf8.contains(UInt8(ascii: "\t")) && !$0.hasPrefix("|") && !Self.isPageFurniture($0) }
            sections[entry.section.id] = paragraphs.joined(separator: "\n")
        }
        return sections
    }

    /// The lines, with long flattened lines (crawler text) cut before and after each
    /// heading printed in them.
    private func cutAtHeadings() -> [Piece] {
        // On UTF-8 bytes: a heading's bytes match only at a character boundary, and Foundation's
        // `range(of:)` cost more than the rest of the section reader.
        let headings = form.sections.map { Array($0.heading.utf8) }
        var pieces: [Piece] = []
        for (index, line) in lines.enumerated() {
            // More than 300 Characters, counted no further than that.
            guard line.utf8.count > 300, line.prefix(301).count > 300 else { pieces.append(Piece(text: line, line: index)); continue }
            let bytes = Array(line.utf8)
            var start = 0
            while true {
                var earliest: Range<Int>?
                for heading in headings {
                    guard let offset = TextSearch.firstOffset(of: heading, in: bytes[start...]) else { continue }
                    let range = (start + offset)..<(start + offset + heading.count)
                    if range.lowerBound > start || range.upperBound < bytes.count, earliest.map({ range.lowerBound < $0.lowerBound }) ?? true {
                        earliest = range
                    }
                }
                guard let range = earliest else { break }
                pieces.append(Piece(text: String(decoding: bytes[start..<range.lowerBound], as: UTF8.self), line: index))
                pieces.append(Piece(text: String(decoding: bytes[range], as: UTF8.self), line: index))
                start = range.upperBound
            }
            pieces.append(Piece(text: String(decoding: bytes[start...], as: UTF8.self), line: index))
        }
        return pieces
    }

    /// A sentence rather than a table line: no cells, and ends as a sentence does.
    static func isProse(_ text: String) -> Bool {
        !text.utf8.contains(UInt8(ascii: "\t")) && !text.hasPrefix("|") && !text.hasPrefix("**") && (text.hasSuffix("。") || text.hasSuffix("；"))
    }

    /// Page numbers a PDF extraction leaves in the text (`-3-`, `— 4 —`, `第 2 页`).
    static func isPageFurniture(_ line: String) -> Bool {
        // The first scalar before the Character count: most lines fail on it, at a fraction of the cost.
        guard line.utf8.count <= 80, startsWithOneOf("-—–－第", line), line.count <= 20 else { return false }
        return pageFurniture?.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
    }
    /// Whether the first scalar of `line` after whitespace is one of `scalars`: a cheap test
    /// that keeps the regular expressions off the lines that cannot match them.
    static func startsWithOneOf(_ scalars: String, _ line: String) -> Bool {
        // ASCII White_Space (TAB to CR, space) without a property lookup.
        guard let first = line.unicodeScalars.first(where: { $0.isASCII ? !(0x09...0x0D).contains($0.value) && $0 != " " : !$0.properties.isWhitespace }) else { return false }
        return scalars.unicodeScalars.contains(first)
    }
    private static let pageFurniture = NSRegularExpression.constant(#"^\s*[-—–－]+\s*\d{1,3}\s*[-—–－]+\s*$|^\s*第\s*\d+\s*页"#)

    /// A piece as a heading is compared with it: normalized, and its core (nil for a piece
    /// that cannot be a heading: a table row, a note in brackets, a sentence, nothing).
    private struct HeadingCandidate {
        let normalized: String
        let core: String
        /// The core's Characters, counted up to `lengthCap` (grapheme breaking of whole
        /// paragraphs cost more than the rest of finding the headings).
        let coreLength: Int
        /// The core's scalars, for scoring; empty when the core is too long for every heading.
        let coreScalars: [Unicode.Scalar]

        init(_ piece: Piece, lengthCap: Int) {
            guard !piece.text.utf8.contains(UInt8(ascii: "\t")) else { (normalized, core, coreLength, coreScalars) = ("", "", 0, []); return }
            normalized = Labels.normalize(piece.text)
            core = Labels.core(normalized)
            coreLength = core.utf8.count <= 3 * lengthCap ? core.count : Self.count(core, upTo: lengthCap)
            coreScalars = coreLength < lengthCap ? Array(core.unicodeScalars) : []
        }

        /// The Characters of `text`, counted no further than `limit`.
        private static func count(_ text: String, upTo limit: Int) -> Int {
            var length = 0
            for _ in text {
                length += 1
                if length >= limit { break }
            }
            return length
        }

        var mayBeHeading: Bool { !core.isEmpty && !core.hasSuffix("。") && !normalized.hasPrefix("(") }
    }

    /// The index of the first piece from `from` that is this heading or a variant.
    private func headingPiece(_ heading: String, in candidates: [HeadingCandidate], from: Int) -> Int? {
        let normalizedHeading = Labels.normalize(heading)
        let core = Labels.core(normalizedHeading)
        let coreLength = core.count
        let pattern = LabelPattern(Array(core.unicodeScalars))
        let numberPrefix = String(normalizedHeading.prefix(2))
        guard from < candidates.count else { return nil }
        for index in from..<candidates.count {
            let candidate = candidates[index]
            guard candidate.mayBeHeading, candidate.coreLength <= coreLength + 12 else { continue }
            let text = candidate.core
            // Numbered like the heading (`五、`): a variant wording will do; bare: nearly exact.
            let numbered = text != candidate.normalized && candidate.normalized.hasPrefix(numberPrefix)
            let threshold = numbered ? 0.6 : 0.85
            if Labels.score(candidate.coreScalars, pattern, atLeast: threshold) >= threshold || text.hasPrefix(core) { return index }
        }
        return nil
    }
}
