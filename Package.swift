// swift-tools-version:6.0
import Foundation
import PackageDescription

// `make fuzz` sets XXGK_FUZZ=1: only the fuzz harness then links libFuzzer (-sanitize=fuzzer).
// The rest of the build gets address sanitizer and coverage through -Xswiftc, which the build
// plugin's host tool (EmbedFormsTool) links with; libFuzzer's own `main` would break its link.
let fuzzing = ProcessInfo.processInfo.environment["XXGK_FUZZ"] == "1"

/// xxgk: the annual report on government information disclosure (政府信息公开工作年度报告)
/// as one canonical model, converted to and from XLSX workbooks, JSON and text.
let package = Package(
    name: "xxgk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "xxgk", targets: ["xxgk"]),
        .library(name: "ReportModel", targets: ["ReportModel"]),
        .library(name: "XLSX", targets: ["XLSX"]),
        .library(name: "ReportWorkbook", targets: ["ReportWorkbook"]),
        .library(name: "ReportText", targets: ["ReportText"]),
        .library(name: "HTMLReport", targets: ["HTMLReport"]),
        .library(name: "ReportFormats", targets: ["ReportFormats"]),
        .library(name: "ReportBatch", targets: ["ReportBatch"]),
        .library(name: "ReportServer", targets: ["ReportServer"]),
        .library(name: "PDFReport", targets: ["PDFReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `xxgk serve`: the HTTP server, its page templates and its SQLite storage.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C libraries, each wrapped once behind a small shim header.
        .systemLibrary(
            name: "CXlsxWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CMinizip", pkgConfig: "minizip",
            providers: [.apt(["libminizip-dev"])]),
        // minizip's writing half (zip.h), for the server's zip of templates; apart from the
        // reader's shim so that neither module sees the other's C names.
        .systemLibrary(
            name: "CMinizipZip", path: "Sources/CMinizipZip", pkgConfig: "minizip",
            providers: [.apt(["libminizip-dev"])]),
        // Poppler's GLib API, loaded by the first PDF read (dlopen) instead of linked: linking it
        // brought 44 shared libraries whose binding cost every start ~20M instructions.
        .target(
            name: "CPoppler",
            linkerSettings: [.linkedLibrary("dl")]),

        // Form definitions, the report value type, its JSON and the check engine.
        .target(
            name: "ReportModel",
            plugins: ["EmbedForms"]),
        // Embeds templates/form-*.json into the ReportModel module at build time, so the
        // installed binary carries its forms wherever it runs.
        .executableTarget(name: "EmbedFormsTool", path: "Plugins/EmbedFormsTool"),
        .plugin(
            name: "EmbedForms", capability: .buildTool(),
            dependencies: ["EmbedFormsTool"], path: "Plugins/EmbedForms"),
        // Generic XLSX reading (minizip + libxml2) and writing (libxlsxwriter); knows nothing of reports.
        .target(
            name: "XLSX",
            dependencies: ["CXlsxWriter", "CLibXML2", "CMinizip"]),
        // Report ⇄ workbook in the official layout.
        .target(
            name: "ReportWorkbook",
            dependencies: ["ReportModel", "XLSX"]),
        // Report ⇄ plain text and Markdown.
        .target(
            name: "ReportText",
            dependencies: ["ReportModel"]),
        // Published report pages (HTML, often GBK) → the lines of a text report → ReportText.
        .target(
            name: "HTMLReport",
            dependencies: ["CLibXML2", "ReportModel", "ReportText"]),
        // The registry of report kinds: one reader and one writer per kind, behind one protocol.
        .target(
            name: "ReportFormats",
            dependencies: ["ReportModel", "XLSX", "ReportWorkbook", "ReportText", "HTMLReport", "PDFReport"]),
        // A batch of submissions: each file read and checked, year to year, the summary.
        .target(
            name: "ReportBatch",
            dependencies: ["ReportModel", "XLSX", "ReportFormats"]),
        // The disclosure office's web page (`xxgk serve`): routes, storage, pages.
        .target(
            name: "ReportServer",
            dependencies: [
                "ReportModel", "XLSX", "ReportWorkbook", "ReportFormats", "ReportBatch", "CMinizipZip",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        // Published PDF reports: poppler's text layer with positions, rebuilt into the
        // lines of a text report and read by ReportText.
        .target(
            name: "PDFReport",
            dependencies: ["CPoppler", "ReportModel", "ReportText"]),
        // The command line.
        .executableTarget(
            name: "xxgk",
            dependencies: [
                "ReportModel", "XLSX", "ReportWorkbook", "ReportText", "ReportFormats", "ReportBatch",
                "ReportServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // `make bench`: writes N filled workbooks in one process and prints the time per workbook.
        .executableTarget(
            name: "xxgk-workbook-bench",
            dependencies: ["ReportModel", "ReportWorkbook"],
            path: "bench/WorkbookBench"),

        // `make bench` (bench/text.sh): parses a text report or a web page N times in one process.
        .executableTarget(
            name: "xxgk-text-bench",
            dependencies: ["ReportModel", "ReportText", "HTMLReport"],
            path: "bench/TextBench"),

        // `make bench`: the round-trip soak over 10,000 random reports (bench/soak.sh).
        .executableTarget(
            name: "xxgk-soak",
            dependencies: ["TestSupport", "ReportModel"],
            path: "bench/Soak"),

        // `make bench`: reads a PDF report N times in one process and prints the time per read and per page.
        .executableTarget(
            name: "xxgk-pdf-bench",
            dependencies: ["PDFReport"],
            path: "bench/PDFBench"),

        // `make fuzz`: every reader of the registry under libFuzzer, one kind a run
        // (XXGK_FUZZ_KIND); built with XXGK_FUZZ=1 in .build-fuzz. Otherwise a replayer of fuzz inputs.
        .executableTarget(
            name: "xxgk-fuzz-reader",
            dependencies: ["XLSX", "ReportFormats", "ReportModel"],
            path: "Fuzz/ReaderFuzz",
            swiftSettings: fuzzing ? [.define("FUZZING"), .unsafeFlags(["-sanitize=fuzzer,address"])] : [],
            linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : []),

        // Shared by the test targets: seeded random reports, fixture paths and variants, temporary
        // folders removed at teardown, and the external programs (openpyxl, LibreOffice).
        .target(
            name: "TestSupport",
            dependencies: ["ReportModel", "ReportFormats"]),
        .testTarget(
            name: "ReportModelTests",
            dependencies: ["ReportModel", "TestSupport"]),
        // The registry of kinds: lookup, sniffing, every writer read back by its reader.
        .testTarget(
            name: "ReportFormatsTests",
            dependencies: ["ReportFormats", "ReportModel", "TestSupport"]),
        .testTarget(
            name: "ReportTextTests",
            dependencies: ["ReportModel", "ReportText"]),
        // Report pages in the structure of real government sites, and hostile pages.
        .testTarget(
            name: "HTMLReportTests",
            dependencies: ["HTMLReport", "ReportModel", "ReportText", "TestSupport"]),
        // The PDF reader: the corpus PDF and one made-for-the-test PDF per trait or hostile file.
        .testTarget(
            name: "PDFReportTests",
            dependencies: ["PDFReport", "ReportModel"]),
        // A batch: every file listed and reported (hostile, unreadable, vanished ones too), none read past its caps.
        .testTarget(
            name: "ReportBatchTests",
            dependencies: ["ReportBatch", "ReportFormats", "ReportModel", "TestSupport"]),
        .testTarget(
            name: "CLITests",
            dependencies: ["ReportModel", "TestSupport"]),
        // The report layout and the report writer, checked with openpyxl and headless LibreOffice.
        .testTarget(
            name: "ReportWorkbookTests",
            dependencies: ["ReportWorkbook", "XLSX", "ReportModel", "TestSupport"]),
        // The generic XLSX writer (libxlsxwriter): what it refuses, and what openpyxl reads back.
        .testTarget(
            name: "XLSXWriterTests",
            dependencies: ["XLSX", "TestSupport"]),
        // Filled workbooks (xxgk, openpyxl, LibreOffice) read back into reports.
        .testTarget(
            name: "ReportWorkbookImportTests",
            dependencies: ["ReportWorkbook", "XLSX", "ReportModel", "TestSupport"]),
        // The generic XLSX reader: every rule of the format and every hostile file, one hand-made
        // variant each (Tests/Scripts/make_xlsx_variant.py), and files of other programs.
        .testTarget(
            name: "XLSXReaderTests",
            dependencies: ["XLSX", "TestSupport", "ReportModel", "ReportWorkbook"]),
        // The web page: every route through HummingbirdTesting, and a real browser (Selenium).
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "ReportServer", "ReportBatch", "ReportFormats", "ReportModel", "XLSX", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
