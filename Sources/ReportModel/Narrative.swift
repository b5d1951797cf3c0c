import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A figure of the tables that the narrative (正文) may state, with the phrases that state it:
/// one entry of a form file's `narrative` list.
public struct NarrativeFigure: Sendable {
    /// The id of the figure (`applications.received.total`); the check's rule id is `narrative.` + id.
    public let id: String
    /// The cells whose sum the phrase states (one cell for most figures; 予以公开及部分公开 is two).
    public let cells: [CellKey]
    /// The caption of a figure of several cells (`予以公开及部分公开`); nil names the cell by its labels.
    public let label: String?
    /// The phrases as written in the form file, `{n}` standing for the stated number.
    public let patterns: [String]
    /// The phrases compiled, in the order of `patterns`.
    let expressions: CompiledPatterns
    /// The words right after the number in every phrase (件, 起), when each phrase has one: a
    /// paragraph with none of them is not searched (the check's main cost is the expressions).
    let anchors: [String]?

    /// The entry as a form file writes it.
    struct Definition {
        let id: String?
        let label: String?
        let cell: String?
        let cells: [String]?
        let patterns: [String]

        /// A figure of a definition file's `narrative`.
        init(_ object: DefinitionObject) throws(DefinitionReadError) {
            id = try object.string(ifPresent: "id")
            label = try object.string(ifPresent: "label")
            cell = try object.string(ifPresent: "cell")
            cells = try object.strings(ifPresent: "cells")
            patterns = try object.strings("patterns")
        }
    }

    /// The regular expression `{n}` becomes: digits (with thousands separators and decimals) or
    /// Chinese numerals, never the tail of a longer number, never a percentage.
    static let numberExpression =
        "(?<![0-9.])(?<n>[0-9][0-9,]*(?:\\.[0-9]+)?|[零〇一二两三四五六七八九十百千万]+)(?![0-9]|\\.[0-9]|%|％)"

    /// An entry of a form file, its cells checked against the form's tables and its phrases compiled.
    /// With `compiling` false the phrases are compiled on first use instead (a phrase that is not
    /// a valid expression is then never searched): the shipped forms, checked by the tests, are
    /// read at every start, and compiling their 36 phrases was half the cost of reading them.
    init(_ definition: Definition, tables: [TableDefinition], file: String, compiling: Bool = true) throws(FormDefinitionError) {
        let names = definition.cells ?? definition.cell.map { [$0] } ?? []
        var cells: [CellKey] = []
        for name in names {
            guard let cell = Form.cell(named: name, in: tables) else {
                throw FormDefinitionError(file: file, reason: Messages.text("form.definition.narrative_cell", ["name": name]))
            }
            cells.append(cell)
        }
        guard let first = cells.first else {
            throw FormDefinitionError(file: file, reason: Messages.text("form.definition.narrative_no_cell"))
        }
        id = definition.id ?? (cells.count == 1 ? first.description : names.joined(separator: "+"))
        self.cells = cells
        label = definition.label
        patterns = definition.patterns
        var sources: [String] = []
        var compiled: [NSRegularExpression] = []
        for pattern in definition.patterns {
            let pieces = Self.piecesAroundNumber(pattern)
            guard pieces.count == 2 else {
                throw FormDefinitionError(file: file, reason: Messages.text("form.definition.narrative_phrase_n", ["id": id, "pattern": pattern]))
            }
            let source = pieces.joined(separator: Self.numberExpression)
            sources.append(source)
            guard compiling else { continue }
            do {
                compiled.append(try NSRegularExpression(pattern: source))
            } catch {
                throw FormDefinitionError(file: file, reason: Messages.text("form.definition.narrative_phrase_invalid", ["id": id, "pattern": pattern]))
            }
        }
        expressions = CompiledPatterns(sources: sources, compiled: compiling ? compiled : nil, literals: definition.patterns.map(Self.requiredLiteral))
        let words = definition.patterns.map(Self.wordsAfterNumber)
        anchors = words.contains(where: \.isEmpty) ? nil : Array(Set(words.joined())).sorted()
    }

    /// The longest run of plain characters that every match of `pattern` contains: outside any
    /// group or class, not made optional by a quantifier; nil when there is none or the pattern
    /// has an alternative at its top level (then no text is required).
    static func requiredLiteral(_ pattern: String) -> String? {
        // Over scalars with a scalar set: `Character`s and a set of them built per call cost
        // more than the rest of reading a form (the forms are read at every start).
        let characters = Array(piecesAroundNumber(pattern).joined(separator: "\u{0}").unicodeScalars)
        var depth = 0
        var inClass = false
        var runs: [[Unicode.Scalar]] = []
        var run: [Unicode.Scalar] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if character == "\\" {
                // An escape (\s, \.) is not plain text; it ends the run.
                if !run.isEmpty { runs.append(run) }
                run = []
                index += 2
                continue
            }
            if !inClass && character == "{" {
                // A counted quantifier ({0,12}): its digits are not text of the match.
                if !run.isEmpty { runs.append(run) }
                run = []
                while index < characters.count && characters[index] != "}" { index += 1 }
                index += 1
                continue
            }
            if inClass {
                if character == "]" { inClass = false }
            } else if character == "[" {
                inClass = true
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
            } else if character == "|" && depth == 0 {
                return nil
            }
            let quantified = next.map(quantifiers.contains) ?? false
            if depth == 0 && !inClass && !specialScalars.contains(character) && !quantified {
                run.append(character)
            } else {
                if !run.isEmpty { runs.append(run) }
                run = []
            }
            index += 1
        }
        if !run.isEmpty { runs.append(run) }
        return runs.filter { !$0.isEmpty }.max { $0.count < $1.count }.map { String(String.UnicodeScalarView($0)) }
    }

    /// The text of `pattern` before, between and after its `{n}`s, cut on the UTF-8 bytes:
    /// Foundation's `components(separatedBy:)` and `replacingOccurrences` cost tens of thousands
    /// of instructions a call, and the phrases are read at every start.
    static func piecesAroundNumber(_ pattern: String) -> [String] {
        let bytes = Array(pattern.utf8)
        let marker = Array("{n}".utf8)
        var pieces: [String] = []
        var start = 0
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index..<(index + marker.count)].elementsEqual(marker) {
                pieces.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += marker.count
                start = index
            } else {
                index += 1
            }
        }
        pieces.append(String(decoding: bytes[start...], as: UTF8.self))
        return pieces
    }

    /// The characters of an expression that are not plain text (and the stand-in for `{n}`).
    private static let specialScalars: Set<Unicode.Scalar> = Set("\\()[]{}|?*+.^$\u{0}".unicodeScalars)
    /// The quantifiers that make the character before them optional or repeated.
    private static let quantifiers: Set<Unicode.Scalar> = Set("?*+{".unicodeScalars)

    /// `件` for `…{n}件`, `件` and `起` for `…{n}(?:件|起)`; empty when the phrase does not
    /// continue with plain words after the number.
    static func wordsAfterNumber(_ pattern: String) -> [String] {
        let pieces = piecesAroundNumber(pattern)
        guard pieces.count > 1 else { return [] }
        let rest = pieces.dropFirst().joined(separator: "{n}")
        let special = Set("\\()[]{}|?*+.^$")
        if rest.hasPrefix("(?:"), let close = rest.firstIndex(of: ")") {
            let options = rest[rest.index(rest.startIndex, offsetBy: 3)..<close].split(separator: "|", omittingEmptySubsequences: false)
            guard options.allSatisfy({ !$0.isEmpty && !$0.contains(where: special.contains) }) else { return [] }
            return options.map(String.init)
        }
        guard let first = rest.first, !special.contains(first) else { return [] }
        return [String(first)]
    }

    /// The rule id of this figure's findings: `narrative.applications.received.total`.
    public var ruleID: String { "narrative.\(id)" }
}

/// Regular expressions compiled once per form. `NSRegularExpression` is immutable and safe to
/// use from many threads at once (Foundation documents it so), which the box asserts.
/// Compiled on first use when the form was read without compiling them; the lock guards that
/// one assignment.
final class CompiledPatterns: @unchecked Sendable {
    private let sources: [String]
    private var compiled: [NSRegularExpression?]?
    private let lock = NSLock()
    /// For each expression, text every match contains (UTF-8), or nil: a paragraph without it
    /// is not searched, which spares most calls of the expressions (each has a fixed cost).
    let literals: [[CChar]?]
    init(sources: [String], compiled: [NSRegularExpression]?, literals: [String?]) {
        self.sources = sources
        self.compiled = compiled
        self.literals = literals.map { $0.map { Array($0.utf8CString) } }
    }

    /// The expressions, in the order of the phrases (nil for one that does not compile).
    var expressions: [NSRegularExpression?] {
        lock.lock()
        defer { lock.unlock() }
        if let compiled { return compiled }
        let made = sources.map { try? NSRegularExpression(pattern: $0) }
        compiled = made
        return made
    }

    /// Whether `needle` occurs in `haystack`, both NUL-terminated UTF-8 (C's strstr: the
    /// generic collection search is far slower, and this runs for every phrase on every paragraph).
    static func contains(_ haystack: [CChar], _ needle: [CChar]) -> Bool {
        strstr(haystack, needle) != nil
    }

    /// The expressions worth running on `text` (its NUL-terminated UTF-8).
    func candidates(in text: [CChar]) -> [NSRegularExpression] {
        zip(expressions, literals).compactMap { expression, literal in
            guard let expression else { return nil }
            guard let literal else { return expression }
            return Self.contains(text, literal) ? expression : nil
        }
    }
}

/// A named group of cells whose sum is one figure (不予公开 = the eight 不予公开 rows).
public struct CellGroup: Sendable, Equatable {
    /// The caption (`不予公开`).
    public let label: String
    /// The cells added up, in form order.
    public let cells: [CellKey]

    /// The entry as a form file writes it.
    struct Definition {
        let label: String
        let cells: [String]

        /// A group of a definition file's `result_groups`.
        init(_ object: DefinitionObject) throws(DefinitionReadError) {
            label = try object.string("label")
            cells = try object.strings("cells")
        }
    }

    /// An entry of a form file, its cells checked against the form's tables.
    init(_ definition: Definition, tables: [TableDefinition], file: String) throws(FormDefinitionError) {
        var cells: [CellKey] = []
        for name in definition.cells {
            guard let cell = Form.cell(named: name, in: tables) else {
                throw FormDefinitionError(file: file, reason: Messages.text("form.definition.result_group_cell", ["group": definition.label, "name": name]))
            }
            cells.append(cell)
        }
        label = definition.label
        self.cells = cells
    }

    /// The group's sum in `report`, blank counting 0; nil when every cell is blank.
    public func sum(in report: Report) -> Decimal? {
        let values = cells.compactMap { report[$0] }
        return values.isEmpty ? nil : values.reduce(0, +)
    }
}

extension Form {
    /// The single characters right after the number in every narrative phrase (件, 起); nil when
    /// some phrase has no such word (then every sentence is searched).
    var narrativeAnchors: Set<Unicode.Scalar>? {
        var anchors = Set<Unicode.Scalar>()
        for figure in narrative {
            guard let words = figure.anchors else { return nil }
            for word in words {
                guard let first = word.unicodeScalars.first else { return nil }
                anchors.insert(first)
            }
        }
        return anchors
    }
}

extension NarrativeFigure: Equatable {
    /// Figures are equal when they declare the same cells and phrases (the compiled expressions follow).
    public static func == (lhs: NarrativeFigure, rhs: NarrativeFigure) -> Bool {
        lhs.id == rhs.id && lhs.cells == rhs.cells && lhs.patterns == rhs.patterns
    }
}
