import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import ReportBatch
import ReportFormats
import ReportModel
import ReportServer
import TestSupport
import XCTest
import XLSX

/// Every route of `xxgk serve`, through HummingbirdTesting's router client.
final class ServerTests: XCTestCase {
    func testCreateRoundListsItAndEveryDepartmentIsMissing() async throws {
        let app = Application(router: try makeServer().router())
        try await app.test(.router) { client in
            let id = try await client.createRound(departments: ["区教育局", "区财政局", " 区教育局 ", ""])
            XCTAssertEqual(id, 1)
            let round = try await client.roundJSON(id)
            XCTAssertEqual(round["name"] as? String, "2024年度报告")
            XCTAssertEqual(round["form"] as? String, "2021")
            XCTAssertEqual(round["year"] as? Int, 2024)
            XCTAssertEqual(round["district"] as? String, "合计")
            let awaited1 = try await client.statuses(id)
            XCTAssertEqual(awaited1, ["区教育局": "missing", "区财政局": "missing"])
            let list = try ServerFixtures.object(try await client.execute(uri: "/api/rounds", method: .get))
            XCTAssertEqual((list["rounds"] as? [[String: Any]])?.map { $0["id"] as? Int }, [1])

            let wrongForm = try await client.execute(
                uri: "/api/rounds", method: .post, headers: ServerFixtures.headers(contentType: "application/json"),
                body: try ServerFixtures.json(["name": "x", "form": "2030", "year": 2024, "departments": []]))
            XCTAssertEqual(wrongForm.status, .badRequest)
            XCTAssertEqual(try ServerFixtures.object(wrongForm)["error"] as? String, "未知的表格版本“2030”；可选：2019、2021")
            let wrongYear = try await client.execute(
                uri: "/api/rounds", method: .post, headers: ServerFixtures.headers(contentType: "application/json"),
                body: try ServerFixtures.json(["name": "x", "form": "2019", "year": 2024]))
            XCTAssertEqual(try ServerFixtures.object(wrongYear)["error"] as? String, "2019 版表格用于 2019–2020 年的报告，不能用于 2024 年")
            let missing = try await client.execute(uri: "/api/rounds/99", method: .get)
            XCTAssertEqual(missing.status, .notFound)
            XCTAssertEqual(try ServerFixtures.object(missing)["error"] as? String, "没有这个填报批次")
        }
    }

    func testUploadGivesEachDepartmentItsStatus() async throws {
        let good = ServerFixtures.report(agency: "区教育局", seed: 1)
        let faulty = ServerFixtures.faulty(ServerFixtures.report(agency: "区财政局", seed: 2))
        let twice = ServerFixtures.report(agency: "区民政局", seed: 3)
        let stranger = ServerFixtures.report(agency: "区档案馆", seed: 4)
        let files: [(name: String, data: Data)] = [
            ("教育局.xlsx", try ServerFixtures.bytes(good)),
            ("财政局.json", try ServerFixtures.bytes(faulty, kind: "json")),
            ("区卫健委2024年报.xlsx", ServerFixtures.garbage(seed: 5)),
            ("民政局.xlsx", try ServerFixtures.bytes(twice)),
            ("民政局（修改）.txt", try ServerFixtures.bytes(twice, kind: "txt")),
            ("档案馆.xlsx", try ServerFixtures.bytes(stranger)),
            ("不知是谁.xlsx", ServerFixtures.garbage(seed: 6)),
        ]
        let app = Application(router: try makeServer().router())
        try await app.test(.router) { client in
            let id = try await client.createRound(departments: ["区教育局", "区财政局", "区卫健委", "区民政局", "区司法局"])
            let response = try await client.upload(files, round: id)
            XCTAssertEqual(response.status, .created)
            let results = try ServerFixtures.object(response)["results"] as? [[String: Any]] ?? []
            XCTAssertEqual(results.map { $0["file"] as? String }, files.map(\.name))
            XCTAssertEqual(results.map { $0["status"] as? String }, ["passed", "failed", "unreadable", "passed", "passed", "passed", "unreadable"])
            XCTAssertEqual(results.map { $0["department"] as? String }, ["区教育局", "区财政局", "区卫健委", "区民政局", "区民政局", "区档案馆", nil])

            let awaited2 = try await client.statuses(id)
            XCTAssertEqual(awaited2, [
                "区教育局": "passed", "区财政局": "failed", "区卫健委": "unreadable", "区民政局": "duplicate", "区司法局": "missing",
            ])
            let round = try await client.roundJSON(id)
            XCTAssertEqual(round["counts"] as? [String: Int], ["missing": 1, "passed": 1, "failed": 1, "unreadable": 1, "duplicate": 1])
            let unexpected = round["unexpected"] as? [[String: Any]] ?? []
            XCTAssertEqual(unexpected.map { $0["name"] as? String }, ["区档案馆"])
            XCTAssertEqual(unexpected.map { $0["status"] as? String }, ["passed"])
            let unmatched = round["unmatched"] as? [[String: Any]] ?? []
            XCTAssertEqual(unmatched.map { $0["file"] as? String }, ["不知是谁.xlsx"])
            // Key figures as the form lists them, from the report itself.
            let education = (round["departments"] as? [[String: Any]])?.first
            let figures = (education?["figures"] as? [[String: Any]] ?? []).map { $0["label"] as? String }
            XCTAssertEqual(figures, ServerFixtures.form2021.keyFigures.map(\.label))
            let firstValue = (education?["figures"] as? [[String: Any]])?.first?["value"] as? NSNumber
            XCTAssertEqual(firstValue?.decimalValue, good[ServerFixtures.form2021.keyFigures[0].cell])
        }
    }

    func testSubmissionShowsFindingsWithPlacesAndMarksTheCells() async throws {
        let faulty = ServerFixtures.faulty(ServerFixtures.report(agency: "区财政局", seed: 2))
        let data = try ServerFixtures.bytes(faulty)
        let expected = CheckResult(data: data, file: "财政局.xlsx")
        // One input raised breaks 一 + 二 = 三(七) + 四 in its column and in 总计.
        XCTAssertEqual(expected.errorCount, 2)
        let app = Application(router: try makeServer().router())
        try await app.test(.router) { client in
            let id = try await client.createRound(departments: ["区财政局"])
            let uploaded = try ServerFixtures.object(try await client.upload([("财政局.xlsx", data), ("乱码.xlsx", ServerFixtures.garbage(seed: 9))], round: id))
            let ids = (uploaded["results"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            XCTAssertEqual(ids, [1, 2])

            let detail = try ServerFixtures.object(try await client.execute(uri: "/api/rounds/\(id)/submissions/1", method: .get))
            XCTAssertEqual(detail["status"] as? String, "failed")
            XCTAssertEqual(detail["errors"] as? Int, 2)
            XCTAssertEqual(detail["department"] as? String, "区财政局")
            XCTAssertEqual(detail["sha256"] as? String, try ServerFixtures.sha256(data))
            let findings = detail["findings"] as? [[String: Any]] ?? []
            let errors = findings.filter { $0["severity"] as? String == "error" }
            guard let loaded = expected.loaded else { return XCTFail("the faulty report should be read") }
            let expectedErrors = expected.findings.filter { $0.severity == .error }
            XCTAssertEqual(errors.count, 2)
            XCTAssertEqual(errors.map { $0["rule"] as? String }, ["applications.balance", "applications.balance"])
            XCTAssertEqual(errors.map { $0["message"] as? String }, expectedErrors.map(\.message))
            XCTAssertEqual(errors.map { $0["place"] as? String },
                           expectedErrors.map { FindingPlaces.diagnostic(for: $0, in: loaded, file: "x").location?.description })
            XCTAssertTrue(errors.allSatisfy { ($0["place"] as? String ?? "").hasPrefix("sheet 三、收到和处理政府信息公开申请情况, cell ") })
            XCTAssertEqual(errors.map { $0["cells"] as? [String] ?? [] }, expectedErrors.map { $0.cells.map(\.description) })

            let page = ServerFixtures.text(try await client.execute(uri: "/rounds/\(id)/submissions/1", method: .get))
            for finding in expectedErrors {
                XCTAssertTrue(page.contains(finding.message.htmlEscaped), "the finding is listed")
                for cell in finding.cells {
                    XCTAssertTrue(page.contains("<td class=\"n bad\" title=\"") && page.contains("data-cell=\"\(cell.description)\""), "cell \(cell) shown")
                }
            }
            let marked = page.components(separatedBy: "class=\"n bad\"").count - 1
            XCTAssertEqual(marked, Set(expectedErrors.flatMap(\.cells)).count, "every cell of the failing rules is marked, and no other")

            let original = try await client.execute(uri: "/api/rounds/\(id)/submissions/1/file", method: .get)
            XCTAssertEqual(ServerFixtures.data(original), data)
            XCTAssertEqual(original.headers[.contentDisposition], "attachment; filename=\"___.xlsx\"; filename*=UTF-8''%E8%B4%A2%E6%94%BF%E5%B1%80.xlsx")
            let feedback = try await client.execute(uri: "/api/rounds/\(id)/submissions/1/feedback.xlsx", method: .get)
            XCTAssertEqual(feedback.status, .ok)
            let reread = CheckResult(data: ServerFixtures.data(feedback), file: "feedback.xlsx")
            XCTAssertEqual(reread.loaded?.report, expected.loaded?.report, "the feedback workbook holds the department's report")
            let noFeedback = try await client.execute(uri: "/api/rounds/\(id)/submissions/2/feedback.xlsx", method: .get)
            XCTAssertEqual(noFeedback.status, .notFound)
            XCTAssertEqual(try ServerFixtures.object(noFeedback)["error"] as? String, "这份文件无法读取，没有可返回的报表")
            let unreadable = try ServerFixtures.object(try await client.execute(uri: "/api/rounds/\(id)/submissions/2", method: .get))
            XCTAssertEqual(unreadable["status"] as? String, "unreadable")
            XCTAssertEqual(((unreadable["findings"] as? [[String: Any]])?.first?["message"] as? String),
                           CheckResult(data: ServerFixtures.garbage(seed: 9), file: "乱码.xlsx").failure?.first?.message)
            let wrongRound = try await client.execute(uri: "/api/rounds/\(id + 1)/submissions/1", method: .get)
            XCTAssertEqual(wrongRound.status, .notFound)
        }
    }

    func testResubmissionReplacesTheCurrentFileAndKeepsTheHistory() async throws {
        let good = ServerFixtures.report(agency: "区财政局", seed: 2)
        let app = Application(router: try makeServer().router())
        try await app.test(.router) { client in
            let id = try await client.createRound(departments: ["区财政局"])
            _ = try await client.upload([("财政局.xlsx", try ServerFixtures.bytes(ServerFixtures.faulty(good)))], round: id)
            let awaited3 = try await client.statuses(id)
            XCTAssertEqual(awaited3, ["区财政局": "failed"])
            _ = try await client.upload([("财政局-改.xlsx", try ServerFixtures.bytes(good))], round: id)
            let awaited4 = try await client.statuses(id)
            XCTAssertEqual(awaited4, ["区财政局": "passed"])
            let first = try ServerFixtures.object(try await client.execute(uri: "/api/rounds/\(id)/submissions/1", method: .get))
            XCTAssertEqual(first["superseded_by"] as? Int, 2)
            let line = (try await client.roundJSON(id)["departments"] as? [[String: Any]])?.first
            XCTAssertEqual(line?["submissions"] as? [Int], [2])
            XCTAssertEqual(line?["file"] as? String, "财政局-改.xlsx")
            let page = ServerFixtures.text(try await client.execute(uri: "/rounds/\(id)/submissions/2", method: .get))
            XCTAssertTrue(page.contains("本部门的提交记录") && page.contains("财政局.xlsx") && page.contains("已替换"))
        }
    }

    func testSummaryAndTotalAreWhatTheCommandLineGives() async throws {
        let folder = try makeTemporaryDirectory("server")
        let departments = (1...6).map { "区第\($0)局" }
        var made: [(name: String, data: Data)] = []
        for (index, name) in departments.enumerated() {
            var report = ServerFixtures.report(agency: name, seed: UInt64(100 + index))
            if index == 2 { report = ServerFixtures.faulty(report) }
            made.append(("\(index + 1)-\(name).xlsx", try ServerFixtures.bytes(report)))
        }
        made.append(("7-坏文件.xlsx", ServerFixtures.garbage(seed: 7)))
        let files = made
        for file in files { try file.data.write(to: folder.appendingPathComponent(file.name)) }
        let app = Application(router: try makeServer().router())
        try await app.test(.router) { client in
            let id = try await client.createRound(departments: departments, district: "某区人民政府")
            let awaited5 = try await client.upload(files, round: id).status
            XCTAssertEqual(awaited5, .created)

            // The same files through the command line, named as uploaded.
            let names = files.map(\.name)
            let check = try ExternalProgram.capture(BuiltBinary.xxgk.path, ["check", "--summary", "cli-summary.xlsx"] + names, in: folder)
            XCTAssertEqual(check.status, 2, "one input is unreadable")
            let passing = names.enumerated().filter { $0.offset != 2 && $0.offset != 6 }.map(\.element)
            for kind in ["json", "txt", "xlsx"] {
                let sum = try ExternalProgram.capture(BuiltBinary.xxgk.path, ["sum", "--agency", "某区人民政府", "-o", "cli-total.\(kind)"] + passing, in: folder)
                XCTAssertEqual(sum.status, 0, String(decoding: sum.standardError, as: UTF8.self))
            }

            let summary = try await client.execute(uri: "/api/rounds/\(id)/summary.xlsx", method: .get)
            XCTAssertEqual(summary.status, .ok)
            XCTAssertEqual(try ServerFixtures.cells(ServerFixtures.data(summary)), try ServerFixtures.cells(Data(contentsOf: folder.appendingPathComponent("cli-summary.xlsx"))))
            let csv = try await client.execute(uri: "/api/rounds/\(id)/summary.csv", method: .get)
            let cliCSV = try ExternalProgram.capture(BuiltBinary.xxgk.path, ["check", "--summary", "cli-summary.csv"] + names, in: folder)
            XCTAssertEqual(cliCSV.status, 2)
            XCTAssertEqual(ServerFixtures.data(csv), try Data(contentsOf: folder.appendingPathComponent("cli-summary.csv")))

            for kind in ["json", "txt"] {
                let total = try await client.execute(uri: "/api/rounds/\(id)/total.\(kind)", method: .get)
                XCTAssertEqual(total.status, .ok)
                XCTAssertEqual(ServerFixtures.text(total), try String(contentsOf: folder.appendingPathComponent("cli-total.\(kind)"), encoding: .utf8), kind)
            }
            let workbook = try await client.execute(uri: "/api/rounds/\(id)/total.xlsx", method: .get)
            XCTAssertEqual(try ServerFixtures.cells(ServerFixtures.data(workbook)), try ServerFixtures.cells(Data(contentsOf: folder.appendingPathComponent("cli-total.xlsx"))))
            let total = CheckResult(data: ServerFixtures.data(workbook), file: "total.xlsx").loaded?.report
            XCTAssertEqual(total?.agency, "某区人民政府")
            XCTAssertEqual(total?[ServerFixtures.form2021.keyFigures[0].cell],
                           passing.compactMap { name in files.first { $0.name == name } }.compactMap {
                               CheckResult(data: $0.data, file: $0.name).loaded?.report[ServerFixtures.form2021.keyFigures[0].cell]
                           }.reduce(0, +))
            let awaited6 = try await client.execute(uri: "/api/rounds/\(id)/total.pdf", method: .get).status
            XCTAssertEqual(awaited6, .notFound)
        }
    }

    func testARestartBetweenUploadAndDownloadLosesNothing() async throws {
        let folder = try makeTemporaryDirectory("server")
        let files = try (1...4).map { ("\($0).xlsx", try ServerFixtures.bytes(ServerFixtures.report(agency: "区第\($0)局", seed: UInt64(40 + $0)))) }
        let before = try makeServer(folder: folder)
        let (id, statuses, summary) = try await Application(router: before.router()).test(.router) { client in
            let id = try await client.createRound(departments: (1...5).map { "区第\($0)局" })
            _ = try await client.upload(files, round: id)
            let summary = ServerFixtures.data(try await client.execute(uri: "/api/rounds/\(id)/summary.csv", method: .get))
            return (id, try await client.statuses(id), summary)
        }
        try before.close()

        let after = try makeServer(folder: folder)
        try await Application(router: after.router()).test(.router) { client in
            let awaited7 = try await client.statuses(id)
            XCTAssertEqual(awaited7, statuses)
            XCTAssertEqual(statuses.values.sorted(), ["missing", "passed", "passed", "passed", "passed"])
            let awaited8 = ServerFixtures.data(try await client.execute(uri: "/api/rounds/\(id)/summary.csv", method: .get))
            XCTAssertEqual(awaited8, summary)
            let original = try await client.execute(uri: "/api/rounds/\(id)/submissions/3/file", method: .get)
            XCTAssertEqual(ServerFixtures.data(original), files[2].1)
            let total = try await client.execute(uri: "/api/rounds/\(id)/total.json", method: .get)
            let reports = files.compactMap { CheckResult(data: $0.1, file: $0.0).loaded?.report }
            XCTAssertEqual(ServerFixtures.text(total), ReportJSON.encode(try Report.sum(reports, sources: files.map(\.0), agency: "合计")))
        }
        // Uploads are kept under generated names, never the client's.
        let stored = try FileManager.default.subpathsOfDirectory(atPath: folder.appendingPathComponent("files").path).filter { $0.hasSuffix(".upload") }
        XCTAssertEqual(stored.count, 4)
        XCTAssertFalse(stored.contains { $0.contains("xlsx") })
    }

    func testTwentyConcurrentUploadsOfFifteenFilesLoseNothing() async throws {
        let departments = (0..<300).map { "测试单位\($0)" }
        let files = try departments.enumerated().map { index, name in
            (name: "\(name).xlsx", data: try ServerFixtures.bytes(ServerFixtures.report(agency: name, seed: UInt64(1000 + index))))
        }
        let app = Application(router: try makeServer().router())
        try await app.test(.router) { client in
            let id = try await client.createRound(departments: departments)
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for batch in 0..<20 {
                    let slice = Array(files[(batch * 15)..<(batch * 15 + 15)])
                    group.addTask {
                        let response = try await client.upload(slice, round: id)
                        XCTAssertEqual(response.status, .created)
                        return (try ServerFixtures.object(response)["results"] as? [Any])?.count ?? 0
                    }
                }
                return try await group.reduce(0, +)
            }
            XCTAssertEqual(counts, 300)
            let round = try await client.roundJSON(id)
            let lines = round["departments"] as? [[String: Any]] ?? []
            XCTAssertEqual(lines.count, 300)
            XCTAssertEqual(lines.filter { $0["status"] as? String == "passed" }.count, 300)
            XCTAssertEqual(Set(lines.compactMap { $0["submission"] as? Int }).count, 300)
            XCTAssertEqual(round["counts"] as? [String: Int], ["missing": 0, "passed": 300, "failed": 0, "unreadable": 0, "duplicate": 0])
            let page = ServerFixtures.text(try await client.execute(uri: "/rounds/\(id)", method: .get))
            XCTAssertEqual(page.components(separatedBy: "<tr data-status=\"passed\">").count - 1, 300)
        }
    }

    func testSizeLimitsAnswer413InChinese() async throws {
        let app = Application(router: try makeServer(maximumFileBytes: 4000, maximumRequestBytes: 10000).router())
        try await app.test(.router) { client in
            let id = try await client.createRound(departments: ["区财政局"])
            let big = try await client.upload([("大.xlsx", ServerFixtures.garbage(seed: 1, count: 5000))], round: id)
            XCTAssertEqual(big.status, .contentTooLarge)
            XCTAssertEqual(try ServerFixtures.object(big)["error"] as? String, "文件“大.xlsx”超过单个文件 0 MB 的上限，未保存任何文件")
            let many = try await client.upload((1...4).map { ("\($0).xlsx", ServerFixtures.garbage(seed: UInt64($0), count: 3000)) }, round: id)
            XCTAssertEqual(many.status, .contentTooLarge)
            XCTAssertEqual(try ServerFixtures.object(many)["error"] as? String, "上传内容超过单次 0 MB 的上限，请分批上传")
            let round = try await client.roundJSON(id)
            XCTAssertEqual((round["unmatched"] as? [Any])?.count, 0, "nothing stored")
            let awaited9 = try await client.upload([("小.xlsx", ServerFixtures.garbage(seed: 1, count: 3000))], round: id).status
            XCTAssertEqual(awaited9, .created)
        }
    }

    func testPasswordGuardsEveryPageAndCall() async throws {
        let app = Application(router: try makeServer(password: "秘密-123", host: "0.0.0.0").router())
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/", method: .get)
            XCTAssertEqual(page.status, .seeOther)
            XCTAssertEqual(page.headers[.location], "/login")
            for uri in ["/api/rounds", "/api/rounds/1", "/api/rounds/1/summary.xlsx"] {
                let api = try await client.execute(uri: uri, method: .get)
                XCTAssertEqual(api.status, .unauthorized, uri)
                XCTAssertEqual(try ServerFixtures.object(api)["error"] as? String, "需要访问密码（登录，或在 Authorization: Bearer 中给出）")
            }
            let upload = try await client.upload([("a.xlsx", Data("x".utf8))], round: 1)
            XCTAssertEqual(upload.status, .unauthorized)
            let awaited10 = try await client.execute(uri: "/login", method: .get).status
            XCTAssertEqual(awaited10, .ok)

            let bearer = try await client.execute(uri: "/api/rounds", method: .get, headers: [.authorization: "Bearer 秘密-123"])
            XCTAssertEqual(bearer.status, .ok)
            let wrongBearer = try await client.execute(uri: "/api/rounds", method: .get, headers: [.authorization: "Bearer 秘密-124"])
            XCTAssertEqual(wrongBearer.status, .unauthorized)

            let form = ServerFixtures.headers(contentType: "application/x-www-form-urlencoded")
            let wrong = try await client.execute(uri: "/login", method: .post, headers: form, body: ByteBuffer(string: "password=nope"))
            XCTAssertEqual(wrong.status, .unauthorized)
            let right = try await client.execute(uri: "/login", method: .post, headers: form, body: ByteBuffer(string: "password=%E7%A7%98%E5%AF%86-123"))
            XCTAssertEqual(right.status, .seeOther)
            let cookie = right.headers[.setCookie] ?? ""
            XCTAssertTrue(cookie.hasSuffix("; Path=/; HttpOnly; SameSite=Strict"), cookie)
            let session = String(cookie.prefix { $0 != ";" })
            let withCookie = try await client.execute(uri: "/", method: .get, headers: [.cookie: session])
            XCTAssertEqual(withCookie.status, .ok)
            XCTAssertTrue(ServerFixtures.text(withCookie).contains("新建填报批次"))
            let forged = try await client.execute(uri: "/", method: .get, headers: [.cookie: "xxgk_session=0123"])
            XCTAssertEqual(forged.status, .seeOther)
            _ = try await client.execute(uri: "/logout", method: .post, headers: [.cookie: session])
            let awaited11 = try await client.execute(uri: "/", method: .get, headers: [.cookie: session]).status
            XCTAssertEqual(awaited11, .seeOther)
        }
    }

    func testALoginSurvivesARestartButNotANewPassword() async throws {
        let folder = try makeTemporaryDirectory("sessions")
        let form = ServerFixtures.headers(contentType: "application/x-www-form-urlencoded")
        let first = try makeServer(folder: folder, password: "pw-1", host: "0.0.0.0")
        let session = try await Application(router: first.router()).test(.router) { client in
            let login = try await client.execute(uri: "/login", method: .post, headers: form, body: ByteBuffer(string: "password=pw-1"))
            return String((login.headers[.setCookie] ?? "").prefix { $0 != ";" })
        }
        try first.close()
        XCTAssertTrue(session.hasPrefix("xxgk_session="), session)

        let restarted = try makeServer(folder: folder, password: "pw-1", host: "0.0.0.0")
        try await Application(router: restarted.router()).test(.router) { client in
            let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: session])
            XCTAssertEqual(page.status, .ok, "the session outlives the restart")
        }
        try restarted.close()

        let newPassword = try makeServer(folder: folder, password: "pw-2", host: "0.0.0.0")
        try await Application(router: newPassword.router()).test(.router) { client in
            let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: session])
            XCTAssertEqual(page.status, .seeOther, "a new password ends the old sessions")
        }
    }

    func testCrossSiteRequestsAndForeignHostsAreRefused() async throws {
        let app = Application(router: try makeServer().router())
        try await app.test(.router) { client in
            let body = try ServerFixtures.json(["name": "x", "year": 2024, "departments": ["a"]])
            let evil = try await client.execute(
                uri: "/api/rounds", method: .post,
                headers: ServerFixtures.headers(contentType: "application/json", extra: [(.origin, "http://evil.example")]), body: body)
            XCTAssertEqual(evil.status, .forbidden)
            XCTAssertEqual(try ServerFixtures.object(evil)["error"] as? String, "拒绝来自其他网站的请求（Origin: http://evil.example）")
            let page = try await client.execute(
                uri: "/rounds", method: .post,
                headers: ServerFixtures.headers(contentType: "multipart/form-data; boundary=x", extra: [(.referer, "http://evil.example/page")]),
                body: ByteBuffer(string: "--x--"))
            XCTAssertEqual(page.status, .forbidden)
            XCTAssertTrue(ServerFixtures.text(page).contains("拒绝来自其他网站的请求"))
            let same = try await client.execute(
                uri: "/api/rounds", method: .post,
                headers: ServerFixtures.headers(contentType: "application/json", extra: [(.origin, "http://localhost")]), body: body)
            XCTAssertEqual(same.status, .created)
        }
    }

    func testALiveServerRefusesAForeignHostHeader() async throws {
        let server = try makeServer()
        try await server.application().test(.live) { client in
            let awaited12 = try await client.execute(uri: "/api/rounds", method: .get).status
            XCTAssertEqual(awaited12, .ok)
            guard let port = client.port else { return XCTFail("a live server has a port") }
            // A DNS-rebinding page reaches 127.0.0.1 under its own name: the Host header tells.
            let script = """
                import socket, sys
                s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
                s.sendall(("GET /api/rounds HTTP/1.1\\r\\nHost: " + sys.argv[2] + "\\r\\nConnection: close\\r\\n\\r\\n").encode())
                data = b""
                while True:
                    chunk = s.recv(65536)
                    if not chunk: break
                    data += chunk
                print(data.split(b"\\r\\n")[0].decode())
                """
            for (host, status) in [("evil.example:\(port)", "HTTP/1.1 403 Forbidden"), ("127.0.0.1:\(port)", "HTTP/1.1 200 OK"), ("localhost:\(port)", "HTTP/1.1 200 OK")] {
                let output = try ExternalProgram.run("python3", ["-c", script, String(port), host])
                XCTAssertEqual(String(decoding: output, as: UTF8.self), status + "\n", host)
            }
        }
    }

    func testPagesEscapeUploadedTextAndWorkWithoutTheScript() async throws {
        let hostile = "<script>alert(1)</script>局"
        let report = ServerFixtures.report(agency: hostile, seed: 11)
        let failed = ServerFixtures.faulty(ServerFixtures.report(agency: "区财政局", seed: 12))
        // The department list from a workbook's first column, with a header cell.
        let listFolder = try makeTemporaryDirectory("server")
        let listPath = listFolder.appendingPathComponent("名单.xlsx").path
        let workbook = try XLSXWorkbook(path: listPath)
        let sheet = try workbook.addSheet(named: "名单")
        for (row, name) in ["单位名称", "区财政局", "区教育局"].enumerated() {
            try sheet.write(string: name, at: CellReference(row: row, column: 0))
            try sheet.write(string: "备注", at: CellReference(row: row, column: 1))
        }
        try workbook.close()
        let list = try Data(contentsOf: URL(fileURLWithPath: listPath))
        let app = Application(router: try makeServer().router())
        try await app.test(.router) { client in
            let (body, contentType) = ServerFixtures.multipart(
                files: [("名单.xlsx", list)],
                fields: [("name", "测试<b>批次</b>"), ("form", "2021"), ("year", "2024"), ("departments", "\(hostile)\r\n区教育局"), ("district", "")],
                fileField: "departments_file")
            let created = try await client.execute(uri: "/rounds", method: .post, headers: ServerFixtures.headers(contentType: contentType), body: body)
            XCTAssertEqual(created.status, .seeOther)
            XCTAssertEqual(created.headers[.location], "/rounds/1")
            let awaited13 = try await client.statuses(1)
            XCTAssertEqual(awaited13, [hostile: "missing", "区财政局": "missing", "区教育局": "missing"])

            let (upload, uploadType) = ServerFixtures.multipart(files: [
                ("<img src=x onerror=alert(1)>.xlsx", try ServerFixtures.bytes(report)), ("财政局.xlsx", try ServerFixtures.bytes(failed)),
            ])
            let posted = try await client.execute(uri: "/rounds/1/upload", method: .post, headers: ServerFixtures.headers(contentType: uploadType), body: upload)
            XCTAssertEqual(posted.status, .seeOther)
            XCTAssertEqual(posted.headers[.location], "/rounds/1?uploaded=2")

            let page = ServerFixtures.text(try await client.execute(uri: "/rounds/1?uploaded=2", method: .get))
            XCTAssertTrue(page.contains("已收到并校验 2 个文件。"))
            XCTAssertFalse(page.contains("<script>alert"), "no upload text unescaped")
            XCTAssertFalse(page.contains("<img src=x"))
            XCTAssertFalse(page.contains("<b>批次"))
            XCTAssertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;局"))
            XCTAssertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;.xlsx"))
            XCTAssertFalse(page.contains("http://") || page.contains("https://"), "nothing loaded from elsewhere")

            let filtered = ServerFixtures.text(try await client.execute(uri: "/rounds/1?status=failed", method: .get))
            XCTAssertEqual(filtered.components(separatedBy: "<tr data-status=").count - 1, 1)
            XCTAssertTrue(filtered.contains("<tr data-status=\"failed\">"))
            let sorted = ServerFixtures.text(try await client.execute(uri: "/rounds/1?sort=status&order=asc", method: .get))
            let order = ["failed", "missing", "passed"].map { sorted.range(of: "<tr data-status=\"\($0)\">")?.lowerBound }
            XCTAssertEqual(order.compactMap { $0 }.count, 3)
            XCTAssertEqual(order.compactMap { $0 }, order.compactMap { $0 }.sorted())
            let index = ServerFixtures.text(try await client.execute(uri: "/", method: .get))
            XCTAssertTrue(index.contains("测试&lt;b&gt;批次&lt;/b&gt;"))
            let submission = ServerFixtures.text(try await client.execute(uri: "/rounds/1/submissions/1", method: .get))
            XCTAssertFalse(submission.contains("<script>alert") || submission.contains("<img src=x"))
        }
    }

    func testTemplatesOnePerDepartmentAndAllAsZip() async throws {
        let folder = try makeTemporaryDirectory("server")
        let app = Application(router: try makeServer().router())
        try await app.test(.router) { client in
            let id = try await client.createRound(departments: ["区教育局", "区/财政局"])
            let one = try await client.execute(uri: "/api/rounds/\(id)/template.xlsx?department=0", method: .get)
            XCTAssertEqual(one.status, .ok)
            let strings = try ServerFixtures.strings(ServerFixtures.data(one))
            XCTAssertTrue(strings.contains { $0.contains("区教育局") }, "the department on the cover")
            let awaited14 = try await client.execute(uri: "/api/rounds/\(id)/template.xlsx?department=5", method: .get).status
            XCTAssertEqual(awaited14, .notFound)
            let blank = try await client.execute(uri: "/api/rounds/\(id)/template.xlsx", method: .get)
            XCTAssertFalse(try ServerFixtures.strings(ServerFixtures.data(blank)).contains { $0.contains("区教育局") })

            let zip = try await client.execute(uri: "/api/rounds/\(id)/templates.zip", method: .get)
            XCTAssertEqual(zip.status, .ok)
            let zipPath = folder.appendingPathComponent("t.zip")
            try ServerFixtures.data(zip).write(to: zipPath)
            let listing = try ExternalProgram.run("python3", ["-c", "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); [print(i.filename, i.flag_bits & 0x800, len(z.read(i))>1000) for i in z.infolist()]", zipPath.path])
            XCTAssertEqual(String(decoding: listing, as: UTF8.self), "区教育局-2024年报表.xlsx 2048 True\n区_财政局-2024年报表.xlsx 2048 True\n")
        }
    }

    func testCarryOverAgainstLastYearsRound() async throws {
        let folder = try makeTemporaryDirectory("server")
        let last = ServerFixtures.report(agency: "区财政局", year: 2023, seed: 21)
        let this = ServerFixtures.report(agency: "区财政局", year: 2024, seed: 22)
        let lastData = try ServerFixtures.bytes(last)
        let thisData = try ServerFixtures.bytes(this)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("last"), withIntermediateDirectories: true)
        try lastData.write(to: folder.appendingPathComponent("last/财政局2023.xlsx"))
        try thisData.write(to: folder.appendingPathComponent("财政局.xlsx"))
        let app = Application(router: try makeServer().router())
        try await app.test(.router) { client in
            let previous = try await client.createRound(name: "2023年度", year: 2023, departments: ["区财政局"])
            _ = try await client.upload([("财政局2023.xlsx", lastData)], round: previous)
            let id = try await client.createRound(departments: ["区财政局"], previous: previous)
            let results = try ServerFixtures.object(try await client.upload([("财政局.xlsx", thisData)], round: id))["results"] as? [[String: Any]]
            let findings = results?.first?["findings"] as? [[String: Any]] ?? []
            var expected = [CheckResult(data: thisData, file: "财政局.xlsx")]
            YearToYear.compare(&expected, with: [CheckResult(data: lastData, file: "财政局2023.xlsx")])
            let carryOver = expected[0].findings.filter { $0.rule == "report.carry_over" }
            XCTAssertFalse(carryOver.isEmpty, "the seeds give differing carry-overs")
            XCTAssertEqual(findings.filter { $0["rule"] as? String == "report.carry_over" }.map { $0["message"] as? String }, carryOver.map(\.message))
            XCTAssertEqual(results?.first?["warnings"] as? Int, expected[0].warningCount)

            let summary = try await client.execute(uri: "/api/rounds/\(id)/summary.csv", method: .get)
            let cli = try ExternalProgram.capture(BuiltBinary.xxgk.path, ["check", "--summary", "cli.csv", "--previous", "last", "财政局.xlsx"], in: folder)
            XCTAssertEqual(cli.status, 0)
            XCTAssertEqual(ServerFixtures.data(summary), try Data(contentsOf: folder.appendingPathComponent("cli.csv")))
        }
    }
}

extension ServerFixtures {
    /// Every cell of every sheet of a workbook, as text (what a reader of the file sees).
    static func cells(_ data: Data) throws -> [String] {
        let workbook = try Workbook(data: data)
        var cells: [String] = []
        for sheet in workbook.sheets {
            try workbook.forEachCell(in: sheet) { cell in cells.append("\(sheet.name)!\(cell.reference) \(cell.value.text) \(cell.formula ?? "")") }
        }
        return cells
    }

    /// Every string value of a workbook.
    static func strings(_ data: Data) throws -> [String] {
        let workbook = try Workbook(data: data)
        var strings: [String] = []
        for sheet in workbook.sheets {
            try workbook.forEachCell(in: sheet) { cell in
                if case .string(let text) = cell.value { strings.append(text) }
            }
        }
        return strings
    }

    /// The SHA-256 of `data` by `sha256sum`, the system's own.
    static func sha256(_ data: Data) throws -> String {
        let output = try ExternalProgram.capture("sha256sum", [], input: data)
        return String(String(decoding: output.standardOutput, as: UTF8.self).prefix(64))
    }
}

extension String {
    /// The text as mustache's `{{ }}` writes it.
    var htmlEscaped: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
