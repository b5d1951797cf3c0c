import Foundation

/// Headless LibreOffice Calc, the real spreadsheet application the tests compare with.
public enum LibreOffice {
    /// Converts every file with one headless run into `folder` (created when missing), as
    /// `format` (`xlsx:Calc MS Excel 2007 XML`, `xls`, `pdf`). The run has a private profile and
    /// HOME, so it never meets a user's or another test's instance; they are removed afterwards.
    /// With `recalculating`, the profile forces a full recalculation on load (OOXMLRecalcMode 0),
    /// since LibreOffice otherwise shows the cached values.
    public static func convert(_ files: [URL], to format: String, in folder: URL, recalculating: Bool = false) throws {
        let profile = try TemporaryDirectory("libreoffice")
        defer { profile.remove() }
        if recalculating {
            let user = profile.url.appendingPathComponent("user")
            try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
            let settings = """
                <?xml version="1.0" encoding="UTF-8"?>
                <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
                </oor:items>
                """
            try Data(settings.utf8).write(to: user.appendingPathComponent("registrymodifications.xcu"))
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try ExternalProgram.run(
            "soffice",
            ["-env:UserInstallation=\(profile.url.absoluteString)", "--headless", "--norestore", "--convert-to", format, "--outdir", folder.path]
                + files.map(\.path),
            environment: ["HOME": profile.url.path])
    }
}
