import Foundation
import ReportModel
@testable import ReportText
import XCTest

/// `Labels.score` with a threshold and the bit-parallel subsequence give exactly what the
/// plain table of the longest common subsequence gives, on the forms' labels and mutations.
final class LabelScoreTests: XCTestCase {
    /// The score as first written: the table of the longest common subsequence, row by row.
    private func plainScore(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        if a == b { return 1 }
        if b.count >= 2, a.count >= b.count, a[(a.count - b.count)...].elementsEqual(b) { return 0.9 }
        if a.count >= 5, a.count * 4 >= b.count, TextSearch.firstIndex(of: a, in: b) != nil { return 0.75 }
        guard !a.isEmpty, !b.isEmpty, a.count <= 4 * b.count else { return 0 }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 1...a.count {
            for j in 1...b.count {
                table[i][j] = a[i - 1] == b[j - 1] ? table[i - 1][j - 1] + 1 : max(table[i - 1][j], table[i][j - 1])
            }
        }
        return Double(table[a.count][b.count]) / Double(max(a.count, b.count))
    }

    private func string(_ scalars: [Unicode.Scalar]) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        return String(text)
    }

    /// Every form's row labels as the walker sees them, and some longer than 64 scalars.
    private func labels() -> [[Unicode.Scalar]] {
        var labels = FormCatalog.all.flatMap { Anchor.anchors(of: $0).map(\.coreScalars) }.filter { !$0.isEmpty }
        labels += zip(labels, labels.reversed()).prefix(20).map { $0 + $1 + $0 }.filter { $0.count > 64 }
        labels.append(Array(String(repeating: "政府信息", count: 16).unicodeScalars))
        return labels
    }

    /// A label changed the ways printed reports change them: scalars dropped, doubled or
    /// replaced, a piece of another label glued on, cut to a fragment, an enumerator before.
    private func mutate(_ label: [Unicode.Scalar], _ other: [Unicode.Scalar], _ random: inout SplitMix64) -> [Unicode.Scalar] {
        var text = label
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            guard !text.isEmpty else { break }
            let position = Int.random(in: 0..<text.count, using: &random)
            switch Int.random(in: 0..<7, using: &random) {
            case 0: text.remove(at: position)
            case 1: text.insert(text[position], at: position)
            case 2: text[position] = other.randomElement(using: &random) ?? "的"
            case 3: text = Array(other.prefix(Int.random(in: 0...other.count, using: &random))) + text
            case 4: text += other.suffix(Int.random(in: 0...other.count, using: &random))
            case 5:
                let start = Int.random(in: 0..<text.count, using: &random)
                text = Array(text[start..<Int.random(in: (start + 1)...text.count, using: &random)])
            default: text = Array("(三)".unicodeScalars) + text
            }
        }
        return text
    }

    func testThresholdAndBitParallelScoresAreThePlainScores() {
        let labels = labels()
        var random = SplitMix64(state: 14)
        let thresholds = [0, 0.6, 0.75, 0.8, 0.85, 0.9]
        for _ in 0..<20000 {
            let label = labels.randomElement(using: &random) ?? []
            let other = labels.randomElement(using: &random) ?? []
            let text = Bool.random(using: &random) ? mutate(label, other, &random) : mutate(other, label, &random)
            let exact = plainScore(text, label)
            let pattern = LabelPattern(label)
            XCTAssertEqual(pattern.longestCommonSubsequence(with: text), LabelPattern.longestCommonSubsequence(text, label))
            XCTAssertEqual(Labels.score(text, label), exact, "\(string(text)) / \(string(label))")
            for threshold in thresholds {
                let bounded = Labels.score(text, pattern, atLeast: threshold)
                if exact >= threshold { XCTAssertEqual(bounded, exact) } else { XCTAssertLessThan(bounded, threshold) }
            }
        }
    }

    func testCoreScalarsAreTheCoresScalars() {
        var random = SplitMix64(state: 5)
        let labels = FormCatalog.all.flatMap { Anchor.anchors(of: $0).map(\.full) }
        let enumerators = ["", "(一)", "(十二)", "三、", "1.", "12、", "1、", "(", "一", "٣.", "(一一)"]
        for label in labels {
            for enumerator in enumerators {
                let text = enumerator + string(Array(label.unicodeScalars.shuffled(using: &random).prefix(Int.random(in: 0...8, using: &random)))) + label
                XCTAssertEqual(Labels.coreScalars(text), Array(Labels.core(text).unicodeScalars), text)
            }
        }
        let long = "(" + String(repeating: "一", count: 70) + ")规章"
        XCTAssertEqual(Labels.coreScalars(long), Array(Labels.core(long).unicodeScalars))
    }

    /// `Labels.normalize` as first written, scalar by scalar.
    private func plainNormalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\u{00A0}", "\u{3000}", "\u{2002}", "\u{2003}", "\u{200B}", "\r", "\n", "*", "#", "›", "|", "`", "_", ">":
                continue
            case "（": out.append("(")
            case "）": out.append(")")
            case "：": out.append(":")
            case "，": out.append(",")
            case "．": out.append(".")
            case "／": out.append("/")
            case "＋": out.append("+")
            case "－", "−", "—", "–": out.append("-")
            case "\u{FF10}"..."\u{FF19}": out.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30) ?? "0")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    func testNormalizeOnBytesIsNormalizeOnScalars() throws {
        var random = SplitMix64(state: 9)
        let special: [Unicode.Scalar] = [" ", "\t", "\u{00A0}", "\u{3000}", "\u{2002}", "\u{2003}", "\u{200B}", "\u{2001}", "\u{200C}", "\r", "\n",
            "*", "#", "›", "‹", "|", "`", "_", ">", "（", "）", "：", "，", "．", "／", "＋", "－", "−", "—", "–", "‐", "\u{FF10}", "\u{FF19}",
            "\u{FF1A}", "\u{FF20}", "\u{FF07}", "é", "\u{301}", "😀", "\u{10FFFF}", "\u{80}", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{E000}", "a", "1"]
        let labels = FormCatalog.all.flatMap { Anchor.anchors(of: $0).map(\.label) }
        for _ in 0..<5000 {
            var text = String.UnicodeScalarView((labels.randomElement(using: &random) ?? "").unicodeScalars)
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                let position = text.index(text.startIndex, offsetBy: Int.random(in: 0...text.count, using: &random))
                text.insert(special.randomElement(using: &random) ?? " ", at: position)
            }
            XCTAssertEqual(Labels.normalize(String(text)), plainNormalize(String(text)))
        }
        let corpus = try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpus.path).filter { $0.hasSuffix(".txt") }
        for name in corpus {
            let text = String(decoding: try Data(contentsOf: Fixtures.corpus.appendingPathComponent(name)), as: UTF8.self)
            XCTAssertEqual(Labels.normalize(text), plainNormalize(text), name)
        }
    }

    func testDigitsAreTheDecimalDigitsOfUnicode() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            XCTAssertEqual(Labels.isDigit(scalar), scalar.properties.numericType == .decimal, "U+\(String(value, radix: 16))")
        }
    }
}
