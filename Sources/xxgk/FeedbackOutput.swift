import Foundation
import ReportBatch
import ReportFormats
import ReportModel
import ReportWorkbook
import XLSX

/// `check --feedback DIR`: one feedback workbook per submission with findings.
enum FeedbackOutput {
    /// Writes `DIR/<name>-反馈.xlsx` for every readable result with findings (a second file
    /// of the same name gets `-2`, …), each whole or not at all; never over an input.
    /// Returns the paths written.
    @discardableResult
    static func write(_ results: [CheckResult], to folder: String, inputs: [String]) throws -> [String] {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw OutputError(path: folder, reason: Messages.text("batch.feedback.cannot_create", ["reason": error.localizedDescription]))
            }
        } else if !isDirectory.boolValue {
            throw OutputError(path: folder, reason: Messages.text("batch.feedback.not_folder"))
        }
        let inputPaths = Set(inputs.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        var used: Set<String> = []
        var written: [String] = []
        for result in results {
            guard let loaded = result.loaded, !result.findings.isEmpty || !loaded.warnings.isEmpty else { continue }
            let name = ReportWorkbook.feedbackFileName(for: result.file)
            var path = (folder as NSString).appendingPathComponent(name)
            var counter = 2
            while used.contains(path) || inputPaths.contains(URL(fileURLWithPath: path).standardizedFileURL.path) {
                let stem = (name as NSString).deletingPathExtension
                path = (folder as NSString).appendingPathComponent("\(stem)-\(counter).xlsx")
                counter += 1
            }
            used.insert(path)
            try WorkbookOutput.write(to: path) { (temporary: String) throws(XLSXWriteError) in
                try ReportWorkbook.writeFeedback(
                    loaded.report, findings: result.findings, warnings: loaded.warnings.map { $0.inFile(result.file) },
                    to: temporary, generator: XXGK.generator)
            }
            written.append(path)
        }
        return written
    }
}
