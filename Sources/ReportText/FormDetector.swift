import Foundation
import ReportModel

/// Decides the form from the labels only one form has (TEXT-SHAPES “telling them apart”),
/// then from the year.
enum FormDetector {
    static func form(text: String, year: Int?) -> Form {
        let normalized = Labels.normalize(text)
        let forms = FormCatalog.all
        var best: (form: Form, score: Int)?
        for form in forms {
            let own = labels(of: form)
            let others = Set(forms.filter { $0 != form }.flatMap(labels(of:)))
            let distinctive = own.filter { label in !others.contains(where: { $0.contains(label) }) }
            let score = distinctive.filter { normalized.contains($0) }.count
            if score > (best?.score ?? 0) { best = (form, score) }
            else if score == best?.score, let year, form.years.contains(year) { best = (form, score) }
        }
        if let best, best.score > 0 { return best.form }
        return year.flatMap(FormCatalog.form(forYear:)) ?? FormCatalog.newest ?? forms[0]
    }

    /// Every row, column and caption label of a form, normalized without enumerators.
    private static func labels(of form: Form) -> Set<String> {
        var labels: Set<String> = []
        for table in form.tables {
            for row in table.rows {
                labels.formUnion(row.labelPath.map { Labels.core(Labels.normalize($0)) })
                for column in row.columns { labels.formUnion(column.labelPath.map { Labels.normalize($0) }) }
            }
            if case .blocks(let blocks) = table.layout { labels.formUnion(blocks.map { Labels.normalize($0.caption) }) }
        }
        return labels.filter { $0.count >= 2 }
    }
}
