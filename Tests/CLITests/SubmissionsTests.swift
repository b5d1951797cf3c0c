import ReportModel
import TestSupport
import XCTest

/// The disclosure office's batch: check a folder of submissions, write the summary, sum them.
final class SubmissionsTests: XCTestCase {
    private var generator = SeededGenerator(seed: 2024)

    /// Writes a report as canonical JSON into `folder`.
    private func write(_ report: Report, named name: String, in folder: URL) throws {
        try ReportJSON.encode(report).write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private func consistent(_ formID: String, agency: String, year: Int? = nil) throws -> Report {
        let form = try XCTUnwrap(FormCatalog.form(id: formID))
        var report = RandomReports.makeConsistent(form: form, using: &generator)
        report.agency = agency
        report.year = year ?? form.years.first + 1
        if report.year > form.years.last ?? Int.max { report.year = form.years.first }
        report.date = ReportDate(year: report.year + 1, month: 1, day: 15)
        XCTAssertEqual(CheckEngine.check(report).map(\.description), [], "generator must produce a passing report")
        return report
    }

    /// A folder with good submissions, one breaking each rule, one of the other form, one unreadable.
    private func makeSubmissions(includeUnreadable: Bool) throws -> URL {
        let folder = try makeTemporaryDirectory("cli")
        try write(try consistent("2021", agency: "甲局"), named: "01_good.json", in: folder)
        try write(try consistent("2021", agency: "乙局"), named: "02_good.json", in: folder)
        var balance = try consistent("2021", agency: "丙局")
        balance["applications", "carried_forward", "natural"] = (balance["applications", "carried_forward", "natural"] ?? 0) + 1
        balance["applications", "carried_forward", "total"] = (balance["applications", "carried_forward", "total"] ?? 0) + 1
        try write(balance, named: "03_balance.json", in: folder)
        var results = try consistent("2021", agency: "丁局")
        results["applications", "results_total", "research"] = (results["applications", "results_total", "research"] ?? 0) + 2
        results["applications", "results_total", "total"] = (results["applications", "results_total", "total"] ?? 0) + 2
        try write(results, named: "04_results_total.json", in: folder)
        var rowTotal = try consistent("2021", agency: "戊局")
        rowTotal["applications", "granted", "total"] = (rowTotal["applications", "granted", "total"] ?? 0) + 1
        try write(rowTotal, named: "05_row_total.json", in: folder)
        var appeals = try consistent("2021", agency: "己局")
        appeals["appeals", "review", "total"] = (appeals["appeals", "review", "total"] ?? 0) + 3
        try write(appeals, named: "06_group_total.json", in: folder)
        try write(try consistent("2019", agency: "庚局"), named: "07_form2019.json", in: folder)
        if includeUnreadable {
            try Data([0x50, 0x4B, 0x03, 0x04, 0xFF]).write(to: folder.appendingPathComponent("08_broken.xlsx"))
        }
        // Submissions as a workbook and as a published text, converted by xxgk itself.
        try write(try consistent("2021", agency: "辛局"), named: "09_workbook.json", in: folder)
        let workbook = try CLI.run(["convert", folder.appendingPathComponent("09_workbook.json").path, folder.appendingPathComponent("09_workbook.xlsx").path])
        XCTAssertEqual(workbook.status, 0, workbook.standardError)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("09_workbook.json"))
        try write(try consistent("2021", agency: "壬局"), named: "10_text.json", in: folder)
        let text = try CLI.run(["convert", folder.appendingPathComponent("10_text.json").path, folder.appendingPathComponent("10_text.txt").path])
        XCTAssertEqual(text.status, 0, text.standardError)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("10_text.json"))
        return folder
    }

    func testFolderOfSubmissionsGivesTheExpectedSummaryAndExitCodes() throws {
        let folder = try makeSubmissions(includeUnreadable: true)
        let summary = folder.appendingPathComponent("summary.csv")
        let run = try CLI.run(["check", folder.path, "--summary", summary.path])
        XCTAssertEqual(run.status, 2, "an unreadable input means exit 2")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        let statusLines = lines.filter { !$0.hasPrefix("error:") && !$0.hasPrefix("warning:") }
        XCTAssertEqual(statusLines.map { $0.replacingOccurrences(of: folder.path + "/", with: "") }, [
            "01_good.json: 甲局, year 2022, form 2021: passed",
            "02_good.json: 乙局, year 2022, form 2021: passed",
            "03_balance.json: 丙局, year 2022, form 2021: 2 errors",
            "04_results_total.json: 丁局, year 2022, form 2021: 4 errors",
            "05_row_total.json: 戊局, year 2022, form 2021: 2 errors",
            "06_group_total.json: 己局, year 2022, form 2021: 1 error",
            "07_form2019.json: 庚局, year 2020, form 2019: passed",
            "08_broken.xlsx: unreadable",
            "09_workbook.xlsx: 辛局, year 2022, form 2021: passed",
            "10_text.txt: 壬局, year 2022, form 2021: passed",
        ])
        let rules = lines.filter { $0.hasPrefix("error:") }.compactMap { line -> String? in
            guard let open = line.lastIndex(of: "["), line.hasSuffix("]") else { return line.contains("08_broken") ? "unreadable" : nil }
            return String(line[line.index(after: open)..<line.index(before: line.endIndex)])
        }
        XCTAssertEqual(rules, [
            "applications.balance", "applications.balance",
            "applications.balance", "applications.balance", "applications.results_total", "applications.results_total",
            "applications.results_total", "applications.row_total", "appeals.group_total", "unreadable",
        ])
        let bytes = try Data(contentsOf: summary)
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "a UTF-8 byte order mark for Excel and WPS")
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertTrue(csv.hasPrefix("file,agency,year,form,status,errors,warnings,failing rules,本年新收申请,上年结转,办理结果总计,结转下年度,行政复议总计,未经复议直接起诉总计,复议后起诉总计\r\n"))
        XCTAssertEqual(rows.count, 11)
        XCTAssertEqual(rows.map { $0[4] }, ["status", "passed", "passed", "failed", "failed", "failed", "failed", "passed", "unreadable", "passed", "passed"])
        XCTAssertEqual(rows[3][7], "applications.balance")
        XCTAssertEqual(rows[4][7], "applications.balance applications.results_total")
        XCTAssertEqual(rows[8][0], folder.appendingPathComponent("08_broken.xlsx").path)
        // Key figures are the report's own values.
        let good = try ReportJSON.decode(Data(contentsOf: folder.appendingPathComponent("01_good.json"))).report
        XCTAssertEqual(rows[1][8], good["applications", "received", "total"].map(ReportJSON.format) ?? "")
        XCTAssertEqual(rows[1][14], good["appeals", "litigation_after_review", "total"].map(ReportJSON.format) ?? "")

        try FileManager.default.removeItem(at: folder.appendingPathComponent("08_broken.xlsx"))
        try FileManager.default.removeItem(at: summary)
        let withoutBroken = try CLI.run(["check", folder.path])
        XCTAssertEqual(withoutBroken.status, 1, "failing checks but every input readable: exit 1")
        for name in ["03_balance.json", "04_results_total.json", "05_row_total.json", "06_group_total.json"] {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        XCTAssertEqual(try CLI.run(["check", folder.path]).status, 0)
    }

    func testSummaryWorkbookHoldsTheSameRowsAsTheCSV() throws {
        let folder = try makeSubmissions(includeUnreadable: true)
        let output = try makeTemporaryDirectory("cli")
        let csvPath = output.appendingPathComponent("summary.csv")
        let xlsxPath = output.appendingPathComponent("summary.xlsx")
        XCTAssertEqual(try CLI.run(["check", folder.path, "--summary", csvPath.path]).status, 2)
        XCTAssertEqual(try CLI.run(["check", folder.path, "--summary", xlsxPath.path]).status, 2)
        // openpyxl, a real reader, turns the workbook back into CSV rows.
        let script = """
            import csv, openpyxl, sys
            ws = openpyxl.load_workbook(sys.argv[1]).active
            print(ws.title)
            out = csv.writer(sys.stdout, lineterminator="\\n")
            for row in ws.iter_rows(values_only=True):
                out.writerow(["" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)) for v in row])
            """
        let python = try CLI.runProgram("/usr/bin/env", ["python3", "-c", script, xlsxPath.path])
        XCTAssertEqual(python.status, 0, python.standardError)
        let csv = String(decoding: try Data(contentsOf: csvPath).dropFirst(3), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        XCTAssertEqual(python.standardOutput, "汇总\n" + csv)
        XCTAssertEqual(try CLI.run(["check", folder.path, "--summary", output.appendingPathComponent("s.pdf").path]).status, 64)
    }

    /// A summary workbook that cannot be written (an agency name beyond Excel's 32,767
    /// characters) is an error naming the summary file, and nothing is left behind.
    func testUnwritableSummaryWorkbookNamesTheFile() throws {
        let folder = try makeTemporaryDirectory("cli")
        try write(try consistent("2021", agency: String(repeating: "乙", count: 40_000)), named: "long.json", in: folder)
        let output = try makeTemporaryDirectory("cli")
        let summary = output.appendingPathComponent("汇总.xlsx")
        let run = try CLI.run(["check", folder.path, "--summary", summary.path])
        XCTAssertEqual(run.status, 73)
        XCTAssertEqual(run.standardError, "error: \(summary.path): sheet 汇总, cell B2: String exceeds Excel's limit of 32,767 characters.\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output.path), [])
    }

    func testProgressBarOnATerminalOnly() throws {
        let folder = try makeSubmissions(includeUnreadable: false)
        // `script` gives the command a pseudo-terminal, as a user's shell would.
        let command = "\(CLI.executable.path) check \(folder.path)"
        let terminal = try CLI.runProgram("/usr/bin/script", ["-qec", command, "/dev/null"])
        XCTAssertTrue(terminal.standardOutput.contains("] 9/9"), terminal.standardOutput)
        XCTAssertTrue(terminal.standardOutput.contains("\r[###"), terminal.standardOutput)
        let piped = try CLI.run(["check", folder.path])
        XCTAssertFalse(piped.standardOutput.contains("9/9") || piped.standardError.contains("9/9"))
        XCTAssertEqual(piped.standardError, "")
    }

    func testSummaryCSVKeepsFormulaLikeTextAsText() throws {
        let folder = try makeTemporaryDirectory("cli")
        var report = try consistent("2021", agency: "=HYPERLINK(\"http://x\",\"点击\")")
        report.year = 2022
        try write(report, named: "a.json", in: folder)
        let summary = folder.appendingPathComponent("s.csv")
        _ = try CLI.run(["check", folder.appendingPathComponent("a.json").path, "--summary", summary.path])
        let csv = String(decoding: try Data(contentsOf: summary).dropFirst(3), as: UTF8.self)
        XCTAssertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\",2022,"), csv)
    }

    func testJSONFormatCarriesTheSameResults() throws {
        let folder = try makeSubmissions(includeUnreadable: true)
        let run = try CLI.run(["check", "--format", "json", folder.path])
        XCTAssertEqual(run.status, 2)
        guard case .object(let top) = try JSONParser.parse(Data(run.standardOutput.utf8)),
            case .array(let files)? = top.first(where: { $0.key == "files" })?.value
        else { return XCTFail("expected {files: [...]}") }
        let statuses = files.compactMap { file -> String? in
            guard case .object(let members) = file, case .string(let status)? = members.first(where: { $0.key == "status" })?.value else { return nil }
            return status
        }
        XCTAssertEqual(statuses, ["passed", "passed", "failed", "failed", "failed", "failed", "passed", "unreadable", "passed", "passed"])
    }

    func testYearToYearCarryOver() throws {
        let folder = try makeTemporaryDirectory("cli")
        let lastYear = folder.appendingPathComponent("2021")
        let thisYear = folder.appendingPathComponent("2022")
        try FileManager.default.createDirectory(at: lastYear, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: thisYear, withIntermediateDirectories: true)
        let last = try consistent("2021", agency: "某区 司法局", year: 2021)
        try write(last, named: "sfj.json", in: lastYear)
        var now = try consistent("2021", agency: "某区司法局", year: 2022)
        for column in ["natural", "commercial", "research", "social", "legal", "other", "total"] {
            now["applications", "carried_over", column] = last["applications", "carried_forward", column]
        }
        now["applications", "received", "natural"] = nil
        now["applications", "received", "total"] = nil
        // Keep 一 + 二 = 三(七) + 四 by adjusting 四.
        for column in ["natural", "commercial", "research", "social", "legal", "other", "total"] {
            let incoming = (now["applications", "received", column] ?? 0) + (now["applications", "carried_over", column] ?? 0)
            let results = now["applications", "results_total", column] ?? 0
            now["applications", "received", column] = max(results - incoming, 0) + (now["applications", "received", column] ?? 0)
            let forward = (now["applications", "received", column] ?? 0) + (now["applications", "carried_over", column] ?? 0) - results
            now["applications", "carried_forward", column] = forward
        }
        RandomReports.fillTotals(&now)
        XCTAssertEqual(CheckEngine.check(now).filter { $0.severity == .error }.map(\.description), [])
        try write(now, named: "sfj.json", in: thisYear)
        let matching = try CLI.run(["check", thisYear.path, "--previous", lastYear.path])
        XCTAssertEqual(matching.status, 0, matching.standardOutput)
        XCTAssertFalse(matching.standardOutput.contains("report.carry_over"))

        now["applications", "carried_over", "natural"] = (now["applications", "carried_over", "natural"] ?? 0) + 4
        now["applications", "carried_forward", "natural"] = (now["applications", "carried_forward", "natural"] ?? 0) + 4
        now["applications", "carried_over", "total"] = (now["applications", "carried_over", "total"] ?? 0) + 4
        now["applications", "carried_forward", "total"] = (now["applications", "carried_forward", "total"] ?? 0) + 4
        try write(now, named: "sfj.json", in: thisYear)
        let mismatch = try CLI.run(["check", thisYear.path, "--previous", lastYear.path])
        let expectedNatural = ReportJSON.format((now["applications", "carried_over", "natural"] ?? 0))
        let expectedBefore = ReportJSON.format(last["applications", "carried_forward", "natural"] ?? 0)
        XCTAssertTrue(mismatch.standardOutput.contains(
            "warning: \(thisYear.path)/sfj.json: tables.applications.carried_over.natural: 三、收到和处理政府信息公开申请情况: 二、上年结转 2022 ≠ 四、结转下年度继续办理 2021 in column 自然人: \(expectedNatural) ≠ \(expectedBefore) [report.carry_over]"),
            mismatch.standardOutput)
        XCTAssertTrue(mismatch.standardOutput.contains("in column 总计"))
        XCTAssertEqual(mismatch.standardOutput.components(separatedBy: "[report.carry_over]").count - 1, 2)
    }

    func testSumEqualsTheElementWiseSum() throws {
        let folder = try makeTemporaryDirectory("cli")
        var parts: [Report] = []
        for index in 0..<12 {
            let report = try consistent("2021", agency: "部门\(index)", year: 2023)
            parts.append(report)
            try write(report, named: String(format: "%02d.json", index), in: folder)
        }
        let output = folder.appendingPathComponent("district.json")
        let run = try CLI.run(["sum", folder.path, "-o", output.path, "--agency", "某区"])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertTrue(run.standardError.hasPrefix("added up 12 reports (form 2021, year 2023):\n"), run.standardError)
        XCTAssertTrue(run.standardError.contains("\(folder.path)/07.json\t部门7\tpassed"))
        let total = try ReportJSON.decode(Data(contentsOf: output)).report
        XCTAssertEqual(total.agency, "某区")
        XCTAssertEqual(total.year, 2023)
        let form = try XCTUnwrap(FormCatalog.form(id: "2021"))
        for cell in form.cells {
            let values = parts.compactMap { $0[cell] }
            let expected: Decimal? = values.isEmpty ? nil : values.reduce(0, +)
            XCTAssertEqual(total[cell], expected, "\(cell)")
        }
        XCTAssertEqual(CheckEngine.check(total).map(\.description), [], "the sum of passing reports passes")
    }

    func testSumOfWorkbooksIntoAWorkbook() throws {
        let folder = try makeTemporaryDirectory("cli")
        var parts: [Report] = []
        for index in 0..<4 {
            let report = try consistent("2019", agency: "科室\(index)", year: 2020)
            parts.append(report)
            try write(report, named: "\(index).json", in: folder)
            let converted = try CLI.run(["convert", folder.appendingPathComponent("\(index).json").path, folder.appendingPathComponent("\(index).xlsx").path])
            XCTAssertEqual(converted.status, 0, converted.standardError)
            try FileManager.default.removeItem(at: folder.appendingPathComponent("\(index).json"))
        }
        let output = try makeTemporaryDirectory("cli")
        let run = try CLI.run(["sum", folder.path, "-o", output.appendingPathComponent("district.xlsx").path, "--agency", "某区"])
        XCTAssertEqual(run.status, 0, run.standardError)
        let back = try CLI.run(["convert", output.appendingPathComponent("district.xlsx").path, output.appendingPathComponent("district.json").path])
        XCTAssertEqual(back.status, 0, back.standardError)
        let total = try ReportJSON.decode(Data(contentsOf: output.appendingPathComponent("district.json"))).report
        XCTAssertEqual(total.agency, "某区")
        for cell in total.form.cells {
            let values = parts.compactMap { $0[cell] }
            XCTAssertEqual(total[cell], values.isEmpty ? nil : values.reduce(0, +), "\(cell)")
        }
    }

    func testSumRefusesMixedFormsAndYearsAndWritesNothing() throws {
        let folder = try makeTemporaryDirectory("cli")
        try write(try consistent("2021", agency: "甲", year: 2022), named: "a.json", in: folder)
        try write(try consistent("2019", agency: "乙", year: 2020), named: "b.json", in: folder)
        let output = folder.appendingPathComponent("sum.json")
        let mixedForms = try CLI.run(["sum", folder.appendingPathComponent("a.json").path, folder.appendingPathComponent("b.json").path, "-o", output.path])
        XCTAssertEqual(mixedForms.status, 2)
        XCTAssertEqual(mixedForms.standardError, "error: cannot add up reports of different forms (form 2019: \(folder.path)/b.json; form 2021: \(folder.path)/a.json)\n")
        try write(try consistent("2021", agency: "乙", year: 2023), named: "b.json", in: folder)
        let mixedYears = try CLI.run(["sum", folder.path, "-o", output.path])
        XCTAssertEqual(mixedYears.status, 2)
        XCTAssertEqual(mixedYears.standardError, "error: cannot add up reports of different years (2022: \(folder.path)/a.json; 2023: \(folder.path)/b.json)\n")
        XCTAssertEqual(CLI.contents(of: folder), ["a.json", "b.json"])
    }

    /// `sum` has no --to: its usage errors about the output's kind do not offer one.
    func testSumOutputOfUnknownKindIsAUsageErrorWithoutOfferingTo() throws {
        let folder = try makeTemporaryDirectory("cli")
        try write(try consistent("2021", agency: "甲"), named: "a.json", in: folder)
        let toStandardOutput = try CLI.run(["sum", folder.path, "-o", "-"])
        XCTAssertEqual(toStandardOutput.status, 64)
        XCTAssertTrue(toStandardOutput.standardError.hasPrefix("Error: output is \"-\": name a file ending in .json, .xlsx, .txt or .md\n"), toStandardOutput.standardError)
        let pdf = try CLI.run(["sum", folder.path, "-o", folder.appendingPathComponent("sum.pdf").path])
        XCTAssertEqual(pdf.status, 64)
        XCTAssertTrue(pdf.standardError.hasPrefix("Error: cannot tell the kind of output \(folder.path)/sum.pdf from its extension; expected .json, .xlsx, .txt or .md\n"), pdf.standardError)
        XCTAssertEqual(CLI.contents(of: folder), ["a.json"])
        // convert has --from/--to and still offers them.
        let convert = try CLI.run(["convert", folder.appendingPathComponent("a.json").path, "-"])
        XCTAssertTrue(convert.standardError.hasPrefix("Error: output is \"-\": name its kind with --to (json, xlsx, txt, md)\n"), convert.standardError)
    }
}
