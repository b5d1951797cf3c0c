// swift-tools-version:6.0
import PackageDescription

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
        .library(name: "ReportFormats", targets: ["ReportFormats"]),
        .library(name: "ReportBatch", targets: ["ReportBatch"]),
        .library(name: "ReportServer", targets: ["ReportServer"]),
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
        // The registry of report kinds: one reader and one writer per kind, behind one protocol.
        .target(
            name: "ReportFormats",
            dependencies: ["ReportModel", "XLSX", "ReportWorkbook", "ReportText"]),
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

        // `make fuzz`: the reader under libFuzzer (built with -sanitize=fuzzer -DFUZZING in
        // .build-fuzz); without those flags, a replayer of fuzz inputs.
        .executableTarget(
            name: "xxgk-fuzz-reader",
            dependencies: ["XLSX"],
            path: "Fuzz/ReaderFuzz"),

        // Seeded random reports and fixture paths shared by the test targets.
        .target(
            name: "TestSupport",
            dependencies: ["ReportModel"]),
        .testTarget(
            name: "ReportModelTests",
            dependencies: ["ReportModel", "TestSupport"]),
        .testTarget(
            name: "ReportTextTests",
            dependencies: ["ReportModel", "ReportText"]),
        .testTarget(
            name: "CLITests",
            dependencies: ["ReportModel", "TestSupport"]),
        // The workbook layout and writer, checked with openpyxl and headless LibreOffice.
        .testTarget(
            name: "ReportWorkbookTests",
            dependencies: ["ReportWorkbook", "XLSX", "ReportModel", "TestSupport"]),
        // The streaming reader: every cell kind, and hostile files (fixtures made by Tests/Scripts).
        .testTarget(
            name: "XLSXTests",
            dependencies: ["XLSX"]),
        // Filled workbooks (xxgk, openpyxl, LibreOffice) read back into reports.
        .testTarget(
            name: "ReportWorkbookImportTests",
            dependencies: ["ReportWorkbook", "XLSX", "ReportModel", "TestSupport"]),
        // The generic XLSX reader: hand-made format variants, files of other programs, hostile files.
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
