import Foundation
import Hummingbird
import ReportBatch
import ReportFormats
import ReportModel
import ReportWorkbook
import XLSX

/// What an error says to a user of the page: the catalogue's sentence for the reader's and
/// the writer's errors (their own `description` is English), else the error's description.
enum ErrorWords {
    /// The sentence of `error` in the process's language where the catalogue has one.
    static func said(_ error: Error) -> String {
        switch error {
        case let error as XLSXReadError: return error.message
        case let error as XLSXWriteError: return error.message
        default: return "\(error)"
        }
    }
}

/// A failure of a request, answered with `status` and a Chinese message (JSON for the API,
/// a page for browsers).
struct RequestFailure: Error, Sendable {
    let status: HTTPResponse.Status
    let message: String
}

/// The disclosure office's web page: the store, the routes of pages and API, the access check.
/// One instance per data folder; `close()` releases the database.
public final class ReportServer: Sendable {
    /// The settings the server was opened with.
    public let settings: ServerSettings
    let store: Store
    let results = ResultCache()
    let sessions: Sessions

    /// Opens the data folder (creating the database when missing).
    public init(settings: ServerSettings) throws {
        self.settings = settings
        store = try Store(folder: settings.dataFolder)
        sessions = Sessions(store: store, password: settings.password)
    }

    /// Closes the database.
    public func close() throws { try store.close() }

    var intake: Intake { Intake(store: store, results: results) }
    var downloads: Downloads { Downloads(store: store, results: results, generator: settings.generator) }

    /// The Hummingbird application serving the pages and the API on the settings' address;
    /// `onRunning` is called once it listens.
    public func application(onRunning: @escaping @Sendable () async -> Void = {}) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "xxgk"),
            onServerRunning: { _ in await onRunning() })
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully; `onRunning` is called once it listens.
    public func run(onRunning: @escaping @Sendable () async -> Void = {}) async throws {
        try await application(onRunning: onRunning).runService()
    }

    /// Every route, behind the access check.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: AccessMiddleware(password: settings.password, sessions: sessions, loopback: ServerSettings.isLoopback(settings.host)))
        router.add(middleware: FailureMiddleware())
        addPages(to: router)
        addAPI(to: router)
        return router
    }

    // MARK: API

    private func addAPI(to router: Router<BasicRequestContext>) {
        let api = router.group("api")
        api.get("rounds") { _, _ in
            Responses.json(.object([("rounds", .array(try await self.store.rounds().map(JSONViews.round)))]))
        }
        api.post("rounds") { request, _ in
            let body = try await self.collect(request)
            let creation = try RoundCreation(json: body)
            let id = try await self.create(creation)
            return Responses.json(.object([("id", JSONViews.number(id))]), status: .created)
        }
        api.get("rounds/:round") { _, context in
            Responses.json(JSONViews.board(try await Board.load(try await self.round(context), store: self.store)))
        }
        api.post("rounds/:round/submissions") { request, context in
            let round = try await self.round(context)
            let files = try await self.uploadedFiles(request)
            let outcomes = try await self.intake.accept(files, into: round)
            return Responses.json(.object([("results", .array(outcomes.map(JSONViews.outcome)))]), status: .created)
        }
        api.get("rounds/:round/submissions/:submission") { _, context in
            let (_, submission) = try await self.submission(context)
            return Responses.json(JSONViews.submission(submission, department: try await self.departmentName(of: submission)))
        }
        api.get("rounds/:round/submissions/:submission/file") { _, context in try await self.originalFile(context) }
        router.get("rounds/:round/submissions/:submission/file") { _, context in try await self.originalFile(context) }
        api.get("rounds/:round/submissions/:submission/feedback.xlsx") { _, context in
            let (_, submission) = try await self.submission(context)
            let data = try await self.downloads.feedback(for: submission)
            let name = (submission.agency ?? "报表") + "-反馈.xlsx"
            return Responses.file(data, name: name, contentType: Responses.contentType(ofExtension: "xlsx"))
        }
        for kind in [SummaryTable.Kind.xlsx, .csv] {
            let fileExtension = kind == .xlsx ? "xlsx" : "csv"
            api.get("rounds/:round/summary.\(fileExtension)") { _, context in
                let round = try await self.round(context)
                let data = try await self.downloads.summary(of: try await Board.load(round, store: self.store), kind: kind)
                return Responses.file(data, name: "\(round.name)-汇总.\(fileExtension)", contentType: Responses.contentType(ofExtension: fileExtension))
            }
        }
        for kind in ["xlsx", "txt", "json"] {
            api.get("rounds/:round/total.\(kind)") { _, context in
                let round = try await self.round(context)
                let data = try await self.downloads.total(of: try await Board.load(round, store: self.store), kind: kind)
                return Responses.file(data, name: "\(round.name)-合计.\(kind)", contentType: Responses.contentType(ofExtension: kind))
            }
        }
        api.get("rounds/:round/template.xlsx") { request, context in try await self.template(request, context) }
        api.get("rounds/:round/templates.zip") { _, context in
            let round = try await self.round(context)
            let data = try self.downloads.templates(for: round, departments: try await self.store.departments(of: round.id))
            return Responses.file(data, name: "\(round.name)-模板.zip", contentType: Responses.contentType(ofExtension: "zip"))
        }
    }

    // MARK: Shared steps

    /// The body of a request, refused with 413 beyond the request limit.
    func collect(_ request: Request) async throws -> Data {
        let limit = settings.maximumRequestBytes
        let tooLarge = RequestFailure(status: .contentTooLarge, message: "上传内容超过单次 \(limit >> 20) MB 的上限，请分批上传")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge }
        var data = Data()
        for try await buffer in request.body {
            guard data.count + buffer.readableBytes <= limit else { throw tooLarge }
            data.append(contentsOf: buffer.readableBytesView)
        }
        return data
    }

    /// The files of a multipart request (parts named `file`), each within the file limit.
    func uploadedFiles(_ request: Request) async throws -> [UploadedFile] {
        let parts = try await formParts(request)
        let files = parts.filter { $0.name == "file" && $0.fileName != nil }
            .map { UploadedFile(name: $0.fileName ?? "", data: $0.data) }
            .filter { !($0.data.isEmpty && $0.name == "未命名") }
        guard !files.isEmpty else { throw RequestFailure(status: .badRequest, message: "没有收到文件（multipart 中名为 file 的部分）") }
        let limit = settings.maximumFileBytes
        if let large = files.first(where: { $0.data.count > limit }) {
            throw RequestFailure(status: .contentTooLarge, message: "文件“\(large.name)”超过单个文件 \(limit >> 20) MB 的上限，未保存任何文件")
        }
        return files
    }

    /// The parts of a multipart body.
    func formParts(_ request: Request) async throws -> [FormPart] {
        guard let contentType = request.headers[.contentType], let boundary = FormData.boundary(ofContentType: contentType) else {
            throw RequestFailure(status: .unsupportedMediaType, message: "请以 multipart/form-data 上传")
        }
        let body = try await collect(request)
        do {
            return try FormData.parts(of: body, boundary: boundary)
        } catch {
            throw RequestFailure(status: .badRequest, message: error.message)
        }
    }

    /// The round named by the path, or 404.
    func round(_ context: BasicRequestContext) async throws -> Round {
        guard let id = context.parameters.get("round", as: Int64.self), let round = try await store.round(id) else {
            throw RequestFailure(status: .notFound, message: "没有这个填报批次")
        }
        return round
    }

    /// The round and submission named by the path, or 404.
    func submission(_ context: BasicRequestContext) async throws -> (Round, Submission) {
        let round = try await round(context)
        guard let id = context.parameters.get("submission", as: Int64.self), let submission = try await store.submission(id, round: round.id) else {
            throw RequestFailure(status: .notFound, message: "没有这份提交")
        }
        return (round, submission)
    }

    /// The expected department a submission counts for, or the agency it names.
    func departmentName(of submission: Submission) async throws -> String? {
        guard let key = submission.departmentKey else { return nil }
        return try await store.departments(of: submission.round).first { DepartmentNames.key($0) == key } ?? submission.agency ?? key
    }

    /// The file as received, under its original name.
    func originalFile(_ context: BasicRequestContext) async throws -> Response {
        let (_, submission) = try await submission(context)
        let data: Data
        do { data = try store.contents(of: submission) } catch {
            throw RequestFailure(status: .notFound, message: "存储的文件不见了")
        }
        // Served as a download, never rendered: the bytes are whatever someone uploaded.
        return Responses.file(data, name: submission.originalName, contentType: "application/octet-stream")
    }

    /// A blank template: `?department=N` puts the N-th expected department (from 0) on the cover.
    func template(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let round = try await round(context)
        let departments = try await store.departments(of: round.id)
        var agency: String?
        if let position = request.uri.queryParameters.get("department", as: Int.self) {
            guard departments.indices.contains(position) else { throw RequestFailure(status: .notFound, message: "没有这个部门") }
            agency = departments[position]
        }
        let data = try downloads.template(for: round, agency: agency)
        return Responses.file(data, name: "\(agency ?? round.name)-\(round.year)年报表.xlsx", contentType: Responses.contentType(ofExtension: "xlsx"))
    }

    /// Creates a round after checking what was asked.
    func create(_ creation: RoundCreation) async throws -> Int64 {
        if let previous = creation.previousRound, try await store.round(previous) == nil {
            throw RequestFailure(status: .badRequest, message: "上年批次 \(previous) 不存在")
        }
        return try await store.createRound(
            name: creation.name, form: creation.form, year: creation.year, previousRound: creation.previousRound,
            district: creation.district, departments: creation.departments)
    }
}

/// Turns thrown failures into responses: a `RequestFailure` or `DownloadError` with its
/// status and message, anything else a 500 that names no internals.
struct FailureMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let failure as RequestFailure {
            return Responses.refusal(request, status: failure.status, failure.message)
        } catch let failure as DownloadError {
            return Responses.refusal(request, status: HTTPResponse.Status(code: failure.status), failure.message)
        } catch let error as HTTPResponseError {
            if error.status == .notFound { return Responses.refusal(request, status: .notFound, "没有这个页面") }
            return Responses.refusal(request, status: error.status, "请求无法完成（\(error.status.code)）")
        } catch {
            context.logger.error("request failed: \(error)")
            return Responses.refusal(request, status: .internalServerError, "服务器内部错误：\(ErrorWords.said(error))")
        }
    }
}

/// What a new round needs, from the API's JSON or the page's form, checked.
struct RoundCreation: Sendable {
    let name: String
    let form: String
    let year: Int
    let departments: [String]
    let previousRound: Int64?
    let district: String

    /// Checks the fields: a known form, a year the form is for, departments each once.
    init(name: String, form: String?, year: Int?, departments: [String], previousRound: Int64?, district: String?) throws {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw RequestFailure(status: .badRequest, message: "请填写批次名称") }
        guard let year, ReportYears.contains(year) else { throw RequestFailure(status: .badRequest, message: "请填写年度（\(ReportYears.description)）") }
        let formID = form?.trimmingCharacters(in: .whitespaces).nilIfEmpty ?? FormCatalog.form(forYear: year)?.id ?? ""
        guard let chosen = FormCatalog.form(id: formID) else {
            throw RequestFailure(status: .badRequest, message: "未知的表格版本“\(formID)”；可选：\(FormCatalog.all.map(\.id).joined(separator: "、"))")
        }
        guard chosen.years.contains(year) else {
            throw RequestFailure(status: .badRequest, message: "\(chosen.id) 版表格用于 \(chosen.years.description) 年的报告，不能用于 \(year) 年")
        }
        var seen = Set<String>()
        self.departments = departments.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && seen.insert(DepartmentNames.key($0)).inserted }
        self.name = String(name.prefix(200))
        self.form = chosen.id
        self.year = year
        self.previousRound = previousRound
        self.district = district?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty ?? "合计"
    }

    /// From the API's JSON: `{"name", "form", "year", "departments": [...], "previous_round", "district"}`.
    init(json body: Data) throws {
        struct Body: Decodable {
            let name: String?
            let form: String?
            let year: Int?
            let departments: [String]?
            let previous_round: Int64?
            let district: String?
        }
        let decoded: Body
        do { decoded = try JSONDecoder().decode(Body.self, from: body) } catch {
            throw RequestFailure(status: .badRequest, message: "请求不是有效的 JSON：\(error.localizedDescription)")
        }
        try self.init(
            name: decoded.name ?? "", form: decoded.form, year: decoded.year, departments: decoded.departments ?? [],
            previousRound: decoded.previous_round, district: decoded.district)
    }
}

extension String {
    /// nil for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// Department names from the first column of a workbook's first sheet (the list a clerk
/// already keeps in Excel); a header cell such as 单位名称 is skipped.
enum DepartmentList {
    static func names(fromWorkbook data: Data) throws -> [String] {
        let workbook: Workbook
        do { workbook = try Workbook(data: data) } catch {
            throw RequestFailure(status: .badRequest, message: "部门名单工作簿无法读取：\(ErrorWords.said(error))")
        }
        guard let sheet = workbook.sheets.first else { return [] }
        var names: [(row: Int, name: String)] = []
        do {
            try workbook.forEachCell(in: sheet) { cell in
                guard cell.reference.column == 0 else { return }
                let text = cell.value.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { names.append((cell.reference.row, text)) }
            }
        } catch {
            throw RequestFailure(status: .badRequest, message: "部门名单工作簿无法读取：\(ErrorWords.said(error))")
        }
        let headers: Set<String> = ["单位", "部门", "单位名称", "部门名称", "名称", "机关", "序号"]
        return names.sorted { $0.row < $1.row }.map(\.name).filter { !headers.contains($0) }
    }

    /// Names pasted one per line.
    static func names(fromText text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
