import Foundation
import TestSupport
import XCTest

/// Issue 13, "nothing lost, nothing crashes", end to end on the real binary: a batch reports
/// every file whatever it holds; an output is the old file or the whole new one, whenever the
/// process dies; a folder that refuses writing or a full disk gives exit 73 and leaves nothing.
final class RobustnessCLITests: XCTestCase {
    private var example: Data { get throws { try Data(contentsOf: Fixtures.exampleJSON) } }

    /// The example as the report of another agency: copies of one agency's report in a batch
    /// are duplicates, which `sum` refuses.
    private func example(agency index: Int) throws -> Data {
        Data(String(decoding: try example, as: UTF8.self).replacingOccurrences(of: "武汉市东西湖区残疾人联合会", with: "某区第\(index)局").utf8)
    }

    // MARK: - A batch never stops and never hides a file

    /// 2,000 files from a few templates: good, failing, broken, hostile (zip bomb, billion
    /// laughs, deep nesting), unreadable (a FIFO, a device, a link loop, a broken link, a file
    /// over every cap), and files removed while the run goes on. Every file listed gets its
    /// line; every unreadable one its reason; the run ends.
    func testTwoThousandMixedFilesAreEachReported() throws {
        let folder = try makeTemporaryDirectory("batch")
        let templates = try batchTemplates(in: try makeTemporaryDirectory("templates"))
        var written: [String] = []
        for index in 0..<1994 {
            let (suffix, data) = templates[index % templates.count]
            let path = folder.appendingPathComponent(String(format: "%04d-%@", index, suffix)).path
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: data))
            written.append(path)
        }
        let fifo = folder.appendingPathComponent("special-fifo.txt").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let device = folder.appendingPathComponent("special-zero.txt").path
        try FileManager.default.createSymbolicLink(atPath: device, withDestinationPath: "/dev/zero")
        let loop = folder.appendingPathComponent("special-loop.json").path
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
        let broken = folder.appendingPathComponent("special-broken.json").path
        try FileManager.default.createSymbolicLink(atPath: broken, withDestinationPath: "/nonexistent/r.json")
        let locked = folder.appendingPathComponent("special-locked.json").path
        XCTAssertTrue(FileManager.default.createFile(atPath: locked, contents: try example, attributes: [.posixPermissions: 0]))
        let huge = folder.appendingPathComponent("special-huge.txt").path
        XCTAssertTrue(FileManager.default.createFile(atPath: huge, contents: nil))
        XCTAssertEqual(truncate(huge, 60 << 20), 0)  // sparse: over every cap, costs no disk
        let specials = [fifo, device, loop, broken, locked, huge]
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("again").path, withDestinationPath: folder.path)

        // Some files vanish while the batch runs (before listing, or between listing and reading).
        let vanishing = stride(from: 7, to: 1994, by: 97).map { written[$0] }
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["check", "--format", "json", folder.path]
        let output = try makeTemporaryDirectory("out").appendingPathComponent("out.json")
        XCTAssertTrue(FileManager.default.createFile(atPath: output.path, contents: nil))
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        let start = Date()
        try process.run()
        usleep(200_000)
        for path in vanishing { try? FileManager.default.removeItem(atPath: path) }
        process.waitUntilExit()
        try handle.close()
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertLessThan(elapsed, 120, "the batch took \(elapsed) s")
        XCTAssertEqual(process.terminationStatus, 2, "unreadable files give exit 2, after every file is reported")

        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
        let files = try XCTUnwrap(document["files"] as? [[String: Any]])
        var statusByFile: [String: String] = [:]
        var messagesByFile: [String: [String]] = [:]
        for entry in files {
            let file = try XCTUnwrap(entry["file"] as? String)
            XCTAssertNil(statusByFile[file], "\(file) reported twice")
            statusByFile[file] = entry["status"] as? String
            messagesByFile[file] = (entry["messages"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        }
        let vanished = Set(vanishing)
        for path in written + specials where !vanished.contains(path) {
            XCTAssertNotNil(statusByFile[path], "\(path) was not reported")
        }
        for path in vanishing {
            // Removed before the listing: not a file of the batch. After it: reported as gone
            // (or read, when it was read before it went — then unreadable only for what its
            // content is, as every other file of its template).
            if let status = statusByFile[path], status == "unreadable" {
                let index = written.firstIndex(of: path) ?? 0
                let sibling = written[(index + templates.count) % written.count]
                let own = vanished.contains(sibling) ? nil : messagesByFile[sibling]
                let messages = messagesByFile[path]
                XCTAssertTrue(
                    messages == ["no such file (removed, or a broken link)"] || (own != nil && messages == own),
                    "\(path): \(messages ?? [])")
            }
        }
        XCTAssertEqual(Set(statusByFile.keys).subtracting(written + specials), [], "only the files of the folder, the link to it not walked")
        for (file, status) in statusByFile where status == "unreadable" {
            XCTAssertFalse(messagesByFile[file, default: []].isEmpty, "\(file) is unreadable without a reason")
        }
        XCTAssertEqual(messagesByFile[fifo], ["is not a regular file (a pipe, socket or device); name a report file"])
        XCTAssertEqual(messagesByFile[device], ["is not a regular file (a pipe, socket or device); name a report file"])
        XCTAssertEqual(messagesByFile[loop], ["cannot be read: a loop of symbolic links"])
        XCTAssertEqual(messagesByFile[broken], ["no such file (removed, or a broken link)"])
        XCTAssertEqual(messagesByFile[huge], ["is 60 MB, more than the 50 MB any report may have"])
        // The good files are copies of one agency's report: duplicates of each other.
        XCTAssertEqual(statusByFile[locked], getuid() == 0 ? "duplicate" : "unreadable", "root reads any file")
        // Each template kept its own outcome: hostile files cost only their own limits.
        let statuses = Dictionary(grouping: statusByFile.filter { !vanished.contains($0.key) }, by: { String($0.key.split(separator: "-").last ?? "") }).mapValues { Set($0.map(\.value)) }
        XCTAssertEqual(statuses["good.json"], ["duplicate"])
        XCTAssertEqual(statuses["good.xlsx"], ["duplicate"])
        XCTAssertEqual(statuses["bomb.xlsx"], ["unreadable"])
        XCTAssertEqual(statuses["laughs.xlsx"], ["unreadable"])
        XCTAssertEqual(statuses["deep.json"], ["unreadable"])
        XCTAssertEqual(statuses["deep.html"], ["unreadable"])
        XCTAssertEqual(statuses["broken.json"], ["unreadable"])
    }

    /// The templates of the batch, by file-name suffix.
    private func batchTemplates(in scratch: URL) throws -> [(String, Data)] {
        let variants = try WorkbookVariants.write(["zip-bomb", "billion-laughs"], into: scratch)
        let workbook = scratch.appendingPathComponent("good.xlsx").path
        XCTAssertEqual(try CLI.run(["convert", Fixtures.exampleJSON.path, workbook]).status, 0)
        let corpusTexts = try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpus.path).filter { $0.hasSuffix(".txt") }.sorted()
        var templates: [(String, Data)] = []
        templates.append(("good.json", try example))
        templates.append(("good.json", try example))
        templates.append(("good.json", try example))
        templates.append(("broken.json", Data("{\"form\": \"2019\", ".utf8)))
        templates.append(("good.xlsx", try Data(contentsOf: URL(fileURLWithPath: workbook))))
        templates.append(("bomb.xlsx", try Data(contentsOf: URL(fileURLWithPath: try XCTUnwrap(variants["zip-bomb"])))))
        templates.append(("laughs.xlsx", try Data(contentsOf: URL(fileURLWithPath: try XCTUnwrap(variants["billion-laughs"])))))
        templates.append(("deep.json", Data((String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)).utf8)))
        templates.append(("deep.html", Data(("<html><body>" + String(repeating: "<div>", count: 20_000) + "某局</body></html>").utf8)))
        let laughs = "<!DOCTYPE html [<!ENTITY a \"哈哈哈哈哈哈哈哈哈哈\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]><html><body><p>&e;&e;&e;&e;&e;&e;</p></body></html>"
        templates.append(("laughs.html", Data(laughs.utf8)))
        templates.append(("page.html", try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/html/09_shuyang_fgj_2023.html"))))
        templates.append(("empty.txt", Data()))
        templates.append(("garbage.xlsx", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })))
        templates.append(("nul.json", Data([0x7B, 0, 0, 0xFF])))
        for name in corpusTexts.prefix(1) {
            templates.append(("corpus.txt", try Data(contentsOf: Fixtures.corpus.appendingPathComponent(name))))
        }
        templates.append(("wrapped.pdf", try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/pdf/made-wrapped-labels.pdf"))))
        return templates
    }

    // MARK: - Outputs are the old file or the whole new one

    /// `sum` of many reports into a workbook, killed with SIGKILL at several moments: the target
    /// always opens as a workbook, the old one or the whole new one, never a part of either.
    func testKilledSumLeavesTheOldOrTheWholeNewWorkbook() throws {
        let inputs = try makeTemporaryDirectory("inputs")
        for index in 0..<100 { try example(agency: index).write(to: inputs.appendingPathComponent("r\(index).json")) }
        let folder = try makeTemporaryDirectory("killed")
        let target = folder.appendingPathComponent("合计.xlsx").path
        XCTAssertEqual(try CLI.run(["convert", Fixtures.exampleJSON.path, target]).status, 0)
        let old = try Data(contentsOf: URL(fileURLWithPath: target))

        // How long a whole run takes, to spread the kills over it.
        let start = Date()
        let whole = try CLI.run(["sum", inputs.path, "-o", folder.appendingPathComponent("whole.xlsx").path, "--agency", "某区"])
        XCTAssertEqual(whole.status, 0, whole.standardError)
        let duration = Date().timeIntervalSince(start)
        let new = try Data(contentsOf: folder.appendingPathComponent("whole.xlsx"))
        XCTAssertNotEqual(old, new)

        var generator = SeededGenerator(seed: 13)
        var outcomes: [String] = []
        for round in 0..<6 {
            let delay = round == 5 ? duration * 0.98 : Double.random(in: 0.05...max(0.1, duration), using: &generator)
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = ["sum", inputs.path, "-o", target, "--agency", "某区"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try Data(contentsOf: URL(fileURLWithPath: target))
            // Only the time stamps in docProps differ between two runs: compare the outcome by reading it.
            let read = try CLI.run(["cells", target])
            XCTAssertEqual(read.status, 0, "after a kill at \(delay) s the target is not a workbook: \(read.standardError)")
            if now == old {
                outcomes.append("old")
            } else {
                XCTAssertEqual(try CLI.run(["cells", folder.appendingPathComponent("whole.xlsx").path]).standardOutput, read.standardOutput, "a kill at \(delay) s left neither the old nor the whole new workbook")
                outcomes.append("new")
            }
        }
        print("kills of sum (\(String(format: "%.2f", duration)) s a run): \(outcomes)")
    }

    // MARK: - An output that cannot be written: exit 73, nothing half-written

    /// Runs `script` in a private mount namespace (`unshare -m`, so its mounts vanish with it),
    /// or skips the test where this sandbox allows no mounts.
    private func inPrivateMounts(_ script: String, _ arguments: [String]) throws -> CLIRun {
        let probe = try CLI.runProgram("/usr/bin/unshare", ["-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"])
        guard probe.status == 0 else { throw XCTSkip("no private mounts here (unshare -m): \(probe.standardError)") }
        return try CLI.runProgram("/usr/bin/unshare", ["-m", "sh", "-c", script, "sh"] + arguments)
    }

    /// A folder that refuses even root (a read-only mount): the message names the output, exit
    /// 73, and the folder stays empty. chmod 555 is tried too, which only binds non-root users.
    func testReadOnlyFolderGivesExit73AndLeavesNothing() throws {
        let folder = try makeTemporaryDirectory("readonly")
        let mount = folder.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: false)
        for name in ["out.xlsx", "out.json", "out.txt"] {
            let script = """
                mount -t tmpfs -o ro,size=64k tmpfs "$1" || exit 99
                "$2" convert "$3" "$1/$4"; status=$?
                echo "left: $(ls -A "$1")"
                exit $status
                """
            let run = try inPrivateMounts(script, [mount.path, CLI.executable.path, Fixtures.exampleJSON.path, name])
            XCTAssertEqual(run.status, 73, "\(name): \(run.standardError)")
            XCTAssertTrue(run.standardError.hasPrefix("error: \(mount.path)/\(name): "), run.standardError)
            XCTAssertTrue(run.standardError.contains("Read-only file system"), run.standardError)
            XCTAssertEqual(run.standardOutput, "left: \n")
        }
        let locked = folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o555])
        let run = try CLI.run(["convert", Fixtures.exampleJSON.path, locked.appendingPathComponent("out.xlsx").path])
        if getuid() == 0 {
            XCTAssertEqual(run.status, 0, "root writes in a 555 folder: \(run.standardError)")
        } else {
            XCTAssertEqual(run.status, 73, run.standardError)
            XCTAssertEqual(CLI.contents(of: locked), [])
        }
    }

    /// A full disk (a 40 KB tmpfs that the old output fills): exit 73 with the reason, the old file
    /// unchanged, no temporary file left beside it.
    func testFullDiskGivesExit73AndKeepsTheOldFile() throws {
        let folder = try makeTemporaryDirectory("full")
        let mount = folder.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: false)
        let inputs = try makeTemporaryDirectory("inputs")
        for index in 0..<3 { try example(agency: index).write(to: inputs.appendingPathComponent("r\(index).json")) }
        for (name, command) in [("out.xlsx", "sum"), ("out.json", "sum"), ("out.txt", "sum")] {
            let script = """
                mount -t tmpfs -o size=40k tmpfs "$1" || exit 99
                head -c 38000 /dev/urandom > "$1/$4"; sum_before=$(md5sum < "$1/$4")
                "$2" \(command) "$3" -o "$1/$4"; status=$?
                [ "$(md5sum < "$1/$4")" = "$sum_before" ] && echo "old kept"
                echo "left: $(ls -A "$1")"
                exit $status
                """
            let run = try inPrivateMounts(script, [mount.path, CLI.executable.path, inputs.path, name])
            XCTAssertEqual(run.status, 73, "\(name): \(run.standardError)")
            XCTAssertTrue(run.standardError.contains("error: \(mount.path)/\(name): cannot write"), run.standardError)
            XCTAssertTrue(run.standardError.contains("No space left on device"), run.standardError)
            XCTAssertEqual(run.standardOutput, "old kept\nleft: \(name)\n", "\(name): \(run.standardError)")
        }
    }

    // MARK: - Peak memory is bounded by the limits, not by the input

    /// `xxgk check` on the largest input each reader accepts, under `/usr/bin/time -v`: the
    /// peak resident set stays under a bound set from these limits (docs/LIMITS.md).
    func testPeakMemoryOnTheLargestAcceptedInputs() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { throw XCTSkip("no /usr/bin/time") }
        let folder = try makeTemporaryDirectory("largest")
        let corpusText = try Data(contentsOf: Fixtures.corpus.appendingPathComponent("04_shanghai_szfbgt_2019.txt"))
        var inputs: [(String, Data, Int)] = []
        // Text: a real report, then prose to just under 2 MB.
        let prose = Data((String(repeating: "这是一段说明文字。", count: 30) + "\n").utf8)
        var text = corpusText
        while text.count + prose.count < (2 << 20) - 1 { text.append(prose) }
        inputs.append(("largest.txt", text, 400))
        // JSON: the example with an annotation filling it to just under 16 MB.
        var json = String(decoding: try example, as: UTF8.self)
        json = json.replacingOccurrences(of: "{\n", with: "{\n  \"_pad\": \"" + String(repeating: "x", count: (16 << 20) - json.utf8.count - 64) + "\",\n", options: [], range: json.range(of: "{\n"))
        inputs.append(("largest.json", Data(json.utf8), 400))
        // A web page: markup to just under 4 MB (a DOM of 300,000 elements), with next to no text (the parser's time is the text caps' concern).
        var page = "<html><body><p>"
        while page.utf8.count < (4 << 20) - 4096 { page += "<span><b></b></span><i></i>\n" }
        page += "</p>"
        inputs.append(("largest.html", Data((page + "</table></body></html>").utf8), 600))
        for (name, data, _) in inputs { try data.write(to: folder.appendingPathComponent(name)) }
        // A PDF of 300 pages (the page limit) of 32 lines each: 9,600 lines, under the 10,000 a PDF's text may have.
        let pdf = folder.appendingPathComponent("largest.pdf").path
        let script = """
            import sys
            count = 300
            kids = " ".join("%d 0 R" % (4 + i) for i in range(count))
            objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids.encode(), count),
                       b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
            lines = b" ".join(b"1 0 0 1 40 %d Tm (%d 12345 67890 line of text on a full page) Tj" % (800 - 12 * k, k) for k in range(32))
            stream = b"BT /F1 10 Tf " + lines + b" ET"
            for _ in range(count):
                objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (4 + count))
            objects.append(b"<< /Length %d >>\\nstream\\n%s\\nendstream" % (len(stream), stream))
            out = bytearray(b"%PDF-1.4\\n")
            offsets = []
            for number, body in enumerate(objects, start=1):
                offsets.append(len(out))
                out += b"%d 0 obj\\n%s\\nendobj\\n" % (number, body)
            xref = len(out)
            out += b"xref\\n0 %d\\n0000000000 65535 f \\n" % (len(objects) + 1)
            for offset in offsets: out += b"%010d 00000 n \\n" % offset
            out += b"trailer\\n<< /Size %d /Root 1 0 R >>\\nstartxref\\n%d\\n%%%%EOF\\n" % (len(objects) + 1, xref)
            open(sys.argv[1], "wb").write(out)
            """
        try ExternalProgram.run("python3", ["-c", script, pdf])
        var measured: [String] = []
        for (name, bound) in inputs.map({ ($0.0, $0.2) }) + [("largest.pdf", 600)] {
            let path = folder.appendingPathComponent(name).path
            let run = try CLI.runProgram("/usr/bin/time", ["-v", CLI.executable.path, "check", path])
            XCTAssertNotEqual(run.status, 64, run.standardError)
            XCTAssertFalse(run.standardError.contains("more than the"), "\(name) must be accepted by the size caps: \(run.standardError.prefix(300))")
            let line = try XCTUnwrap(run.standardError.split(separator: "\n").first { $0.contains("Maximum resident set size") })
            let kilobytes = try XCTUnwrap(Int(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? ""))
            measured.append("\(name) \(kilobytes / 1024) MB")
            XCTAssertLessThan(kilobytes / 1024, bound, "\(name): peak \(kilobytes / 1024) MB")
        }
        print("peak memory of xxgk check on the largest accepted inputs: \(measured.joined(separator: ", "))")
    }
}
