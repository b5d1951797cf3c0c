import Foundation
import ReportModel
import TestSupport
import XCTest

/// `xxgk compare`, run as a user runs it: generated reports of three years give exactly the
/// changes computed here; the workbook's charts point at the table's cells and LibreOffice
/// opens it; reports that cannot be compared are refused and nothing is written.
final class CompareCommandTests: XCTestCase {
    private let keyCells = [
        "applications.received.total", "applications.carried_over.total", "applications.results_total.total",
        "applications.carried_forward.total", "appeals.review.total", "appeals.litigation_direct.total",
        "appeals.litigation_after_review.total",
    ]

    /// Three years of one agency (form 2021, seeded): 2022 carries over exactly what 2021 carried
    /// forward, 2023 carries over at random.
    private func threeYears(in folder: URL, agency: String = "某区教育局") throws -> (reports: [Report], files: [String]) {
        let form = try XCTUnwrap(FormCatalog.form(id: "2021"))
        var generator = SeededGenerator(seed: 2023)
        var reports: [Report] = []
        for offset in 0..<3 {
            var report = RandomReports.makeConsistent(form: form, using: &generator)
            report.agency = agency
            report.year = 2021 + offset
            report.date = ReportDate(year: 2022 + offset, month: 1, day: 20)
            if offset == 1, let previous = reports.last {
                for column in form.table("applications")?.row("carried_over")?.columns ?? [] {
                    report["applications", "carried_over", column.id] = previous["applications", "carried_forward", column.id]
                }
            }
            reports.append(report)
        }
        var files: [String] = []
        for report in reports.reversed() {
            let file = folder.appendingPathComponent("\(agency)-\(report.year).json")
            try Data(ReportJSON.encode(report).utf8).write(to: file)
            files.append(file.path)
        }
        return (reports, files)
    }

    private func cell(_ name: String) -> CellKey {
        let parts = name.split(separator: ".").map(String.init)
        return CellKey(table: parts[0], row: parts[1], column: parts[2])
    }

    private func member(_ value: JSONValue, _ key: String) -> JSONValue? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    private func elements(_ value: JSONValue?) -> [JSONValue] {
        guard case .array(let elements)? = value else { return [] }
        return elements
    }

    private func number(_ value: JSONValue?) -> String? {
        guard case .number(let text)? = value else { return nil }
        return text
    }

    func testThreeYearsGiveTheChangesComputedIndependently() throws {
        let folder = try makeTemporaryDirectory("compare")
        let (reports, files) = try threeYears(in: folder)
        let run = try CLI.run(["compare", "--format", "json"] + files)
        XCTAssertEqual(run.status, 0, run.standardError)
        let json = try JSONParser.parse(Data(run.standardOutput.utf8))
        XCTAssertEqual(elements(member(json, "years")).compactMap(number), ["2021", "2022", "2023"])
        let rows = elements(member(json, "rows"))
        XCTAssertEqual(rows.count, keyCells.count)
        for (row, name) in zip(rows, keyCells) {
            guard case .string(let cellName)? = member(row, "cell") else { return XCTFail("no cell in \(row)") }
            XCTAssertEqual(cellName, name)
            let values = reports.map { $0[cell(name)] }
            XCTAssertEqual(elements(member(row, "values")).map(number), values.map { $0.map { "\($0)" } }, name)
            let changes = elements(member(row, "changes"))
            XCTAssertEqual(changes.count, 2)
            for (index, change) in changes.enumerated() {
                let previous = values[index], current = values[index + 1]
                // Independently: blank counts 0 unless both are blank; no percentage from 0 or blank.
                let difference: Int? = previous == nil && current == nil ? nil
                    : NSDecimalNumber(decimal: (current ?? 0) - (previous ?? 0)).intValue
                XCTAssertEqual(number(member(change, "difference")), difference.map(String.init), "\(name) \(index)")
                let last = previous.map { NSDecimalNumber(decimal: $0).doubleValue } ?? 0
                if let difference, last != 0 {
                    let percent = (Double(difference) * 1000 / last).rounded(.toNearestOrAwayFromZero) / 10
                    XCTAssertEqual(number(member(change, "percent")).flatMap(Double.init), percent, "\(name) \(index)")
                } else {
                    XCTAssertEqual(member(change, "percent"), .null, "\(name) \(index)")
                }
            }
        }
        // The carry-over, computed here column by column.
        let form = reports[0].form
        let columns = form.table("applications")?.row("carried_over")?.columns.map(\.id) ?? []
        let holds = (1..<3).map { year in
            columns.allSatisfy { reports[year]["applications", "carried_over", $0] ?? 0 == reports[year - 1]["applications", "carried_forward", $0] ?? 0 }
        }
        XCTAssertEqual(holds.first, true)
        XCTAssertEqual(elements(member(json, "carry_over")).map { member($0, "holds") }, holds.map { JSONValue.bool($0) })
    }

    func testTextIsAlignedByDisplayWidthAndCSVIsSafeForExcel() throws {
        let folder = try makeTemporaryDirectory("compare")
        let (_, files) = try threeYears(in: folder)
        let text = try CLI.run(["compare"] + files)
        XCTAssertEqual(text.status, 0, text.standardError)
        let lines = text.standardOutput.components(separatedBy: "\n")
        XCTAssertEqual(lines[0], "某区教育局：2021年、2022年、2023年")
        XCTAssertTrue(lines[2].hasPrefix("项目"), lines[2])
        XCTAssertTrue(lines[2].hasSuffix("2022年增减  2022年增减率  2023年增减  2023年增减率"), lines[2])
        // Width counted here: CJK and full-width characters take two columns. The last column
        // is right-aligned, so every line whose last field is filled ends at the same column.
        func width(_ line: String) -> Int { line.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) } }
        let table = Array(lines[2..<(2 + 1 + keyCells.count)])
        let maximum = table.map(width).max()
        let filled = [table[0]] + table.filter { $0.hasSuffix("%") || $0.hasSuffix("—") }
        XCTAssertGreaterThan(filled.count, 3)
        for line in filled { XCTAssertEqual(width(line), maximum, line) }
        XCTAssertEqual(table.dropFirst().map { $0.components(separatedBy: " ").first ?? "" },
                       ["本年新收申请", "上年结转", "办理结果总计", "结转下年度", "行政复议总计", "未经复议直接起诉总计", "复议后起诉总计"])

        let csv = try CLI.run(["compare", "--format", "csv"] + files)
        XCTAssertEqual(csv.status, 0, csv.standardError)
        XCTAssertTrue(csv.standardOutput.hasPrefix("\u{FEFF}项目,2021年,2022年,2023年,2022年增减,2022年增减率,2023年增减,2023年增减率\r\n"))

        // By agency: an agency named like a formula stays text in Excel.
        let first = folder.appendingPathComponent("first"), second = folder.appendingPathComponent("second")
        _ = try threeYears(in: try makeFolder(first), agency: "=HYPERLINK(\"x\")")
        _ = try threeYears(in: try makeFolder(second), agency: "=HYPERLINK(\"x\")")
        try FileManager.default.removeItem(at: first.appendingPathComponent("=HYPERLINK(\"x\")-2022.json"))
        try FileManager.default.removeItem(at: first.appendingPathComponent("=HYPERLINK(\"x\")-2023.json"))
        try FileManager.default.removeItem(at: second.appendingPathComponent("=HYPERLINK(\"x\")-2021.json"))
        try FileManager.default.removeItem(at: second.appendingPathComponent("=HYPERLINK(\"x\")-2022.json"))
        let byAgency = try CLI.run(["compare", "--by", "agency", first.path, second.path, "--format", "csv"])
        XCTAssertEqual(byAgency.status, 0, byAgency.standardError)
        XCTAssertTrue(byAgency.standardOutput.contains("\r\n\"'=HYPERLINK(\"\"x\"\")\",本年新收申请,"), byAgency.standardOutput)
    }

    private func makeFolder(_ folder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func testWorkbookChartsReferenceTheTableAndLibreOfficeOpensIt() throws {
        let folder = try makeTemporaryDirectory("compare")
        let (reports, files) = try threeYears(in: folder)
        let output = folder.appendingPathComponent("比较.xlsx")
        let run = try CLI.run(["compare", "-o", output.path] + files)
        XCTAssertEqual(run.status, 0, run.standardError)
        let script = """
            import json, re, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            charts = sorted(n for n in z.namelist() if re.match(r'xl/charts/chart\\d+\\.xml$', n))
            out = {}
            for n in charts:
                x = z.read(n).decode()
                out[n] = {"f": re.findall(r'<c:f>(.*?)</c:f>', x),
                          "kind": re.findall(r'<c:(barChart|pieChart|lineChart)>', x),
                          "grouping": re.findall(r'<c:grouping val="(\\w+)"/>', x),
                          "cache": re.findall(r'<c:v>(.*?)</c:v>', x)}
            print(json.dumps(out, ensure_ascii=False))
            """
        let dump = try ExternalProgram.run("python3", ["-c", script, output.path])
        let charts = try JSONDecoder().decode([String: ChartDump].self, from: dump)
        XCTAssertEqual(charts.keys.sorted(), ["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml"])
        // 1: 本年新收申请 (row 2) by year (the header's B1:D1).
        let trend = try XCTUnwrap(charts["xl/charts/chart1.xml"])
        XCTAssertEqual(trend.f, ["'比较'!$A$2", "'比较'!$B$1:$D$1", "'比较'!$B$2:$D$2"])
        XCTAssertEqual(trend.kind, ["barChart"])
        let received = reports.map { $0["applications", "received", "total"].map { "\($0)" } ?? "" }
        XCTAssertEqual(Array(trend.cache.suffix(3)), received)
        // 2: the six result groups (rows 11–16) by year (their header B10:D10), stacked to 100 %.
        let shares = try XCTUnwrap(charts["xl/charts/chart2.xml"])
        XCTAssertEqual(shares.grouping, ["percentStacked"])
        XCTAssertEqual(shares.f, (11...16).flatMap { ["'比较'!$A$\($0)", "'比较'!$B$10:$D$10", "'比较'!$B$\($0):$D$\($0)"] })
        // 3: the newest year's results as a pie.
        let pie = try XCTUnwrap(charts["xl/charts/chart3.xml"])
        XCTAssertEqual(pie.kind, ["pieChart"])
        XCTAssertEqual(pie.f, ["'比较'!$A$11:$A$16", "'比较'!$D$11:$D$16"])

        let converted = folder.appendingPathComponent("converted")
        try LibreOffice.convert(
            [output], to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", in: converted)
        let csvFiles = try FileManager.default.contentsOfDirectory(atPath: converted.path).filter { $0.hasSuffix(".csv") }
        XCTAssertEqual(csvFiles.count, 1, "\(csvFiles)")
        let text = try String(contentsOf: converted.appendingPathComponent(csvFiles.first ?? ""), encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("项目,2021年,2022年,2023年"), text)
        XCTAssertTrue(text.contains("本年新收申请,\(received.joined(separator: ","))"), text)
    }

    /// What the chart dump script prints per chart part.
    private struct ChartDump: Decodable {
        let f: [String]
        let kind: [String]
        let grouping: [String]
        let cache: [String]
    }

    func testReportsThatCannotBeComparedAreRefusedAndNothingIsWritten() throws {
        let folder = try makeTemporaryDirectory("compare")
        let (_, files) = try threeYears(in: folder)
        let (_, others) = try threeYears(in: folder, agency: "另一局")
        let output = folder.appendingPathComponent("out.xlsx")
        let mixed = try CLI.run(["compare", files[0], others[1], "-o", output.path])
        XCTAssertEqual(mixed.status, 2)
        XCTAssertTrue(mixed.standardError.contains("error: the reports are of different agencies (另一局、某区教育局); compare one agency's reports, or two folders with --by agency"), mixed.standardError)
        let sameYear = folder.appendingPathComponent("copy.json")
        try FileManager.default.copyItem(atPath: files[0], toPath: sameYear.path)
        let twice = try CLI.run(["compare", files[0], sameYear.path, files[1], "-o", output.path])
        XCTAssertEqual(twice.status, 2)
        XCTAssertTrue(twice.standardError.contains("error: two reports are for the year 2023; give one report per year"), twice.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
        XCTAssertFalse(CLI.contents(of: folder).contains { $0.hasSuffix(".tmp") })
        let usage = try CLI.run(["compare", "--by", "agency", files[0], files[1], files[2]])
        XCTAssertEqual(usage.status, 64)
        XCTAssertTrue(usage.standardError.contains("--by agency compares two folders (or files); 3 given"), usage.standardError)
    }

    func testByAgencyMatchesNamesAcrossTwoRounds() throws {
        let folder = try makeTemporaryDirectory("compare")
        let form = try XCTUnwrap(FormCatalog.form(id: "2021"))
        var generator = SeededGenerator(seed: 7)
        func write(_ agency: String, _ year: Int, to round: String) throws {
            var report = RandomReports.makeConsistent(form: form, using: &generator)
            report.agency = agency
            report.year = year
            report.date = nil
            let dir = try makeFolder(folder.appendingPathComponent(round))
            try Data(ReportJSON.encode(report).utf8).write(to: dir.appendingPathComponent("\(agency).json"))
        }
        for agency in ["某区（县）局", "甲局", "乙局"] { try write(agency, 2022, to: "2022") }
        for agency in ["某区(县) 局", "甲局", "丙局"] { try write(agency, 2023, to: "2023") }
        let run = try CLI.run(["compare", "--by", "agency", folder.appendingPathComponent("2022").path, folder.appendingPathComponent("2023").path, "--format", "json"])
        XCTAssertEqual(run.status, 0, run.standardError)
        let json = try JSONParser.parse(Data(run.standardOutput.utf8))
        XCTAssertEqual(elements(member(json, "comparisons")).map { member($0, "agency") }, [.string("某区(县) 局"), .string("甲局")])
        XCTAssertEqual(member(json, "only_in_first"), .array([.string("乙局")]))
        XCTAssertEqual(member(json, "only_in_second"), .array([.string("丙局")]))
        let output = folder.appendingPathComponent("rounds.xlsx")
        let workbook = try CLI.run(["compare", "--by", "agency", folder.appendingPathComponent("2022").path, folder.appendingPathComponent("2023").path, "-o", output.path])
        XCTAssertEqual(workbook.status, 0, workbook.standardError)
        let refs = try ExternalProgram.run("python3", ["-c", "import re,sys,zipfile; print(re.findall(r'<c:f>(.*?)</c:f>', zipfile.ZipFile(sys.argv[1]).read('xl/charts/chart1.xml').decode()))", output.path])
        XCTAssertEqual(String(decoding: refs, as: UTF8.self),
                       "[\"'按机关'!$B$1\", \"'按机关'!$A$2:$A$3\", \"'按机关'!$B$2:$B$3\", \"'按机关'!$C$1\", \"'按机关'!$A$2:$A$3\", \"'按机关'!$C$2:$C$3\"]\n")
    }

    func testCheckReportsTheNarrativeAgainstTheTables() throws {
        // The 上海 2019 report as published: two sentences disagree with its tables, each named by its line.
        let published = try CLI.run(["check", Fixtures.corpus.appendingPathComponent("04_shanghai_szfbgt_2019.txt").path])
        let narrative = published.standardOutput.components(separatedBy: "\n").filter { $0.contains("[narrative.") }
        XCTAssertEqual(narrative.map { $0.components(separatedBy: ": narrative:").first ?? "" }.map { $0.components(separatedBy: "corpus/").last ?? "" }, [
            "04_shanghai_szfbgt_2019.txt: line 14", "04_shanghai_szfbgt_2019.txt: line 14",
        ])
        XCTAssertTrue(narrative[0].hasSuffix("states 予以公开及部分公开 as 258 (“予以公开及部分公开258件，占33.9%；”), the table has 275 [narrative.applications.granted_and_partly_granted]"), narrative[0])
        // A report whose tables agree stays passed (exit 0); a stated figure that differs is a warning.
        let folder = try makeTemporaryDirectory("compare")
        let form = try XCTUnwrap(FormCatalog.form(id: "2021"))
        var generator = SeededGenerator(seed: 11)
        var report = RandomReports.makeConsistent(form: form, using: &generator)
        // Dated after its year: an undated report would warn too (report.no_date).
        report.date = ReportDate(year: report.year + 1, month: 1, day: 15)
        let received = report["applications", "received", "total"] ?? 0
        func check(stating figure: Decimal, as name: String) throws -> CLIRun {
            report.sections["overview"] = "全年共受理政府信息公开申请\(figure)件，同比增长12.5%。"
            let file = folder.appendingPathComponent(name)
            try Data(ReportJSON.encode(report).utf8).write(to: file)
            return try CLI.run(["check", file.path])
        }
        let passed = try check(stating: received, as: "agreeing.json")
        XCTAssertEqual(passed.status, 0, passed.standardOutput)
        XCTAssertFalse(passed.standardOutput.contains("narrative"), passed.standardOutput)
        let warned = try check(stating: received + 1, as: "differing.json")
        let differing = folder.appendingPathComponent("differing.json")
        XCTAssertEqual(warned.status, 0, warned.standardOutput)
        XCTAssertTrue(warned.standardOutput.contains(": passed (1 warning)"), warned.standardOutput)
        XCTAssertTrue(warned.standardOutput.contains("warning: \(differing.path): narrative: 一、总体情况 states 一、本年新收政府信息公开申请数量 › 总计 as \(received + 1)"), warned.standardOutput)
    }

    func testSummaryWithPreviousHasTheYearOverYearChange() throws {
        let folder = try makeTemporaryDirectory("compare")
        let (reports, files) = try threeYears(in: folder)
        let previous = try makeFolder(folder.appendingPathComponent("previous"))
        try FileManager.default.moveItem(atPath: files[1], toPath: previous.appendingPathComponent("2022.json").path)
        let summary = folder.appendingPathComponent("汇总.csv")
        let run = try CLI.run(["check", files[0], "--previous", previous.path, "--summary", summary.path])
        XCTAssertLessThan(run.status, 2, run.standardError)
        let lines = try String(contentsOf: summary, encoding: .utf8).components(separatedBy: "\r\n")
        let header = lines[0].components(separatedBy: ",")
        let column = try XCTUnwrap(header.firstIndex(of: "本年新收申请增减"))
        let expected = (reports[2]["applications", "received", "total"] ?? 0) - (reports[1]["applications", "received", "total"] ?? 0)
        XCTAssertEqual(lines[1].components(separatedBy: ",")[column], "\(expected)")
        let without = try CLI.run(["check", files[0], "--summary", summary.path])
        XCTAssertLessThan(without.status, 2)
        XCTAssertFalse(try String(contentsOf: summary, encoding: .utf8).contains("增减"))
    }
}
