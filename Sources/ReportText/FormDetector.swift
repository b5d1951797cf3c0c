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
            let labelsByForm = forms.map(labels(of:))
            return forms.indices.map { position in
                let others = Set(forms.indices.filter { forms[$0] != forms[position] }.flatMap { labelsByForm[$0] }).map { Array($0.utf8) }
                // Sorted: the count does not depend on the order, the cache's content should not either.
                return labelsByForm[position].sorted().map { Array($0.utf8) }.filter { label in
                    !others.contains { TextSearch.firstIndex(of: label, in: $0) != nil }
                }
            }
        }
    }

    /// Every row, column and caption label of a form, normalized without enumerators.
    private static func labels(of form: Form) -> Set<String> {
        // Each printed label once: every row repeats its table's column labels.
        var rowLabels: Set<String> = []
        var otherLabels: Set<String> = []
        for table in form.tables {
            for row in table.rows {
                rowLabels.formUnion(row.labelPath)
                for column in row.columns { otherLabels.formUnion(column.labelPath) }
            }
            if case .blocks(let blocks) = table.layout { otherLabels.formUnion(blocks.map(\.caption)) }
        }
        let labels = Set(rowLabels.map { Labels.core(Labels.normalize($0)) }).union(otherLabels.map(Labels.normalize))
        return labels.filter { $0.count >= 2 }
    }
}

/// The distinctive labels of each set of forms.
private let distinctiveByForms = FormLabelCache<[[[UInt8]]]>()
