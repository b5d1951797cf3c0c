/// Resolving relationship targets to part names inside the archive.
enum PartPath {
    /// The folder of a part (`xl/workbook.xml` → `xl`), empty at the root.
    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[..<slash])
    }

    /// The relationships part of `part` (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`).
    static func relationships(of part: String) -> String {
        let folder = folder(of: part)
        let file = part.split(separator: "/").last.map(String.init) ?? part
        return (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
    }

    /// `target` as a part name: absolute (`/xl/worksheets/sheet1.xml`) from the root, relative
    /// (`worksheets/sheet1.xml`, `../xl/sheet.xml`) from `folder`; `.` and `..` resolved.
    static func resolve(_ target: String, from folder: String) -> String {
        let cleaned = target.replacingAll("\\", with: "/")
        var segments: [Substring] = cleaned.hasPrefix("/") ? [] : folder.split(separator: "/")
        for segment in cleaned.split(separator: "/") {
            if segment == "." { continue }
            if segment == ".." {
                if !segments.isEmpty { segments.removeLast() }
            } else {
                segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }
}
