import Foundation
import TestSupport

/// The test pages of Tests/Fixtures/html (made by Tests/Scripts/make_html_fixtures.py).
extension Fixtures {
    static let html = packageRoot.appendingPathComponent("Tests/Fixtures/html")

    static func page(_ name: String) throws -> Data {
        try Data(contentsOf: html.appendingPathComponent(name))
    }
}
