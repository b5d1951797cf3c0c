import Foundation
import ReportBatch
import ReportFormats
import ReportModel
import ReportWorkbook

/// Why a download cannot be made, said to the clerk in Chinese.
struct DownloadError: Error, Sendable {
    let status: Int
    let message: String
}

/// The files a round offers: the summary workbook, the district's total, blank templates,
/// and a department's report in the official layout.
struct Downloads {
    let store: Store
    let results: ResultCache
    let generator: String

    /// The results of a round's current files in table order, with the carry-over check
    /// against last year's round as `xxgk check --previous` does it.
    func currentResults(of board: RoundBoard) async throws -> [CheckResult] {
        var current = try await results.results(for: board.allCurrent, store: store)
        if let previousID = board.round.previousRound, let previous = try await store.round(previousID) {
            let previousResults = try await results.results(for: try await Board.load(previous, store: store).readable, store: store)
            YearToYear.compare(&current, with: previousResults)
        }
        return current
    }

    /// The summary workbook (`SummaryTable`), one row per current file.
    func summary(of board: RoundBoard, kind: SummaryTable.Kind) async throws -> Data {
        // With last year's round named, the summary has the change columns `check --previous` writes.
        let table = SummaryTable(results: try await currentResults(of: board), changes: board.round.previousRound != nil)
        switch kind {
        case .csv: return Data(table.csv.utf8)
        case .xlsx: return try Self.viaTemporaryFile(extension: "xlsx") { try table.write(to: $0) }
        }
    }

    /// The district's total over the passing submissions (one per department), written by the
    /// registry's writer of `kind` (`xlsx`, `txt`, `json`).
    func total(of board: RoundBoard, kind: String) async throws -> Data {
        guard let writer = ReportFormats.writer(named: kind) else { throw DownloadError(status: 404, message: "没有这种格式：\(kind)") }
        let passing = board.passing
        guard !passing.isEmpty else { throw DownloadError(status: 409, message: "还没有通过校验的报表，无法合计") }
        let reports = try await results.results(for: passing, store: store)
        let total: Report
        do {
            total = try Report.sum(reports.compactMap { $0.loaded?.report }, sources: reports.map(\.file), agency: board.round.district)
        } catch {
            throw DownloadError(status: 409, message: "无法合计：\(error.description)")
        }
        return try Self.viaTemporaryFile(extension: writer.kind.extensions.first ?? kind) { try writer.write(total, to: $0, generator: generator) }
    }

    /// A department's feedback workbook (`xxgk check --feedback`): its report in the official
    /// layout, each bad or failing cell marked with a note, and the 问题清单 sheet first.
    func feedback(for submission: Submission) async throws -> Data {
        guard let result = try await results.results(for: [submission], store: store).first, let loaded = result.loaded
        else { throw DownloadError(status: 404, message: "这份文件无法读取，没有可返回的报表") }
        return try Self.viaTemporaryFile(extension: "xlsx") { path in
            try ReportWorkbook.writeFeedback(
                loaded.report, findings: result.findings, warnings: loaded.warnings.map { $0.inFile(result.file) },
                to: path, generator: generator)
        }
    }

    /// The blank template of the round's form, with `agency` on the cover when given.
    func template(for round: Round, agency: String?) throws -> Data {
        guard let form = FormCatalog.form(id: round.form) else { throw DownloadError(status: 404, message: "未知的表格版本 \(round.form)") }
        return try Self.viaTemporaryFile(extension: "xlsx") { path in
            try ReportWorkbook.writeTemplate(form: form, agency: agency, year: round.year, to: path, generator: generator)
        }
    }

    /// Every expected department's template in one zip.
    func templates(for round: Round, departments: [String]) throws -> Data {
        var used = Set<String>()
        var entries: [ZipWriter.Entry] = []
        for department in departments {
            var name = FileNames.safe("\(department)-\(round.year)年报表") + ".xlsx"
            var counter = 2
            while !used.insert(name).inserted {
                name = FileNames.safe("\(department)-\(round.year)年报表-\(counter)") + ".xlsx"
                counter += 1
            }
            entries.append(ZipWriter.Entry(name: name, data: try template(for: round, agency: department)))
        }
        return try Self.viaTemporaryFile(extension: "zip") { try ZipWriter.write(entries, to: $0) }
    }

    /// Runs a writer that needs a path (libxlsxwriter writes files only) and returns the bytes.
    static func viaTemporaryFile(extension fileExtension: String, _ write: (String) throws -> Void) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xxgk-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.\(fileExtension)").path
        try write(path)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}

/// File names the server makes (downloads, zip entries) from text it was given.
enum FileNames {
    /// `name` without characters that are not allowed or mean a path in common file systems.
    static func safe(_ name: String) -> String {
        let cleaned = String(name.map { "/\\:*?\"<>|\u{0}".contains($0) || $0.isNewline ? "_" : $0 })
        let trimmed = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: ". ").union(.whitespaces))
        return trimmed.isEmpty ? "报表" : String(trimmed.prefix(120))
    }

    /// A `Content-Disposition` value that carries a UTF-8 name (RFC 6266 / 5987) with an ASCII fallback.
    static func contentDisposition(_ name: String) -> String {
        let safeName = safe(name)
        let ascii = String(safeName.unicodeScalars.map { $0.isASCII && $0 != "%" && $0 != ";" ? Character($0) : "_" })
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        let encoded = safeName.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
