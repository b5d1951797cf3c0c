import Foundation
import ReportModel

/// Decides the form from the labels only one form has (TEXT-SHAPES “telling them apart”),
/// then from the year.
enum FormDetector {
    static func form(text: String, year: Int?) -> Form {
        let normalized = Array(Labels.normalize(text).utf8)
        let forms = FormCatalog.all
        let distinctive = distinctiveLabels(of: forms)
        var best: (form: Form, score: Int)?
        for (form, own) in zip(forms, distinctive) {
            let score = own.filter { TextSearch.contains(normalized, $0) }.count
            if score > (best?.score ?? 0) { best = (form, score) }
            else if score == best?.score, let year, form.years.contains(year) { best = (form, score) }
        }
        if let best, best.score > 0 { return best.form }
        return year.flatMap(FormCatalog.form(forYear:)) ?? FormCatalog.newest ?? forms[0]
    }

    /// The labels of each form that no other form's labels contain, as UTF-8: worked out once
    /// per set of form definitions (keyed on their fingerprints), not once per report.
    private static func distinctiveLabels(of forms: [Form]) -> [[[UInt8]]] {
        var hasher = Hasher()
        for form in forms { hasher.combine(form.fingerprint) }
        return distinctiveByForms.value(for: hasher.finalize()) {
            forms.map { form in
                let own = labels(of: form)
                let others = Set(forms.filter { $0 != form }.flatMap(labels(of:)))
                // Sorted: the count does not depend on the order, the cache's content should not either.
                return own.filter { label in !others.contains(where: { TextSearch.contains($0, label) }) }.sorted().map { Array($0.utf8) }
            }
        }
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

/// The distinctive labels of each set of forms.
private let distinctiveByForms = FormLabelCache<[[[UInt8]]]>()
