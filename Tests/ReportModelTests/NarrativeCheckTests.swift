import TestSupport
import XCTest
@testable import ReportModel

/// The narrative check: the figures the 正文 states, found with the phrases of the form files
/// and compared with the tables; written the ways real reports write them.
final class NarrativeCheckTests: XCTestCase {
    private func corpus(_ name: String) throws -> Report {
        let data = try Data(contentsOf: Fixtures.corpus.appendingPathComponent(name + ".json"))
        return try ReportJSON.decode(data, file: name).report
    }

    /// A 2021 report on which every rule holds: 34 received (30 自然人), 2 carried over,
    /// 20 granted + 4 partly, 10 其他, 2 carried forward; 3 reviews, 1 + 2 lawsuits.
    private func report(_ formID: String = "2021", overview: String) throws -> Report {
        let form = try XCTUnwrap(FormCatalog.form(id: formID))
        var report = Report(form: form, agency: "某局", year: form.years.first)
        let values: [(String, String, Decimal)] = [
            ("received", "natural", 30), ("received", "commercial", 4),
            ("carried_over", "natural", 2),
            ("granted", "natural", 20), ("partly_granted", "natural", 4),
            ("carried_forward", "natural", 2),
        ]
        for (row, column, value) in values { report["applications", row, column] = value }
        report["applications", formID == "2021" ? "other_misc" : "other_handling", "natural"] = 10
        report["appeals", "review", "upheld"] = 3
        report["appeals", "litigation_direct", "upheld"] = 1
        report["appeals", "litigation_after_review", "pending"] = 2
        report.computeTotals()
        report.sections = ["overview": overview]
        return report
    }

    private func stated(_ report: Report) -> [String] {
        NarrativeCheck.statedFigures(in: report).map { "\($0.figure.id)=\($0.written)" }
    }

    func testRealPhrasingsAgreeWithTheTables() throws {
        for form in ["2019", "2021"] {
            let text = """
                全年共受理政府信息公开申请34件，同比增长13.3%，其中自然人申请30件。上年结转2件。\
                办结政府信息公开申请34件，其中予以公开20件，部分公开4件，其他处理10件，结转下年度继续办理2件。\
                全年发生政府信息公开行政复议3件，行政诉讼3件，其中复议后起诉2件。
                """
            let report = try report(form, overview: text)
            XCTAssertEqual(stated(report), [
                "applications.received.total=34", "applications.received.natural=30", "applications.carried_over.total=2",
                "applications.results_total.total=34", "applications.granted.total=20", "applications.partly_granted.total=4",
                "applications.other_results=10", "applications.carried_forward.total=2",
                "appeals.review.total=3", "appeals.litigation=3", "appeals.litigation_after_review.total=2",
            ], "form \(form)")
            XCTAssertEqual(NarrativeCheck.check(report), [], "form \(form)")
        }
    }

    func testAPercentageOrAChangeIsNotACount() throws {
        let report = try report(overview: "收到政府信息公开申请同比增长20%，较去年增加12件。申请数量较上年下降5.5%。")
        XCTAssertEqual(stated(report), [])
        XCTAssertEqual(NarrativeCheck.check(report), [])
    }

    func testAMismatchNamesTheSentenceTheFigureAndTheTable() throws {
        let report = try report(overview: "2021年，本机关共收到政府信息公开申请35件，均按时答复。")
        let findings = NarrativeCheck.check(report)
        XCTAssertEqual(findings.map(\.rule), ["narrative.applications.received.total"])
        XCTAssertEqual(findings.first?.severity, .warning)
        XCTAssertEqual(findings.first?.found, 35)
        XCTAssertEqual(findings.first?.expected, 34)
        XCTAssertEqual(findings.first?.excerpt, "2021年，本机关共收到政府信息公开申请35件，均按时答复。")
        XCTAssertEqual(findings.first?.message,
            "narrative: 一、总体情况 states 一、本年新收政府信息公开申请数量 › 总计 as 35 (“2021年，本机关共收到政府信息公开申请35件，均按时答复。”), the table has 34 [narrative.applications.received.total]")
    }

    func testChineseNumeralsAreReadOrReportedNeverMisread() throws {
        XCTAssertEqual(NarrativeCheck.chineseNumeral("二十三"), 23)
        XCTAssertEqual(NarrativeCheck.chineseNumeral("十二"), 12)
        XCTAssertEqual(NarrativeCheck.chineseNumeral("一百零五"), 105)
        XCTAssertEqual(NarrativeCheck.chineseNumeral("两"), 2)
        XCTAssertEqual(NarrativeCheck.chineseNumeral("三万四千"), 34000)
        XCTAssertNil(NarrativeCheck.chineseNumeral("三三十"))
        let agrees = try report(overview: "本年度共收到政府信息公开申请三十四件。")
        XCTAssertEqual(stated(agrees), ["applications.received.total=三十四"])
        XCTAssertEqual(NarrativeCheck.check(agrees), [])
        let differs = try report(overview: "本年度共收到政府信息公开申请二十三件。")
        XCTAssertEqual(NarrativeCheck.check(differs).map { "\($0.rule) \($0.found.map(ReportJSON.format) ?? "-")" },
                       ["narrative.applications.received.total 23"])
        let malformed = try report(overview: "本年度共收到政府信息公开申请三三十件。")
        XCTAssertEqual(NarrativeCheck.check(malformed).map(\.rule), [NarrativeCheck.undeterminedRule])
    }

    func testAFigureStatedTwiceDifferentlyIsUndetermined() throws {
        let report = try report(overview: "全年共受理政府信息公开申请34件。\n（二）依申请公开情况。本年度收到政府信息公开申请40件。")
        let findings = NarrativeCheck.check(report)
        XCTAssertEqual(findings.map(\.rule), [NarrativeCheck.undeterminedRule])
        XCTAssertEqual(findings.first?.message,
            "narrative: the narrative states 一、本年新收政府信息公开申请数量 › 总计 differently: 34 (“全年共受理政府信息公开申请34件。”) and 40 (“本年度收到政府信息公开申请40件。”); not compared [narrative.undetermined]")
    }

    func testANumberTwoFiguresClaimIsUndetermined() throws {
        // 受理并办结: the number is both the received and the handled count; the phrase cannot tell.
        let report = try report(overview: "全年受理并办结政府信息公开申请34件。")
        let findings = NarrativeCheck.check(report)
        XCTAssertEqual(findings.map(\.rule), [NarrativeCheck.undeterminedRule])
        XCTAssertTrue(findings.first?.message.contains("which may be 一、本年新收政府信息公开申请数量 › 总计 or 三、本年度办理结果 › （七）总计 › 总计") == true,
                      findings.first?.message ?? "")
    }

    func testSpacesOfExtractedTextAndFullWidthDigits() throws {
        let report = try report(overview: "2021 年全区受理政府信息公开申请 ３４ 件，均在法定期限答复。")
        XCTAssertEqual(stated(report), ["applications.received.total=34"])
        XCTAssertEqual(NarrativeCheck.check(report), [])
    }

    /// The corpus: every figure its narrative states, and the two real disagreements of the
    /// 上海 2019 report (予以公开及部分公开 258 against 272 + 3 in the table; 无法提供 265, which is
    /// the first of its three rows, against 265 + 47 + 25).
    func testCorpusReports() throws {
        let expected: [String: [String]] = [
            "000_7a2d54064bc2732c": [],
            "02_hongze_quzf_2023": ["applications.received.total=21"],
            "04_shanghai_szfbgt_2019": [
                "proactive.rules.published=13", "proactive.normative_documents.published=60",
                "applications.received.total=859", "applications.results_total.total=805", "applications.carried_over.total=18",
                "applications.carried_forward.total=72", "applications.granted_and_partly_granted=258", "applications.denied=35",
                "applications.unavailable=265", "applications.rejected=158", "applications.other_results=0",
                "appeals.review.total=7", "appeals.litigation=9",
            ],
            "05_shanghai_szfbgt_2025": [
                "proactive.rules.issued=22", "proactive.normative_documents.issued=34",
                "applications.received.total=1295", "applications.results_total.total=1191", "applications.carried_over.total=189",
                "applications.granted_and_partly_granted=208", "applications.denied=20", "applications.unavailable=564",
                "applications.rejected=80", "applications.other_results=319",
            ],
            "08_pingtan_2024": ["applications.results_total.total=218", "proactive.normative_documents.issued=62"],
            "09_shuyang_fgj_2023": ["applications.received.total=26"],
        ]
        for (name, figures) in expected.sorted(by: { $0.key < $1.key }) {
            let report = try corpus(name)
            XCTAssertEqual(stated(report), figures, name)
            let findings = NarrativeCheck.check(report).map { "\($0.rule) \($0.found.map(ReportJSON.format) ?? "-")≠\($0.expected.map(ReportJSON.format) ?? "-")" }
            XCTAssertEqual(findings, name == "04_shanghai_szfbgt_2019" ? [
                "narrative.applications.granted_and_partly_granted 258≠275", "narrative.applications.unavailable 265≠337",
            ] : [], name)
        }
    }

    /// The text every match of a phrase contains, which spares the expression on paragraphs
    /// without it: outside groups and classes, not quantified, never the digits of {0,12}.
    func testTheRequiredTextOfAPhrase() {
        XCTAssertEqual(NarrativeFigure.requiredLiteral("(?:收到|受理)[^。；，]{0,12}?申请(?:共计|共)?{n}件"), "申请")
        XCTAssertEqual(NarrativeFigure.requiredLiteral("(?:主动公开|制发)[^。；]{0,20}?(?<!部门)规章{n}件"), "规章")
        XCTAssertEqual(NarrativeFigure.requiredLiteral("予以公开(?:及|和)部分公开{n}件"), "予以公开")
        XCTAssertEqual(NarrativeFigure.requiredLiteral("上年(?:度)?结转{n}件"), "上年")
        XCTAssertEqual(NarrativeFigure.requiredLiteral("行政复议案?件{n}件"), "行政复议")
        XCTAssertNil(NarrativeFigure.requiredLiteral("收到{n}件|受理{n}件"))
        XCTAssertNil(NarrativeFigure.requiredLiteral("(?:收到|受理){n}"))
    }
}
