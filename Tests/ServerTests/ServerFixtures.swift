import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import ReportFormats
import ReportModel
import ReportServer
import TestSupport
import XCTest

/// Report files made for the server tests: seeded consistent reports written by the
/// registry's writers, one broken on purpose, and bytes that are no report at all.
enum ServerFixtures {
    static let form2021: Form = {
        guard let form = FormCatalog.form(id: "2021") else { fatalError("form 2021 is shipped") }
        return form
    }()

    /// A consistent report of `agency` for `year`, from `seed`.
    static func report(agency: String, year: Int = 2024, seed: UInt64) -> Report {
        var generator = SeededGenerator(seed: seed)
        var report = RandomReports.makeConsistent(form: form2021, using: &generator)
        report.agency = agency
        report.year = year
        report.date = ReportDate(year: year + 1, month: 1, day: 20)
        return report
    }

    /// The same report with 一 + 二 = 三(七) + 四 broken (its first left input raised by 5).
    static func faulty(_ report: Report) -> Report {
        var broken = report
        let form = report.form
        guard let instance = form.ruleInstances.first(where: { $0.rule.id == "applications.balance" }),
            let cell = instance.left.first(where: { form.computedCells[$0] == nil })
        else { return broken }
        broken[cell] = (broken[cell] ?? 0) + 5
        // Totals agree with the raised input, so only the balance fails (a workbook now keeps
        // a printed total that differs from its parts, which would be another finding).
        broken.computeTotals()
        return broken
    }

    /// The bytes of `report` written by the registry's writer of `kind`.
    static func bytes(_ report: Report, kind: String = "xlsx") throws -> Data {
        guard let writer = ReportFormats.writer(named: kind) else { throw TestFailure(description: "no writer \(kind)") }
        let folder = try TemporaryDirectory("serve-fixture")
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("report.\(kind)").path
        try writer.write(report, to: path, generator: "xxgk test")
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Bytes that are no workbook (seeded).
    static func garbage(seed: UInt64, count: Int = 3000) -> Data {
        var generator = SeededGenerator(seed: seed)
        return Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// A `multipart/form-data` body of files (parts named `file`) and fields.
    static func multipart(files: [(name: String, data: Data)], fields: [(String, String)] = [], fileField: String = "file") -> (body: ByteBuffer, contentType: String) {
        let boundary = "----xxgk-test-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for file in files {
            let escaped = file.name.replacingOccurrences(of: "\"", with: "%22")
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(escaped)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(file.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return (ByteBuffer(bytes: body), "multipart/form-data; boundary=\(boundary)")
    }

    /// Headers with a content type.
    static func headers(contentType: String, extra: [(HTTPField.Name, String)] = []) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        for (name, value) in extra { headers[name] = value }
        return headers
    }

    /// A JSON body.
    static func json(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    /// The JSON object of a response body.
    static func object(_ response: TestResponse) throws -> [String: Any] {
        let data = Data(response.body.readableBytesView)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TestFailure(description: "not a JSON object: \(String(decoding: data, as: UTF8.self))")
        }
        return object
    }

    /// The body as text.
    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    /// The body as bytes.
    static func data(_ response: TestResponse) -> Data { Data(response.body.readableBytesView) }
}

/// A fixture that could not be made.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
}

/// The built `xxgk` binary beside the test bundle, as the CLI tests find it.
enum BuiltBinary {
    private final class Marker {}

    static var xxgk: URL {
        var folder = Bundle(for: Marker.self).bundleURL.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("xxgk").path) {
            folder = Fixtures.packageRoot.appendingPathComponent(".build/debug")
        }
        return folder.appendingPathComponent("xxgk")
    }
}

extension XCTestCase {
    /// A server on a fresh data folder (or `folder`), closed when the test ends.
    func makeServer(folder: URL? = nil, password: String? = nil, host: String = "127.0.0.1",
                    maximumFileBytes: Int = 20 << 20, maximumRequestBytes: Int = 200 << 20) throws -> ReportServer {
        let data = try folder ?? makeTemporaryDirectory("server")
        let server = try ReportServer(settings: ServerSettings(
            host: host, port: 0, dataFolder: data, password: password,
            maximumFileBytes: maximumFileBytes, maximumRequestBytes: maximumRequestBytes, generator: "xxgk test"))
        addTeardownBlock { try? server.close() }
        return server
    }
}

extension TestClientProtocol {
    /// Creates a round through the API and returns its id.
    func createRound(name: String = "2024年度报告", year: Int = 2024, departments: [String], previous: Int? = nil, district: String? = nil) async throws -> Int {
        var object: [String: Any] = ["name": name, "form": "2021", "year": year, "departments": departments]
        if let previous { object["previous_round"] = previous }
        if let district { object["district"] = district }
        let response = try await execute(
            uri: "/api/rounds", method: .post, headers: ServerFixtures.headers(contentType: "application/json"), body: try ServerFixtures.json(object))
        XCTAssertEqual(response.status, .created, ServerFixtures.text(response))
        return try ServerFixtures.object(response)["id"] as? Int ?? -1
    }

    /// Uploads files to a round through the API; returns the response.
    func upload(_ files: [(name: String, data: Data)], round: Int, headers extra: [(HTTPField.Name, String)] = []) async throws -> TestResponse {
        let (body, contentType) = ServerFixtures.multipart(files: files)
        return try await execute(
            uri: "/api/rounds/\(round)/submissions", method: .post, headers: ServerFixtures.headers(contentType: contentType, extra: extra), body: body)
    }

    /// The round's JSON.
    func roundJSON(_ round: Int) async throws -> [String: Any] {
        let response = try await execute(uri: "/api/rounds/\(round)", method: .get)
        XCTAssertEqual(response.status, .ok)
        return try ServerFixtures.object(response)
    }

    /// The status of every department of a round, by name.
    func statuses(_ round: Int) async throws -> [String: String] {
        let object = try await roundJSON(round)
        var statuses: [String: String] = [:]
        for line in object["departments"] as? [[String: Any]] ?? [] {
            statuses[line["name"] as? String ?? ""] = line["status"] as? String
        }
        return statuses
    }
}
