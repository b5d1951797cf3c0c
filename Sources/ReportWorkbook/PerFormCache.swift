import Foundation
import ReportModel

/// Values computed once per shipped form on first use (a form's layout and formulas do not
/// change while the program runs). A form that is not the shipped one of its id, such as a
/// test's own definition, is never cached.
final class PerFormCache<Value: Sendable>: @unchecked Sendable {
    // @unchecked: every access to `values` holds `lock`.
    private let lock = NSLock()
    private var values: [String: Value] = [:]

    /// The cached value for `form`, computing it with `make` the first time.
    func value(for form: Form, _ make: () -> Value) -> Value {
        guard let shipped = FormCatalog.form(id: form.id), shipped.fingerprint == form.fingerprint else { return make() }
        lock.lock()
        if let cached = values[form.id] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let value = make()
        lock.lock()
        values[form.id] = values[form.id] ?? value
        lock.unlock()
        return value
    }
}
