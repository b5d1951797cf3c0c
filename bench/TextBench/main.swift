import Foundation
import HTMLReport
import ReportModel
import ReportText

// `make bench` (bench/text.sh): parses one text report (or web page: .html, .htm) N times in
// one process, so the cost of a parse can be measured apart from the process's start-up (run
// under callgrind with N = 1 and N = 0 and subtract, or with N = 2 and N = 1 for a parse in a
// warm process).
//
// Usage: xxgk-text-bench FILE [N]   (N defaults to 1; prints the values read and the time)
let arguments = CommandLine.arguments.dropFirst()
guard let path = arguments.first, let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write(Data("usage: xxgk-text-bench FILE [N]\n".utf8))
    exit(64)
}
let iterations = arguments.dropFirst().first.flatMap { Int($0) } ?? 1
let isPage = [".html", ".htm"].contains { path.lowercased().hasSuffix($0) }
var values = 0
let start = DispatchTime.now().uptimeNanoseconds
for _ in 0..<iterations {
    do {
        let loaded = isPage ? try HTMLReport.read(data, file: path) : try ReportText.parse(data, file: path)
        values += loaded.report.values.count
    } catch {
        FileHandle.standardError.write(Data("\(path): \(error)\n".utf8))
        exit(2)
    }
}
let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
print("\(iterations) parses of \(path): \(values) values, \(String(format: "%.2f", iterations > 0 ? elapsed / Double(iterations) : 0)) ms per parse")
