import Foundation
@testable import PDFReport
import XCTest

final class DumpTests: XCTestCase {
    func testDump() throws {
        let path = ProcessInfo.processInfo.environment["PDF_DUMP"] ?? ""
        guard !path.isEmpty else { return }
        let lines = try PDFReport.textLines(try Data(contentsOf: URL(fileURLWithPath: path)))
        print("lines:", lines.count)
        for (n, line) in lines.enumerated() { print("\(n + 1) p\(line.page): \(line.text.replacingOccurrences(of: "\t", with: " ⇥ "))") }
    }
}
