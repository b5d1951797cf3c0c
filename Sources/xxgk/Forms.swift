import ArgumentParser
import ReportModel

/// `xxgk forms [FORM] [--ids]`: the forms, their tables, rows, columns and rules.
struct Forms: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the forms; with --ids, every table, row and column id with its label.")

    @Argument(help: "A form id (2019 or 2021); all forms when omitted.")
    var form: String?

    @Flag(help: "Print every table, row and column id with its label, and the rules.")
    var ids = false

    func run() throws {
        var forms = FormCatalog.all
        if let form {
            guard let found = FormCatalog.form(id: form) else {
                throw ValidationError("unknown form \"\(form)\"; expected one of \(FormCatalog.knownIDs)")
            }
            forms = [found]
        }
        for form in forms {
            print("\(form.id)\t\(form.name)\treports for \(form.years.description)")
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
                print("rule\t\(rule.id)\t\(rule.severity.rawValue)\t\(rule.title)\tfor each \(rule.scope.rawValue): \(expression)")
            }
        }
    }
}
