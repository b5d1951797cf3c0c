import Foundation

/// A run of characters poppler printed together (a word, a number, a cell's line), with its box.
struct Fragment: Sendable {
    var text: String
    var minX: Double
    var minY: Double
    var maxX: Double
    var maxY: Double
    /// Characters stacked one under another (a label printed vertically down a merged cell).
    var vertical = false
    /// The horizontal extent of each character, while the fragment is as poppler gave it
    /// (empty once it stands for a merged box): where a run of glued cells can be cut.
    var glyphSpans: [ClosedRange<Double>] = []

    var height: Double { maxY - minY }
    var midY: Double { (minY + maxY) / 2 }

    /// The fragment of one glyph.
    init(_ glyph: Glyph) {
        self.init(text: String(Character(glyph.scalar)), minX: glyph.minX, minY: glyph.minY, maxX: glyph.maxX, maxY: glyph.maxY)
        glyphSpans = [glyph.minX...max(glyph.minX, glyph.maxX)]
    }

    /// The fragment cut where two characters are at least `gap` apart: poppler runs the cells
    /// of a header row into one word when their padding is narrow.
    func split(atGaps gap: Double) -> [Fragment] {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == glyphSpans.count, scalars.count > 1 else { return [self] }
        var pieces: [Fragment] = []
        var start = 0
        for index in 1...scalars.count where index == scalars.count || glyphSpans[index].lowerBound - glyphSpans[index - 1].upperBound >= gap {
            var piece = self
            piece.text = String(String.UnicodeScalarView(scalars[start..<index]))
            piece.glyphSpans = Array(glyphSpans[start..<index])
            piece.minX = glyphSpans[start].lowerBound
            piece.maxX = glyphSpans[index - 1].upperBound
            pieces.append(piece)
            start = index
        }
        return pieces
    }

    /// Extends the fragment by `other`, appended to its text.
    mutating func absorb(_ other: Fragment) {
        text += other.text
        glyphSpans += other.glyphSpans
        minX = min(minX, other.minX); minY = min(minY, other.minY)
        maxX = max(maxX, other.maxX); maxY = max(maxY, other.maxY)
    }

    /// How much the two boxes share vertically, as a share of the lower of the two heights.
    func verticalOverlap(_ other: Fragment) -> Double {
        let shared = min(maxY, other.maxY) - max(minY, other.minY)
        let base = max(min(height, other.height), 0.01)
        return shared / base
    }

    /// True when the two boxes share some horizontal extent.
    func overlapsHorizontally(_ other: Fragment, slack: Double = 0) -> Bool {
        min(maxX, other.maxX) - max(minX, other.minX) > -slack
    }

    /// A plain decimal number (a table value): `21`, `7730.28`, `-18`, `+1036`.
    var isNumber: Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let first = scalars.first, "+-−－".unicodeScalars.contains(first) { scalars = scalars.dropFirst() }
        guard !scalars.isEmpty, scalars.count <= 16 else { return false }
        var digits = 0, points = 0
        for scalar in scalars {
            if ("0"..."9").contains(scalar) { digits += 1 } else if scalar == "." { points += 1 } else { return false }
        }
        return digits > 0 && points <= 1 && scalars.first != "." && scalars.last != "."
    }
}

/// One printed line of a page: fragments that share a vertical band, left to right.
struct TextLine: Sendable {
    var page: Int
    var fragments: [Fragment]

    var minX: Double { fragments.map(\.minX).min() ?? 0 }
    var maxX: Double { fragments.map(\.maxX).max() ?? 0 }
    var minY: Double { fragments.map(\.minY).min() ?? 0 }
    var maxY: Double { fragments.map(\.maxY).max() ?? 0 }
    /// The typical character height: the median of the fragments' heights.
    var charHeight: Double {
        let heights = fragments.map(\.height).sorted()
        return heights.isEmpty ? 10 : max(heights[heights.count / 2], 1)
    }
    /// The line's text with its fragments run together, for matching page furniture.
    var compactText: String { fragments.map(\.text).joined() }
}

/// The lines of one page rebuilt from glyph boxes: poppler's words split where glyphs are
/// not side by side, vertical labels joined into one fragment, the rest grouped into lines
/// by vertical overlap.
struct PageLayout {
    var lines: [TextLine] = []
    /// Labels printed one character per line down a merged cell, each one fragment.
    var verticalLabels: [Fragment] = []

    /// The layout of `page`, numbered `index` (1-based).
    init(_ page: PageText, index: Int) {
        var glyphs = page.glyphs
        verticalLabels = Self.verticalLabels(in: &glyphs)
        lines = Self.lines(of: Self.fragments(of: glyphs), page: index)
    }

    /// Poppler separates words with spaces and line breaks; within a word, a glyph that is not
    /// to the right of the previous one on the same band (stacked text) starts a new fragment,
    /// and so does a gap wider than a character (spaced-out labels are rejoined by lines).
    private static func fragments(of glyphs: [Glyph]) -> [Fragment] {
        var result: [Fragment] = []
        var current: Fragment?
        var last: Glyph?
        for glyph in glyphs {
            if isSpace(glyph) {
                if let done = current { result.append(done) }
                current = nil; last = nil
                continue
            }
            let piece = Fragment(glyph)
            if var open = current, let previous = last, follows(glyph, previous) {
                open.absorb(piece)
                current = open
            } else {
                if let done = current { result.append(done) }
                current = piece
            }
            last = glyph
        }
        if let done = current { result.append(done) }
        return result
    }

    private static func isSpace(_ glyph: Glyph) -> Bool {
        glyph.scalar.properties.isWhitespace || glyph.scalar == "\u{3000}"
    }

    /// True when `glyph` continues `previous` on its line: same band, to its right, close.
    private static func follows(_ glyph: Glyph, _ previous: Glyph, gap limit: Double = 1) -> Bool {
        let height = max(previous.maxY - previous.minY, glyph.maxY - glyph.minY, 1)
        return Fragment(glyph).verticalOverlap(Fragment(previous)) >= 0.5
            && glyph.minX >= previous.minX + 0.3 * (previous.maxX - previous.minX)
            && glyph.minX - previous.maxX <= limit * height
    }

    /// True when `glyph` is the next character down from `upper` in a column one character wide.
    private static func stacked(_ glyph: Glyph, under upper: Glyph) -> Bool {
        let width = max(upper.maxX - upper.minX, glyph.maxX - glyph.minX, 1)
        let height = max(upper.maxY - upper.minY, 1)
        let gap = glyph.minY - upper.maxY
        return abs(glyph.minX - upper.minX) <= 0.35 * width && abs(glyph.maxX - upper.maxX) <= 0.35 * width
            && gap >= -0.25 * height && gap <= 0.8 * height
    }

    /// A vertical label is three or more non-digit characters, each directly below the previous
    /// one in the same narrow column and none touching a neighbour on its own line (poppler may
    /// still have put it in one word with the next cell's text). Its glyphs are taken out of
    /// `glyphs` (turned into spaces) and it becomes one fragment, not one line per character.
    private static func verticalLabels(in glyphs: inout [Glyph]) -> [Fragment] {
        func touches(_ a: Int, _ b: Int) -> Bool {
            glyphs.indices.contains(b) && !isSpace(glyphs[b])
                && (follows(glyphs[b], glyphs[a], gap: 0.25) || follows(glyphs[a], glyphs[b], gap: 0.25))
        }
        let candidates = glyphs.indices.filter { index in
            let scalar = glyphs[index].scalar
            return !isSpace(glyphs[index]) && scalar.value > 0x7F && !(0xFF10...0xFF19).contains(scalar.value)
                && !touches(index, index - 1) && !touches(index, index + 1)
        }.sorted { glyphs[$0].minY < glyphs[$1].minY }
        // The search is quadratic in lone characters; a page of thousands of them is not a
        // table with a vertical label, so it is left as it is.
        guard candidates.count <= 4000 else { return [] }
        var used = Set<Int>()
        var labels: [Fragment] = []
        for start in candidates where !used.contains(start) {
            var chain = [start]
            var tail = glyphs[start]
            for next in candidates where !used.contains(next) && next != start {
                let below = glyphs[next]
                if below.minY - tail.maxY > 0.8 * max(tail.maxY - tail.minY, 1) { break }
                if stacked(below, under: tail) {
                    chain.append(next)
                    tail = below
                }
            }
            guard chain.count >= 3 else { continue }
            // Below the chain, a character poppler ran into the next cell's text on its line
            // still belongs to it when it sits in the chain's column.
            while let tail = chain.last, let next = glyphs.indices.first(where: { index in
                !used.contains(index) && !chain.contains(index) && !isSpace(glyphs[index]) && glyphs[index].scalar.value > 0x7F
                    && stacked(glyphs[index], under: glyphs[tail])
            }) {
                chain.append(next)
            }
            var label = Fragment(glyphs[chain[0]])
            for index in chain.dropFirst() { label.absorb(Fragment(glyphs[index])) }
            label.vertical = true
            labels.append(label)
            used.formUnion(chain)
        }
        for index in used { glyphs[index].scalar = " " }
        return labels
    }

    /// Fragments whose boxes overlap vertically by half the smaller height, and do not overlap
    /// horizontally, share a line; taken top to bottom by their middles.
    private static func lines(of fragments: [Fragment], page: Int) -> [TextLine] {
        let sorted = fragments.sorted { $0.midY != $1.midY ? $0.midY < $1.midY : $0.minX < $1.minX }
        var lines: [TextLine] = []
        for fragment in sorted {
            var placed = false
            for index in lines.indices.suffix(2).reversed() {
                let line = lines[index]
                let band = Fragment(bandOf: line)
                if fragment.verticalOverlap(band) >= 0.5,
                   !line.fragments.contains(where: { $0.overlapsHorizontally(fragment, slack: -0.5) }) {
                    lines[index].fragments.append(fragment)
                    placed = true
                    break
                }
            }
            if !placed { lines.append(TextLine(page: page, fragments: [fragment])) }
        }
        for index in lines.indices {
            lines[index].fragments.sort { $0.minX < $1.minX }
        }
        return lines.sorted { $0.minY < $1.minY }
    }
}

extension Fragment {
    /// A fragment standing for a line's band: its median character height around its middle,
    /// so one tall neighbour does not swallow the lines above and below.
    init(bandOf line: TextLine) {
        let middles = line.fragments.map(\.midY).sorted()
        let middle = middles.isEmpty ? 0 : middles[middles.count / 2]
        let half = line.charHeight / 2
        self.init(text: "", minX: line.minX, minY: middle - half, maxX: line.maxX, maxY: middle + half)
    }

    /// A fragment with this text and box.
    init(text: String, minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.text = text
        self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY
    }
}
