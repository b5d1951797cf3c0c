import ArgumentParser
import ReportModel

/// `xxgk forms [FORM] [--ids]`: the forms, their tables, rows, columns and rules.
struct Forms: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Messages.text("cli.forms.abstract"))

    @Argument(help: ArgumentHelp(Messages.text("cli.forms.form", ["ids": FormArgument.idList])))
    var form: String?

    @Flag(help: ArgumentHelp(Messages.text("cli.forms.ids")))
    var ids = false

    func run() throws {
        let forms = try form.map { [try FormArgument.form($0)] } ?? FormCatalog.all
        for form in forms {
            print("\(form.id)\t\(form.name)\t\(Messages.text("cli.forms.years", ["years": form.years.description]))")
            guard ids else { continue }
            for section in form.sections {
                print("section\t\(section.id)\t\(section.heading)")
            }
            for table in form.tables {
                print("table\t\(table.id)\t\(form.sections.first { $0.table == table.id }?.heading ?? "")")
                for row in table.rows {
                    print("row\t\(table.id).\(row.id)\t\(row.labelPath.joined(separator: " › "))")
                    for column in row.columns {
                        print("cell\t\(table.id).\(row.id).\(column.id)\t\(column.labelPath.joined(separator: " › "))\t\(column.kind.rawValue)")
                    }
                }
            }
            for rule in form.rules {
                let expression = rule.left.joined(separator: " + ") + " \(rule.relation.rawValue) " + rule.right.joined(separator: " + ")
                let scope = rule.scope == .row ? Messages.text("cli.forms.scope_row") : Messages.text("cli.forms.scope_column")
                print("rule\t\(rule.id)\t\(rule.severity.rawValue)\t\(rule.title)\t\(Messages.text("cli.forms.rule", ["scope": scope, "expression": expression]))")
            }
        }
    }
}

/// A form named on the command line (`--form 2021`, `forms 2019`): one lookup and one
/// message for every command, a usage error when the form is unknown.
enum FormArgument {
    /// `2019 or 2021`: the ids of the forms this xxgk knows.
    static var idList: String {
        let ids = FormCatalog.all.map(\.id)
        guard ids.count > 1 else { return ids.joined() }
        return ids.dropLast().joined(separator: Messages.text("list.separator")) + Messages.text("list.or") + (ids.last ?? "")
    }

    /// The form with id `id`, or the newest when `id` is nil.
    static func form(_ id: String?) throws -> Form {
        guard let id else {
            guard let newest = FormCatalog.newest else { throw ValidationError(Messages.text("cli.forms.none")) }
            return newest
        }
        guard let form = FormCatalog.form(id: id) else {
            throw ValidationError(Messages.text("json.form.unknown", ["found": "\"\(id)\"", "known": FormCatalog.knownIDs]))
        }
        return form
    }
}
