import Foundation
import Hummingbird
import Mustache
import ReportFormats
import ReportModel

/// Renders the pages from the embedded templates.
enum Pages {
    /// The templates, parsed once.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        let templates = [
            ("head", PageTemplates.head), ("foot", PageTemplates.foot), ("message", PageTemplates.message),
            ("login", PageTemplates.login), ("index", PageTemplates.index), ("round", PageTemplates.round),
            ("row", PageTemplates.row), ("submission", PageTemplates.submission),
        ]
        for (name, text) in templates {
            // The templates are constants of this file's module; a parse error is a bug that the
            // tests of every page catch, and the page then renders as an empty string.
            try? library.register(text, named: name)
        }
        return library
    }()

    static func render(_ name: String, _ object: [String: Any]) -> String {
        library.render(object, withTemplate: name) ?? ""
    }

    /// A page with a title and one message (errors).
    static func message(title: String, message: String) -> String {
        render("message", ["title": title, "message": message])
    }
}

extension DepartmentStatus {
    /// Sort order of statuses on the page: problems first.
    var order: Int {
        switch self {
        case .unreadable: return 0
        case .duplicate: return 1
        case .failed: return 2
        case .missing: return 3
        case .passed: return 4
        }
    }
}

extension ReportServer {
    func addPages(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in try await self.indexPage() }
        router.post("rounds") { request, _ in
            let parts = try await self.formParts(request)
            func field(_ name: String) -> String? { parts.first { $0.name == name && $0.fileName == nil }?.text }
            var departments = DepartmentList.names(fromText: field("departments") ?? "")
            if let file = parts.first(where: { $0.name == "departments_file" && !$0.data.isEmpty }) {
                departments += try DepartmentList.names(fromWorkbook: file.data)
            }
            let creation = try RoundCreation(
                name: field("name") ?? "", form: field("form"), year: field("year").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
                departments: departments, previousRound: field("previous_round").flatMap { Int64($0) }, district: field("district"))
            let id = try await self.create(creation)
            return Responses.redirect(to: "/rounds/\(id)")
        }
        router.get("rounds/:round") { request, context in
            var query: [String: String] = [:]
            for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
            return try await self.roundPage(try await self.round(context), query: query)
        }
        router.post("rounds/:round/upload") { request, context in
            let round = try await self.round(context)
            let outcomes = try await self.intake.accept(try await self.uploadedFiles(request), into: round)
            return Responses.redirect(to: "/rounds/\(round.id)?uploaded=\(outcomes.count)")
        }
        router.get("rounds/:round/submissions/:submission") { _, context in
            let (round, submission) = try await self.submission(context)
            return try await self.submissionPage(round: round, submission: submission)
        }
        router.get("login") { _, _ in
            Responses.html(Pages.render("login", ["title": "登录"]))
        }
        router.post("login") { request, _ in
            guard let password = self.settings.password else { return Responses.redirect(to: "/") }
            let body = String(decoding: try await self.collect(request), as: UTF8.self)
            let given = FormData.fields(ofURLEncoded: body).first { $0.name == "password" }?.value ?? ""
            guard AccessMiddleware.constantTimeEqual(given, password) else {
                return Responses.html(Pages.render("login", ["title": "登录", "error": "密码不正确"]), status: .unauthorized)
            }
            let token = self.sessions.open()
            return Responses.redirect(to: "/", cookie: "\(AccessMiddleware.cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict")
        }
        router.post("logout") { request, _ in
            if let token = AccessMiddleware.cookie(AccessMiddleware.cookieName, in: request) { self.sessions.close(token) }
            return Responses.redirect(to: "/login", cookie: "\(AccessMiddleware.cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
        }
    }

    private var common: [String: Any] { ["loggedIn": settings.password != nil] }

    func indexPage() async throws -> Response {
        var rounds: [[String: Any]] = []
        for round in try await store.rounds() {
            let board = try await Board.load(round, store: store)
            rounds.append([
                "id": round.id, "name": round.name, "form": round.form, "year": round.year, "created": Self.shortTime(round.created),
                "expected": board.expected.count, "passed": board.expected.filter { $0.status == .passed }.count,
            ])
        }
        let year = Calendar(identifier: .gregorian).component(.year, from: Date()) - 1
        let defaultForm = FormCatalog.form(forYear: year)?.id
        let forms: [[String: Any]] = FormCatalog.all.map { form in
            ["id": form.id, "years": form.years.last.map { "\(form.years.first)–\($0) 年" } ?? "\(form.years.first) 年起", "selected": form.id == defaultForm]
        }
        var object = common
        object.merge(["title": "填报批次", "rounds": rounds, "hasRounds": !rounds.isEmpty, "forms": forms, "defaultYear": year]) { $1 }
        return Responses.html(Pages.render("index", object))
    }

    /// The round's table; `status`, `sort` (`name`, `status`, `file`, `uploaded`, `errors`,
    /// `f0`…) and `order` (`asc`, `desc`) work without the script.
    func roundPage(_ round: Round, query: [String: String]) async throws -> Response {
        let board = try await Board.load(round, store: store)
        let form = FormCatalog.form(id: round.form)
        let figureLabels = form?.keyFigures.map(\.label) ?? []
        let filter = query["status"].flatMap { DepartmentStatus(label: $0) }
        let sort = query["sort"] ?? "name"
        let descending = query["order"] == "desc"

        func row(_ line: DepartmentLine, position: Int, expectedPosition: Int?) -> [String: Any] {
            let figures = Dictionary(
                Intake.decodeFigures(line.latest?.figures ?? "[]").map { ($0.label, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
            var row: [String: Any] = [
                "position": position, "name": line.name, "status": line.status.rawValue, "statusLabel": line.status.label,
                "statusOrder": line.status.order, "file": line.submissions.map(\.originalName).joined(separator: "、"),
                "uploaded": line.latest.map { Self.shortTime($0.uploaded) } ?? "", "errors": line.latest.map { String($0.errors) } ?? "",
                "figures": figureLabels.map { ["value": figures[$0] ?? ""] },
            ]
            if let latest = line.latest { row["href"] = "/rounds/\(round.id)/submissions/\(latest.id)" }
            if let expectedPosition { row["templateHref"] = "/api/rounds/\(round.id)/template.xlsx?department=\(expectedPosition)" }
            return row
        }
        var rows = board.expected.enumerated().map { row($1, position: $0, expectedPosition: $0) }
        if let filter { rows = rows.filter { ($0["status"] as? String) == filter.rawValue } }
        rows = Self.sorted(rows, by: sort, descending: descending)
        let unexpected = board.unexpected.enumerated().map { row($1, position: $0, expectedPosition: nil) }
        let unmatched: [[String: Any]] = board.unmatched.map { submission in
            [
                "round": round.id, "id": submission.id, "file": submission.originalName, "uploaded": Self.shortTime(submission.uploaded),
                "reason": Intake.decodeFindings(submission.findings).first?.message ?? "",
            ]
        }
        let keys = ["name", "status", "file", "uploaded", "errors"] + figureLabels.indices.map { "f\($0)" }
        let labels = ["部门", "状态", "文件", "最后上传", "错误数"] + figureLabels
        let columns: [[String: Any]] = zip(keys, labels).enumerated().map { index, pair in
            let (key, label) = pair
            let nextOrder = key == sort && !descending ? "desc" : "asc"
            var href = "?sort=\(key)&order=\(nextOrder)"
            if let filter { href += "&status=\(filter.rawValue)" }
            return ["index": index, "label": label, "href": href, "arrow": key == sort ? (descending ? " ▼" : " ▲") : ""]
        }
        let counts: [[String: Any]] = DepartmentStatus.allCases.map { status in
            ["status": status.rawValue, "label": status.label, "count": board.expected.filter { $0.status == status }.count]
        }
        var object = common
        object.merge([
            "title": round.name,
            "round": ["id": round.id, "name": round.name, "form": round.form, "year": round.year, "district": round.district] as [String: Any],
            "counts": counts, "columns": columns, "rows": rows, "unexpected": unexpected, "unmatched": unmatched,
            "hasRows": !rows.isEmpty, "hasUnexpected": !unexpected.isEmpty, "hasUnmatched": !unmatched.isEmpty,
            "statusOptions": DepartmentStatus.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0 == filter] },
            "sort": sort, "order": descending ? "desc" : "asc",
            "extensions": ReportFormats.readers.flatMap(\.kind.extensions).joined(separator: ","),
            "script": PageTemplates.roundScript,
        ]) { $1 }
        if let previousID = round.previousRound, let previous = try await store.round(previousID) {
            object["previous"] = ["id": previous.id, "name": previous.name]
        }
        if let uploaded = query["uploaded"].flatMap({ Int($0) }) { object["notice"] = "已收到并校验 \(uploaded) 个文件。" }
        return Responses.html(Pages.render("round", object))
    }

    /// Rows sorted by a column key; blanks last, numbers as numbers.
    static func sorted(_ rows: [[String: Any]], by key: String, descending: Bool) -> [[String: Any]] {
        func value(_ row: [String: Any]) -> String {
            switch key {
            case "status": return String(describing: row["statusOrder"] ?? "")
            case "file", "uploaded", "errors": return row[key] as? String ?? ""
            case let figure where figure.hasPrefix("f"):
                let index = Int(figure.dropFirst()) ?? 0
                let figures = row["figures"] as? [[String: String]] ?? []
                return figures.indices.contains(index) ? figures[index]["value"] ?? "" : ""
            default: return String(describing: row["position"] ?? "")
            }
        }
        let sorted = rows.enumerated().sorted { left, right in
            let (a, b) = (value(left.element), value(right.element))
            if a.isEmpty != b.isEmpty { return b.isEmpty }
            let ordered: Bool
            if let x = Decimal(string: a), let y = Decimal(string: b), x != y { ordered = descending ? x > y : x < y }
            else if a != b { ordered = descending ? a > b : a < b }
            else { ordered = left.offset < right.offset }
            return ordered
        }
        return sorted.map(\.element)
    }

    func submissionPage(round: Round, submission: Submission) async throws -> Response {
        let findings = Intake.decodeFindings(submission.findings)
        let result = try await results.results(for: [submission], store: store).first
        let status = RoundBoard.status(of: [submission])
        var history: [[String: Any]] = []
        if let key = submission.departmentKey {
            history = try await store.history(of: key, round: round.id).map { item in
                [
                    "round": round.id, "id": item.id, "file": item.originalName, "uploaded": Self.shortTime(item.uploaded),
                    "statusLabel": RoundBoard.status(of: [item]).label, "current": item.supersededBy == nil,
                ]
            }
        }
        var object = common
        object.merge([
            "title": submission.originalName, "round": ["id": round.id, "name": round.name] as [String: Any],
            "id": submission.id, "file": submission.originalName, "department": try await departmentName(of: submission) ?? "（未能识别）",
            "agency": submission.agency ?? "", "year": submission.year.map(String.init) ?? "", "form": submission.form ?? "",
            "status": status.rawValue, "statusLabel": status.label, "errors": submission.errors, "warnings": submission.warnings,
            "uploaded": Self.shortTime(submission.uploaded), "size": submission.size, "sha256": submission.sha256,
            "readable": result?.loaded != nil,
            "findings": findings.map { finding -> [String: Any] in
                [
                    "severity": finding.severity == "error" ? "错误" : "提示", "class": finding.severity == "error" ? "s-failed" : "s-unreadable",
                    "place": finding.place ?? "", "message": finding.message,
                ]
            },
            "tables": result?.loaded.map { ReportTables.view(of: $0.report, findings: findings) } ?? [],
            "history": history, "hasHistory": history.count > 1, "hasFindings": !findings.isEmpty,
        ]) { $1 }
        if let replacement = submission.supersededBy { object["supersededBy"] = replacement }
        return Responses.html(Pages.render("submission", object))
    }

    /// `2024-01-15 09:30` from an ISO 8601 time (UTC).
    static func shortTime(_ iso: String) -> String {
        String(iso.replacingOccurrences(of: "T", with: " ").prefix(16))
    }
}

/// A report's tables as HTML data: each table split into groups of rows with the same columns
/// (the small tables of section 二), cells named by the finding that involves them.
enum ReportTables {
    static func view(of report: Report, findings: [StoredFinding]) -> [[String: Any]] {
        var marks: [String: (class: String, messages: [String])] = [:]
        for finding in findings {
            for cell in finding.cells {
                let isError = finding.severity == "error"
                var mark = marks[cell] ?? (class: "warn", messages: [])
                if isError { mark.class = "bad" }
                mark.messages.append(finding.message)
                marks[cell] = mark
            }
        }
        let form = report.form
        return form.tables.map { table in
            let heading = form.sections.first { $0.table == table.id }?.heading ?? table.id
            var groups: [[String: Any]] = []
            var currentColumns: [String] = []
            var currentRows: [[String: Any]] = []
            var currentColumnLabels: [String] = []
            var caption = ""
            func flush() {
                guard !currentRows.isEmpty else { return }
                groups.append(["caption": caption, "columns": currentColumnLabels.map { ["label": $0] }, "rows": currentRows])
                currentRows = []
            }
            for row in table.rows {
                let ids = row.columns.map(\.id)
                let rowCaption = row.labelPath.count > 1 && ids.count <= 2 ? row.labelPath[0] : ""
                if ids != currentColumns || rowCaption != caption {
                    flush()
                    currentColumns = ids
                    caption = rowCaption
                    currentColumnLabels = row.columns.map { $0.labelPath.suffix(2).joined(separator: " · ") }
                }
                let label = (rowCaption.isEmpty ? row.labelPath : Array(row.labelPath.dropFirst())).joined(separator: " · ")
                let cells: [[String: Any]] = row.columns.map { column in
                    let key = CellKey(table: table.id, row: row.id, column: column.id)
                    let mark = marks[key.description]
                    return [
                        "id": key.description, "value": report[key].map(ReportJSON.format) ?? "",
                        "class": mark?.class ?? "", "title": mark?.messages.joined(separator: "\n") ?? "",
                    ]
                }
                currentRows.append(["label": label, "cells": cells])
            }
            flush()
            return ["heading": heading, "groups": groups]
        }
    }
}
