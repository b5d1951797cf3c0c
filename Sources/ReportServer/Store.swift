import Foundation
import GRDB

/// A 填报批次: one form and year, the departments expected to submit, and optionally last
/// year's round for the carry-over check.
struct Round: Sendable, Equatable {
    let id: Int64
    let name: String
    /// The form id (`2021`).
    let form: String
    let year: Int
    /// ISO 8601 time of creation.
    let created: String
    /// Last year's round, whose passing reports the carry-over rules compare with.
    let previousRound: Int64?
    /// The agency named in the district's total (`某区人民政府`).
    let district: String
}

/// One uploaded file as stored: its row's id, round and history link around the facts of
/// its arrival (read through as `submission.agency`, `submission.status`, …).
@dynamicMemberLookup
struct Submission: Sendable, Equatable {
    let id: Int64
    let round: Int64
    let facts: SubmissionFacts
    /// The upload request the file came in (files of one request never replace each other).
    let batch: String
    /// The submission that replaced this one, nil while it is current.
    let supersededBy: Int64?

    subscript<Value>(dynamicMember keyPath: KeyPath<SubmissionFacts, Value>) -> Value { facts[keyPath: keyPath] }
}

/// What is known of an uploaded file when it arrives: the file as received and what the check found.
struct SubmissionFacts: Sendable, Equatable {
    /// The client's file name: shown (escaped), never used as a path.
    let originalName: String
    /// Where the bytes are, relative to the data folder (a generated name).
    let storedPath: String
    let sha256: String
    let size: Int
    /// ISO 8601 time of arrival.
    let uploaded: String
    /// The agency the report names (nil when unreadable).
    let agency: String?
    /// The normalized name of the department this file counts for (nil when unknown).
    let departmentKey: String?
    let year: Int?
    let form: String?
    /// `passed`, `failed` or `unreadable`: the file's own result.
    let status: String
    let errors: Int
    let warnings: Int
    /// The findings with their places, as JSON (`[StoredFinding]`).
    let findings: String
    /// The form's key figures, as JSON (`[StoredFigure]`).
    let figures: String
}

/// A finding as stored: the rule (nil for reader messages), its cells, its place in the file.
struct StoredFinding: Codable, Sendable, Equatable {
    let severity: String
    let rule: String?
    let cells: [String]
    /// `sheet 三、…, cell D5`, `line 149`, a JSON path, or nil.
    let place: String?
    let message: String
}

/// A key figure of a report as stored: its caption and its value (nil when blank).
struct StoredFigure: Codable, Sendable, Equatable {
    let label: String
    let value: String?
}

/// The SQLite database of the server (GRDB, WAL mode): rounds, expected departments and
/// submissions. A `DatabasePool` serialises writes, so concurrent uploads never lose a row.
final class Store: Sendable {
    /// The data folder: the database and the `files/` folder of uploads.
    let folder: URL
    private let pool: DatabasePool

    /// Opens (creating when missing) the database in `folder`.
    init(folder: URL) throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("files"), withIntermediateDirectories: true)
        var configuration = Configuration()
        // Writers wait for each other instead of failing when two clerks upload at once.
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
        pool = try DatabasePool(path: folder.appendingPathComponent("xxgk.sqlite").path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    /// Closes the database; the store must not be used afterwards.
    func close() throws { try pool.close() }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE rounds (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL, form TEXT NOT NULL, year INTEGER NOT NULL, created TEXT NOT NULL,
                    previous_round INTEGER REFERENCES rounds(id), district TEXT NOT NULL);
                CREATE TABLE departments (
                    round INTEGER NOT NULL REFERENCES rounds(id), position INTEGER NOT NULL,
                    name TEXT NOT NULL, normalized TEXT NOT NULL, PRIMARY KEY (round, position));
                CREATE TABLE submissions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    round INTEGER NOT NULL REFERENCES rounds(id),
                    original_name TEXT NOT NULL, stored_path TEXT NOT NULL, sha256 TEXT NOT NULL,
                    size INTEGER NOT NULL, uploaded TEXT NOT NULL,
                    agency TEXT, department_key TEXT, year INTEGER, form TEXT,
                    status TEXT NOT NULL, errors INTEGER NOT NULL, warnings INTEGER NOT NULL,
                    findings TEXT NOT NULL, figures TEXT NOT NULL, batch TEXT NOT NULL,
                    superseded_by INTEGER REFERENCES submissions(id));
                CREATE INDEX submissions_current ON submissions(round, superseded_by, department_key);
                """)
        }
        // Sessions survive a restart: a clerk logged in stays logged in (for 30 days).
        migrator.registerMigration("v2 sessions") { db in
            try db.execute(sql: "CREATE TABLE sessions (digest TEXT PRIMARY KEY, created TEXT NOT NULL)")
        }
        return migrator
    }

    // MARK: Sessions

    /// The digests of the sessions opened since `oldest` (ISO 8601); older ones are removed.
    func sessionDigests(since oldest: String) throws -> Set<String> {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE created < ?", arguments: [oldest])
            return Set(try String.fetchAll(db, sql: "SELECT digest FROM sessions"))
        }
    }

    /// Remembers a session's digest.
    func saveSession(digest: String) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO sessions (digest, created) VALUES (?, ?)", arguments: [digest, Self.now()])
        }
    }

    /// Forgets a session's digest (logout).
    func deleteSession(digest: String) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM sessions WHERE digest = ?", arguments: [digest]) }
    }

    // MARK: Rounds

    /// Creates a round with its expected departments (in the order given); returns its id.
    func createRound(name: String, form: String, year: Int, previousRound: Int64?, district: String, departments: [String]) async throws -> Int64 {
        let created = Self.now()
        return try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO rounds (name, form, year, created, previous_round, district) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [name, form, year, created, previousRound, district])
            let id = db.lastInsertedRowID
            for (position, department) in departments.enumerated() {
                try db.execute(
                    sql: "INSERT INTO departments (round, position, name, normalized) VALUES (?, ?, ?, ?)",
                    arguments: [id, position, department, DepartmentNames.key(department)])
            }
            return id
        }
    }

    /// Every round, newest first.
    func rounds() async throws -> [Round] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM rounds ORDER BY id DESC").map(Self.round) }
    }

    /// The round with this id, if any.
    func round(_ id: Int64) async throws -> Round? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM rounds WHERE id = ?", arguments: [id]).map(Self.round) }
    }

    /// The expected departments of a round, in their order.
    func departments(of round: Int64) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM departments WHERE round = ? ORDER BY position", arguments: [round])
        }
    }

    // MARK: Submissions

    /// Inserts a submission; in the same transaction, marks the current submissions of the
    /// same department from earlier requests as replaced by it. Returns the new id.
    func insert(_ submission: SubmissionFacts, round: Int64, batch: String) async throws -> Int64 {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO submissions (round, original_name, stored_path, sha256, size, uploaded, agency, department_key,
                        year, form, status, errors, warnings, findings, figures, batch)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    round, submission.originalName, submission.storedPath, submission.sha256, submission.size, submission.uploaded,
                    submission.agency, submission.departmentKey, submission.year, submission.form, submission.status,
                    submission.errors, submission.warnings, submission.findings, submission.figures, batch,
                ])
            let id = db.lastInsertedRowID
            if let key = submission.departmentKey {
                try db.execute(
                    sql: """
                        UPDATE submissions SET superseded_by = ?
                        WHERE round = ? AND department_key = ? AND superseded_by IS NULL AND batch != ? AND id != ?
                        """,
                    arguments: [id, round, key, batch, id])
            }
            return id
        }
    }

    /// The current submissions of a round (those not replaced), oldest first.
    func currentSubmissions(of round: Int64) async throws -> [Submission] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM submissions WHERE round = ? AND superseded_by IS NULL ORDER BY id", arguments: [round])
                .map(Self.submission)
        }
    }

    /// Every submission of a round, replaced ones included, oldest first.
    func allSubmissions(of round: Int64) async throws -> [Submission] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM submissions WHERE round = ? ORDER BY id", arguments: [round]).map(Self.submission)
        }
    }

    /// The submission with this id in this round, if any.
    func submission(_ id: Int64, round: Int64) async throws -> Submission? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM submissions WHERE id = ? AND round = ?", arguments: [id, round]).map(Self.submission)
        }
    }

    /// The submissions of one department in a round, newest first (its history).
    func history(of departmentKey: String, round: Int64) async throws -> [Submission] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM submissions WHERE round = ? AND department_key = ? ORDER BY id DESC",
                arguments: [round, departmentKey]
            ).map(Self.submission)
        }
    }

    /// The bytes of a stored submission, as received.
    func contents(of submission: Submission) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(submission.storedPath))
    }

    /// Writes the bytes of an upload under a generated name (never the client's) and returns
    /// the path relative to the data folder. Written before the row so that a row always has its file.
    func storeFile(_ data: Data, round: Int64) throws -> String {
        let relative = "files/\(round)/\(UUID().uuidString.lowercased()).upload"
        let url = folder.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
        return relative
    }

    /// Removes a stored file whose row could not be written.
    func removeFile(_ relative: String) {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(relative))
    }

    /// The current time as ISO 8601 (UTC, seconds).
    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    private static func round(_ row: Row) -> Round {
        Round(
            id: row["id"], name: row["name"], form: row["form"], year: row["year"], created: row["created"],
            previousRound: row["previous_round"], district: row["district"])
    }

    private static func submission(_ row: Row) -> Submission {
        let facts = SubmissionFacts(
            originalName: row["original_name"], storedPath: row["stored_path"], sha256: row["sha256"], size: row["size"],
            uploaded: row["uploaded"], agency: row["agency"], departmentKey: row["department_key"], year: row["year"],
            form: row["form"], status: row["status"], errors: row["errors"], warnings: row["warnings"],
            findings: row["findings"], figures: row["figures"])
        return Submission(id: row["id"], round: row["round"], facts: facts, batch: row["batch"], supersededBy: row["superseded_by"])
    }
}
