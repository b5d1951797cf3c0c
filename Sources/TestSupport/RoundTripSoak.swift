import Foundation
import ReportFormats
import ReportModel

/// The round-trip soak (issue 13): random reports of every form through every pair of kinds
/// of the registry, in process, each value compared after the trip under the rules of
/// docs/ROUNDTRIP.md. Used by `make test` (a few thousand reports) and `make bench` (10,000).
public enum RoundTripSoak {
    /// What a soak did: reports made, trips run, values compared, values lost.
    public struct Figures: Sendable, Equatable, CustomStringConvertible {
        public var reports = 0
        public var trips = 0
        public var values = 0
        public var lost = 0
        /// Values a text kind cannot hold by design (docs/ROUNDTRIP.md), not compared.
        public var exempt = 0
        /// Seconds spent writing and reading each kind.
        public var seconds: [String: Double] = [:]
        /// Files written and read back.
        public var conversions = 0
        /// Conversions of a report identical to one converted before, taken from the memo.
        public var memoized = 0

        /// `soak: N reports, M values compared, 0 lost (T trips, E exempt by docs/ROUNDTRIP.md)`.
        public var description: String {
            "soak: \(reports) reports, \(values) values compared, \(lost) lost (\(trips) trips, \(conversions) files written and read, \(memoized) memoized; \(exempt) text-kind values exempt by docs/ROUNDTRIP.md)"
        }
    }

    /// The first value a trip did not keep, with what is needed to replay it.
    public struct Loss: Error, Sendable, CustomStringConvertible {
        /// The seed of the report's generator (`RandomReports.makeVaried` with `SeededGenerator(seed:)`).
        public let seed: UInt64
        /// The form of the report.
        public let form: String
        /// The kinds the report went through, in order (`json → xlsx → txt`).
        public let trip: [String]
        /// The value lost: a cell id, a section id, `agency`, `year`, `date`, or `read` when a kind failed to read.
        public let value: String
        public let expected: String
        public let found: String

        public var description: String {
            "soak: lost \(value) on \(trip.joined(separator: " → ")) (form \(form), seed \(seed)): expected \(expected), found \(found)"
        }
    }

    /// The kinds every trip goes through: those the registry both writes and reads.
    public static var kinds: [String] {
        ReportFormats.writerNames.filter { ReportFormats.readerNames.contains($0) }
    }

    /// The kinds that print a report as text; the rules of docs/ROUNDTRIP.md apply to a trip through one.
    static let textKinds: Set<String> = ["txt", "md"]

    /// Runs `count` reports whose generators are seeded `seed`, `seed + 1`, … (the form of
    /// each chosen by its seed), on `workers` threads (each with its own folder below
    /// `folder`); stops early at `deadline`. Throws the loss of the lowest seed that lost one.
    public static func run(count: Int, seed: UInt64, folder: URL, deadline: Date? = nil, workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> Figures {
        let workers = max(1, min(workers, count))
        let shared = SharedOutcome()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var figures = Figures()
            let own = folder.appendingPathComponent("worker-\(worker)")
            do {
                try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
                for index in stride(from: worker, to: count, by: workers) {
                    if let deadline, Date() > deadline { break }
                    if shared.hasLoss { break }
                    try soakOne(seed: seed &+ UInt64(index), folder: own, figures: &figures)
                }
            } catch let loss as Loss {
                shared.record(loss)
            } catch {
                shared.record(Loss(seed: seed, form: "", trip: [], value: "folder", expected: own.path, found: "\(error)"))
            }
            shared.add(figures)
        }
        if let loss = shared.firstLoss { throw loss }
        return shared.figures
    }

    /// The report of one seed through every trip.
    static func soakOne(seed: UInt64, folder: URL, figures: inout Figures) throws {
        let forms = FormCatalog.all
        var generator = SeededGenerator(seed: seed)
        // The form follows from the seed too, so one seed replays one report.
        let report = RandomReports.makeVaried(form: forms[Int(seed % UInt64(forms.count))], using: &generator)
        try soak(report, seed: seed, folder: folder, figures: &figures)
        figures.reports += 1
    }

    /// The workers' figures added up and the first loss, behind a lock.
    private final class SharedOutcome: @unchecked Sendable {
        private let lock = NSLock()
        private var total = Figures()
        private var loss: Loss?

        var figures: Figures { lock.withLock { total } }
        var firstLoss: Loss? { lock.withLock { loss } }
        var hasLoss: Bool { lock.withLock { loss != nil } }

        func add(_ figures: Figures) {
            lock.withLock {
                total.reports += figures.reports
                total.trips += figures.trips
                total.values += figures.values
                total.lost += figures.lost
                total.exempt += figures.exempt
                total.conversions += figures.conversions
                total.memoized += figures.memoized
                total.seconds.merge(figures.seconds, uniquingKeysWith: +)
            }
        }

        func record(_ found: Loss) {
            lock.withLock {
                if let known = loss, known.seed <= found.seed { return }
                loss = found
            }
        }
    }

    /// One report through every kind, every ordered pair of kinds, and xlsx → txt → json.
    static func soak(_ report: Report, seed: UInt64, folder: URL, figures: inout Figures) throws {
        let kinds = Self.kinds
        var converter = Converter(folder: folder, seed: seed)
        var once: [String: Report] = [:]
        for kind in kinds {
            let back = try converter.convert(report, to: kind, trip: [kind], figures: &figures)
            try compare(report, back, trip: [kind], seed: seed, figures: &figures)
            once[kind] = back
        }
        for first in kinds {
            guard let start = once[first] else { continue }
            for second in kinds {
                let back = try converter.convert(start, to: second, trip: [first, second], figures: &figures)
                try compare(report, back, trip: [first, second], seed: seed, figures: &figures)
            }
        }
        if let workbook = once["xlsx"], kinds.contains("txt"), kinds.contains("json") {
            let trip = ["xlsx", "txt", "json"]
            let text = try converter.convert(workbook, to: "txt", trip: trip, figures: &figures)
            let json = try converter.convert(text, to: "json", trip: trip, figures: &figures)
            try compare(report, json, trip: trip, seed: seed, figures: &figures)
        }
    }

    /// Writes reports with the registry's writers and reads the files back with its readers.
    /// Writing and reading are functions of the report alone, so a report identical (by its
    /// canonical JSON) to one already converted to a kind gives the same result: it is taken
    /// from the memo, which spares most of a soak's time and changes none of its outcomes.
    struct Converter {
        let folder: URL
        let seed: UInt64
        private var memo: [String: Report] = [:]

        init(folder: URL, seed: UInt64) {
            self.folder = folder
            self.seed = seed
        }

        /// `report` written as `kind` and read back.
        mutating func convert(_ report: Report, to kind: String, trip: [String], figures: inout Figures) throws -> Report {
            let key = kind + "\u{0}" + ReportJSON.encode(report)
            if let known = memo[key] {
                figures.memoized += 1
                return known
            }
            let start = Date()
            defer { figures.seconds[kind, default: 0] += Date().timeIntervalSince(start) }
            guard let writer = ReportFormats.writer(named: kind), let reader = ReportFormats.reader(named: kind) else {
                throw Loss(seed: seed, form: report.form.id, trip: trip, value: "read", expected: "a writer and a reader of \(kind)", found: "none")
            }
            let path = folder.appendingPathComponent("soak.\(writer.kind.extensions.first ?? kind)").path
            let back: Report
            do {
                try writer.write(report, to: path, generator: "xxgk soak")
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                back = try ReportFormats.read(data, file: path, with: reader).report
            } catch {
                throw Loss(seed: seed, form: report.form.id, trip: trip, value: "read", expected: "a readable \(kind)", found: "\(error)")
            }
            figures.conversions += 1
            memo[key] = back
            return back
        }
    }

    /// Compares every value of `expected` with `found`: exactly, unless the trip went through
    /// a text kind, where the rules of docs/ROUNDTRIP.md apply. Counts each value compared.
    static func compare(_ expected: Report, _ found: Report, trip: [String], seed: UInt64, figures: inout Figures) throws {
        figures.trips += 1
        let throughText = trip.contains { textKinds.contains($0) }
        func lost(_ value: String, _ wanted: String, _ got: String) -> Loss {
            Loss(seed: seed, form: expected.form.id, trip: trip, value: value, expected: wanted, found: got)
        }
        func show(_ value: Decimal?) -> String { value.map(ReportJSON.format) ?? "blank" }
        let heads: [(String, String, String)] = [
            ("form", expected.form.id, found.form.id), ("agency", expected.agency, found.agency),
            ("year", String(expected.year), String(found.year)),
            ("date", expected.date?.description ?? "none", found.date?.description ?? "none"),
        ]
        for (name, wanted, got) in heads {
            figures.values += 1
            if wanted != got { throw lost(name, wanted, got) }
        }
        for cell in expected.form.cells {
            figures.values += 1
            let wanted = throughText ? TextRules.value(expected, cell) : expected[cell]
            if wanted != found[cell] { throw lost(cell.description, show(wanted), show(found[cell])) }
        }
        for id in expected.allowedSectionIDs {
            let wanted = expected.sections[id] ?? ""
            if throughText && TextRules.isExempt(section: wanted) {
                figures.exempt += 1
                continue
            }
            figures.values += 1
            let got = found.sections[id] ?? ""
            if throughText ? TextRules.section(wanted) != TextRules.section(got) : wanted != got {
                throw lost("sections.\(id)", wanted.debugDescription.prefix(200).description, got.debugDescription.prefix(200).description)
            }
        }
        if !found.unresolved.isEmpty {
            throw lost("unresolved", "none", found.unresolved.map { "\($0.table).\($0.row ?? "*")" }.joined(separator: ", "))
        }
    }
}

/// What a trip through text keeps by design (docs/ROUNDTRIP.md): the exact rules the soak applies.
enum TextRules {
    /// The value a text kind gives back for `cell`.
    static func value(_ report: Report, _ cell: CellKey) -> Decimal? {
        report[cell]
    }

    /// A section as the text kinds keep it: every CR removed (a line break of text is LF), the
    /// text split into paragraphs at LF, each without its surrounding spaces, empty ones
    /// dropped, joined by LF.
    static func section(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: "").split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    /// Whether a section cannot be compared after text at all: a TAB separates table cells in
    /// the text kinds, so a paragraph holding one reads as a table row (and takes the
    /// paragraphs after it along when it comes first).
    static func isExempt(section text: String) -> Bool { text.contains("\t") }
}
