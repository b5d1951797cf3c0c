import Foundation
import ReportModel
import ReportWorkbook
import TestSupport
import XCTest
import XLSX

/// A real spreadsheet application agrees with us: headless LibreOffice, forced to
/// recalculate on load, computes every formula to the value we cached, and prints the blank
/// template one A4 page per sheet. Each test runs LibreOffice once over all its files.
final class LibreOfficeTests: XCTestCase {
    /// A workbook whose one formula caches a wrong result: if LibreOffice did not
    /// recalculate, it would keep 0 and the comparison of the real workbooks would prove nothing.
    private func writeControl(to path: String) throws {
        let workbook = try XLSXWorkbook(path: path)
        let sheet = try workbook.addSheet(named: "对照")
        try sheet.write(number: 2, at: CellReference(row: 0, column: 0))
        try sheet.write(formula: "=A1+3", cachedNumber: 0, at: CellReference(row: 0, column: 1))
        try workbook.close()
    }

    func testRecalculatedFormulasEqualTheCachedValuesForExamplesAndBrokenReports() throws {
        let folder = try makeTemporaryDirectory("workbook")
        var files: [URL] = []
        func add(_ name: String, _ write: (String) throws -> Void) throws {
            let file = folder.appendingPathComponent(name)
            try write(file.path)
            files.append(file)
        }
        // The checks sheet's top line, as LibreOffice must recompute it, by file.
        var topLines: [String: String] = [:]
        try add("control.xlsx", writeControl)
        let example = try Interop.exampleReport()
        try add("example.xlsx") { try ReportWorkbook.write(example, to: $0, generator: Interop.generator) }
        let corpus = try Interop.corpusReports()
        XCTAssertGreaterThanOrEqual(corpus.count, 5)
        for (name, report) in corpus {
            try add("corpus-\(name).xlsx") { try ReportWorkbook.write(report, to: $0, generator: Interop.generator) }
        }
        for form in FormCatalog.all {
            try add("template-\(form.id).xlsx") { try ReportWorkbook.writeTemplate(form: form, to: $0, generator: Interop.generator) }
            try add("random-\(form.id).xlsx") { try ReportWorkbook.write(ReportFixtures.randomlyFilled(form, seed: 42), to: $0, generator: Interop.generator) }
            // Totals blank, right and wrong at random: printed totals kept as values, the
            // formulas over them and the checks sheet computed from what the sheets show.
            for seed in 1...2 {
                var generator = SeededGenerator(seed: UInt64(seed) * 104_729)
                let inconsistent = RandomReports.make(form: form, using: &generator)
                try add("inconsistent-\(form.id)-\(seed).xlsx") { try ReportWorkbook.write(inconsistent, to: $0, generator: Interop.generator) }
            }
            for rule in form.rules {
                let report = ReportFixtures.breaking(rule, form: form)
                try add("breaks-\(form.id)-\(rule.id).xlsx") { try ReportWorkbook.write(report, to: $0, generator: Interop.generator) }
                let failures = form.ruleInstances.filter { instance in !instance.evaluate { report[$0] }.holds }.count
                topLines["breaks-\(form.id)-\(rule.id).xlsx"] = "共 \(form.ruleInstances.count) 项，\(failures) 项不通过"
            }
        }
        let recalculated = folder.appendingPathComponent("recalculated")
        try Interop.convertWithLibreOffice(files, to: "xlsx", in: recalculated)
        let script = Interop.packageRoot.appendingPathComponent("Tests/Scripts/compare_recalculated.py").path
        let pairs = files.flatMap { [$0.path, recalculated.appendingPathComponent($0.lastPathComponent).path] }
        let data = try Interop.run("python3", [script] + pairs)
        let results = try JSONDecoder().decode([String: Comparison].self, from: data)
        XCTAssertEqual(results.count, files.count)

        let control = try XCTUnwrap(results[files[0].path])
        XCTAssertEqual(control.formulas, 1)
        XCTAssertEqual(control.mismatches.map(\.recalculated), [.number(5)], "LibreOffice recalculated the control formula")

        for file in files.dropFirst() {
            let result = try XCTUnwrap(results[file.path], file.lastPathComponent)
            XCTAssertGreaterThan(result.formulas, 40, file.lastPathComponent)
            XCTAssertEqual(
                result.mismatches.map { "\($0.sheet)!\($0.cell) \($0.formula): cached \(String(describing: $0.cached)), recalculated \(String(describing: $0.recalculated))" },
                [], file.lastPathComponent)
        }
        // The top line is among the formulas compared; its recomputed text counts the failures.
        let broken = Array(topLines.keys.sorted().prefix(3))
        let recomputed = try Openpyxl.dump(broken.map { recalculated.appendingPathComponent($0) })
        for name in broken {
            let book = try XCTUnwrap(recomputed[recalculated.appendingPathComponent(name).path], name)
            XCTAssertEqual(book.sheet("校验")?.cells["A1"]?.value, topLines[name].map(Openpyxl.Value.string), name)
            XCTAssertNotEqual(topLines[name]?.hasSuffix("，0 项不通过"), true, name)
        }
    }

    /// The blank templates print on A4 in each sheet's orientation: every table on exactly one
    /// page (its heading on one page only), the other sheets one page wide, and no page
    /// shrunk below readable (the median text height on every page at least 7 pt).
    func testBlankTemplatePrintsTablesOnOnePageAndEveryPageReadableOnA4() throws {
        let folder = try makeTemporaryDirectory("workbook")
        let files = try FormCatalog.all.map { form -> URL in
            let file = folder.appendingPathComponent("template-\(form.id).xlsx")
            try ReportWorkbook.writeTemplate(form: form, to: file.path, generator: Interop.generator)
            return file
        }
        let pdfs = folder.appendingPathComponent("pdf")
        try Interop.convertWithLibreOffice(files, to: "pdf", in: pdfs)
        for form in FormCatalog.all {
            let layout = WorkbookLayout(form: form)
            let pdf = try PrintedPDF(path: pdfs.appendingPathComponent("template-\(form.id).pdf").path)
            XCTAssertGreaterThanOrEqual(pdf.pages.count, layout.sheets.count, "form \(form.id)")
            for page in pdf.pages {
                XCTAssertTrue(page.isA4, "form \(form.id), page \(page.number): \(page.size)")
                XCTAssertGreaterThanOrEqual(page.medianTextHeight, 7, "form \(form.id), page \(page.number) is readable")
            }
            for sheet in layout.sheets where sheet.fit == .onePage {
                let heading = try XCTUnwrap(sheet.labels.first { $0.role == .title }?.text)
                // A page of the sheet starts with its heading (repeated on every page it prints on).
                let pages = pdf.pages.filter { $0.text.hasPrefix(PrintedPDF.squeezed(heading)) }
                XCTAssertEqual(pages.count, 1, "form \(form.id), \(sheet.name): one page")
                XCTAssertEqual(pages.first?.isLandscape, sheet.landscape, "form \(form.id), \(sheet.name): orientation")
            }
        }
    }

    /// A full report with long texts (the corpus's Shanghai reports, one of each form, one
    /// LibreOffice run) prints every label of every sheet and every paragraph of its texts
    /// on A4 pages; the checks sheet's top line counts what fails. PNGs of the pages go to
    /// .build/screenshots/print/ for a person to look at.
    func testFullReportPrintsEveryLabelAndEveryParagraph() throws {
        let folder = try makeTemporaryDirectory("workbook")
        let corpus = try Interop.corpusReports().filter { ["04_shanghai_szfbgt_2019.json", "05_shanghai_szfbgt_2025.json"].contains($0.name) }
        XCTAssertEqual(corpus.count, 2)
        var files: [(URL, Report)] = []
        for (name, report) in corpus {
            let file = folder.appendingPathComponent(name.replacingOccurrences(of: ".json", with: ".xlsx"))
            try ReportWorkbook.write(report, to: file.path, generator: Interop.generator)
            files.append((file, report))
        }
        let pdfs = folder.appendingPathComponent("pdf")
        try Interop.convertWithLibreOffice(files.map(\.0), to: "pdf", in: pdfs)
        for (file, report) in files {
            let name = file.deletingPathExtension().lastPathComponent
            let path = pdfs.appendingPathComponent(name + ".pdf").path
            let pdf = try PrintedPDF(path: path)
            PrintedPDF.saveScreenshots(of: path, as: name)
            for page in pdf.pages { XCTAssertTrue(page.isA4, "\(name), page \(page.number): \(page.size)") }
            let text = pdf.pages.map(\.text).joined()
            let layout = WorkbookLayout(form: report.form)
            for sheet in layout.sheets {
                for label in sheet.labels {
                    let shown = sheet.content == .cover && label.role == .title ? report.form.title(agency: report.agency, year: report.year) : label.text
                    XCTAssertTrue(PrintedPDF.shows(shown, in: text, vertical: label.isVertical), "\(name), \(sheet.name): label \(shown)")
                }
            }
            for (id, section) in report.sections {
                for line in section.split(separator: "\n") where !PrintedPDF.squeezed(String(line)).isEmpty {
                    XCTAssertTrue(text.contains(PrintedPDF.squeezed(String(line))), "\(name), \(id): \(line.prefix(40))…")
                }
            }
            let failures = report.form.ruleInstances.filter { instance in !instance.evaluate { report[$0] }.holds }.count
            XCTAssertTrue(text.contains(PrintedPDF.squeezed("共 \(report.form.ruleInstances.count) 项，\(failures) 项不通过")), name)
        }
    }
}

/// A PDF as poppler reads it: each page's size and text (white space removed, so wrapped
/// cells read on), and the heights of its words.
private struct PrintedPDF {
    struct Page {
        let number: Int
        let size: String
        var text = ""
        var wordHeights: [Double] = []

        var isA4: Bool { size.hasSuffix("(A4)") }
        var isLandscape: Bool {
            let numbers = size.split(separator: ":").last?.split(separator: " ").compactMap { Double($0) } ?? []
            return numbers.count == 2 && numbers[0] > numbers[1]
        }
        var medianTextHeight: Double {
            let sorted = wordHeights.sorted()
            return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        }
    }

    var pages: [Page]

    init(path: String) throws {
        let info = String(decoding: try Interop.run("pdfinfo", ["-f", "1", "-l", "9999", path]), as: UTF8.self)
        pages = info.split(separator: "\n").filter { $0.hasPrefix("Page") && $0.contains("size:") }.enumerated().map { index, line in
            Page(number: index + 1, size: String(line))
        }
        // One pdftotext run: words with their boxes, page by page.
        let xhtml = String(decoding: try Interop.run("pdftotext", ["-bbox", path, "-"]), as: UTF8.self)
        var index = -1
        for line in xhtml.split(separator: "\n") {
            if line.contains("<page ") {
                index += 1
                continue
            }
            guard index >= 0, index < pages.count, line.contains("<word "), let open = line.firstIndex(of: ">"),
                let close = line.range(of: "</word>")
            else { continue }
            let word = String(line[line.index(after: open)..<close.lowerBound])
            pages[index].text += Self.squeezed(Self.unescaped(word))
            if let yMin = Self.attribute("yMin", in: line), let yMax = Self.attribute("yMax", in: line) {
                pages[index].wordHeights.append(yMax - yMin)
            }
        }
    }

    private static func attribute(_ name: String, in line: Substring) -> Double? {
        guard let start = line.range(of: name + "=\"") else { return nil }
        return Double(line[start.upperBound...].prefix { $0 != "\"" })
    }

    private static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The text without white space.
    static func squeezed(_ text: String) -> String { String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)) }

    /// Whether `label` is printed: whole, or wrapped in its cell into a few pieces whose
    /// lines pdftotext read between those of the cells beside it (each piece printed, in
    /// order of the label). A vertical label's characters print one a line, so only each
    /// of them is asked for.
    static func shows(_ label: String, in text: String, vertical: Bool) -> Bool {
        let wanted = squeezed(label)
        if wanted.isEmpty || text.contains(wanted) { return true }
        if vertical { return wanted.allSatisfy { text.contains($0) } }
        var rest = Substring(wanted)
        var pieces = 0
        while !rest.isEmpty {
            // The longest prefix of what is left that is printed somewhere.
            var length = rest.count
            while length > 0, !text.contains(rest.prefix(length)) { length -= 1 }
            guard length >= min(2, rest.count) else { return false }
            rest = rest.dropFirst(length)
            pieces += 1
        }
        return pieces <= max(2, wanted.count / 6)
    }

    /// Pages as PNGs at 50 dpi in .build/screenshots/print/ (for people; not asserted).
    static func saveScreenshots(of path: String, as name: String) {
        let folder = Interop.packageRoot.appendingPathComponent(".build/screenshots/print")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = try? Interop.run("pdftoppm", ["-png", "-r", "50", path, folder.appendingPathComponent(name).path])
    }
}

/// One workbook's comparison from compare_recalculated.py.
private struct Comparison: Decodable {
    struct Mismatch: Decodable {
        let sheet: String
        let cell: String
        let formula: String
        let cached: Openpyxl.Value?
        let recalculated: Openpyxl.Value?
    }
    let formulas: Int
    let mismatches: [Mismatch]
}
