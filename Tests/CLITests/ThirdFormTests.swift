import Foundation
import ReportModel
import TestSupport
import XCTest

/// A third form version is a data file: a copy of the 2021 form with one row added and one
/// rule changed, loaded at run time from the folder named by `XXGK_FORMS`, goes through
/// template, import, text rendering and parsing, and the checks with no Swift change.
final class ThirdFormTests: XCTestCase {
    /// The 2021 definition as form "2030": row `denied_other` (9.其他不予公开情形) added to
    /// （三）不予公开, and the rule `applications.results_total` made to count it.
    private func writeThirdForm(in folder: URL) throws -> URL {
        let data = try Data(contentsOf: Fixtures.templates.appendingPathComponent("form-2021.json"))
        guard var form = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            var tables = form["tables"] as? [[String: Any]],
            let index = tables.firstIndex(where: { $0["id"] as? String == "applications" }),
            var rowHeader = tables[index]["row_header"] as? [[String: Any]],
            let results = rowHeader.firstIndex(where: { ($0["label"] as? String)?.hasPrefix("三、") == true }),
            var groups = rowHeader[results]["children"] as? [[String: Any]],
            let denied = groups.firstIndex(where: { ($0["label"] as? String)?.contains("不予公开") == true }),
            var deniedRows = groups[denied]["children"] as? [[String: Any]],
            var rules = form["rules"] as? [[String: Any]],
            let rule = rules.firstIndex(where: { $0["id"] as? String == "applications.results_total" }),
            let expression = rules[rule]["expression"] as? String
        else {
            XCTFail("the 2021 form file does not have the expected shape")
            throw CocoaError(.fileReadCorruptFile)
        }
        deniedRows.append(["id": "denied_other", "label": "9.其他不予公开情形"])
        groups[denied]["children"] = deniedRows
        rowHeader[results]["children"] = groups
        tables[index]["row_header"] = rowHeader
        form["tables"] = tables
        rules[rule]["expression"] = expression.replacingOccurrences(of: "denied_query", with: "denied_query + denied_other")
        form["rules"] = rules
        form["id"] = "2030"
        form["name"] = "政府信息公开工作年度报告格式（2030年试行）"
        form["years"] = ["first": 2030]
        let file = folder.appendingPathComponent("form-2030.json")
        try JSONSerialization.data(withJSONObject: form, options: [.prettyPrinted, .sortedKeys]).write(to: file)
        return file
    }

    private func run(_ arguments: [String], forms: URL, in folder: URL) throws -> CLIRun {
        let result = try ExternalProgram.capture(CLI.executable.path, arguments, environment: [FormCatalog.folderVariable: forms.path], in: folder)
        return CLIRun(
            status: result.status, standardOutput: String(decoding: result.standardOutput, as: UTF8.self),
            standardError: String(decoding: result.standardError, as: UTF8.self))
    }

    /// A consistent report on form 2030 with 3 applications denied for the new reason.
    private func report(_ form: Form) -> Report {
        var report = Report(form: form, agency: "某市试点局", year: 2030, date: ReportDate(year: 2031, month: 1, day: 20))
        for cell in form.cells { report[cell] = 0 }
        report["applications", "received", "natural"] = 5
        report["applications", "granted", "natural"] = 2
        report["applications", "denied_other", "natural"] = 3
        report.sections = ["overview": "本年度试行新表式。", "problems": "无。", "other": "无。"]
        report.computeTotals()
        return report
    }

    func testAThirdFormFromAFolderWorksInEveryKindWithoutSwiftChanges() throws {
        let folder = try makeTemporaryDirectory("cli")
        let forms = folder.appendingPathComponent("forms")
        try FileManager.default.createDirectory(at: forms, withIntermediateDirectories: true)
        let formFile = try writeThirdForm(in: forms)
        let loaded = FormCatalog.forms(inFolder: forms.path)
        XCTAssertEqual(loaded.problems.map(\.description), [])
        let form = try XCTUnwrap(loaded.forms.first)
        XCTAssertEqual(form.id, "2030")
        XCTAssertNotNil(form.column(of: CellKey(table: "applications", row: "denied_other", column: "natural")))

        // forms: the new form is listed beside the shipped ones, with its new row.
        let listing = try run(["forms", "2030", "--ids"], forms: forms, in: folder)
        XCTAssertEqual(listing.status, 0, listing.standardError)
        XCTAssertTrue(listing.standardOutput.hasPrefix("2030\t政府信息公开工作年度报告格式（2030年试行）\treports for 2030 on\n"), listing.standardOutput)
        XCTAssertTrue(listing.standardOutput.contains("row\tapplications.denied_other\t三、本年度办理结果 › （三）不予公开 › 9.其他不予公开情形\n"), listing.standardOutput)

        // template: the new row is in the workbook, with its defined name.
        let template = try run(["template", "--form", "2030", "-o", "t.xlsx"], forms: forms, in: folder)
        XCTAssertEqual(template.status, 0, template.standardError)
        let cells = try run(["cells", "t.xlsx"], forms: forms, in: folder)
        XCTAssertTrue(cells.standardOutput.contains("\tstring\t9.其他不予公开情形\t"), "the new row's label is in the template")

        // JSON → XLSX → JSON and JSON → TXT → JSON keep every value, the new row's too.
        let original = report(form)
        try Data(ReportJSON.encode(original).utf8).write(to: folder.appendingPathComponent("r.json"))
        for (kind, steps) in [("xlsx", ["r.json", "r.xlsx"]), ("txt", ["r.json", "r.txt"]), ("md", ["r.json", "r.md"])] {
            let out = try run(["convert"] + steps, forms: forms, in: folder)
            XCTAssertEqual(out.status, 0, "\(kind): \(out.standardError)")
            let back = try run(["convert", steps[1], "back-\(kind).json"], forms: forms, in: folder)
            XCTAssertEqual(back.status, 0, "\(kind): \(back.standardError)")
            let json = try String(contentsOf: folder.appendingPathComponent("back-\(kind).json"), encoding: .utf8)
            XCTAssertTrue(json.contains("\"form\": \"2030\""), "\(kind): \(json.prefix(200))")
            let reread = try ReportJSON.decode(Data(json.utf8), file: "back", forms: loaded.forms).report
            XCTAssertEqual(reread.values, original.values, "every value survives \(kind)")
            XCTAssertEqual(reread["applications", "denied_other", "natural"], 3)
        }

        // check: the changed rule counts the new row (22 terms, not 21), and so does the row total.
        let passing = try run(["check", "--rules", "r.json"], forms: forms, in: folder)
        XCTAssertEqual(passing.status, 0, passing.standardOutput + passing.standardError)
        var broken = original
        broken["applications", "denied_other", "natural"] = 4
        try Data(ReportJSON.encode(broken).utf8).write(to: folder.appendingPathComponent("broken.json"))
        let failing = try run(["check", "broken.json"], forms: forms, in: folder)
        XCTAssertEqual(failing.status, 1)
        XCTAssertTrue(failing.standardOutput.hasSuffix("""
            error: broken.json: tables.applications.results_total.natural: 三、收到和处理政府信息公开申请情况: 三(七)总计 = 三(一) + … + 三(六) fails in column 自然人: 5 ≠ 6 (sum of 22 cells) [applications.results_total]
            error: broken.json: tables.applications.denied_other.total: 三、收到和处理政府信息公开申请情况: 总计 = 自然人 + 法人或其他组织 fails in row 三、本年度办理结果›（三）不予公开›9.其他不予公开情形: 3 ≠ 4 + 0 + 0 + 0 + 0 + 0 [applications.row_total]

            """), failing.standardOutput)

        // A broken form file is named, and nothing runs on a half-known catalogue.
        try Data("{\"id\": \"2031\"}".utf8).write(to: formFile)
        let bad = try run(["forms"], forms: forms, in: folder)
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.standardError.hasPrefix("error: form definition \(formFile.path): "), bad.standardError)
    }
}
