import CareDomain

/// A customer's profile corrected: every field as it is now, changed in
/// place; only what changed is saved (consents added to their history).
struct CorrectDialog: Dialog, Equatable {
    var customer: Customer
    var form: Form

    init(customer: Customer) {
        self.customer = customer
        form = Form(ProfileForm.fields(for: customer))
    }

    func title(in state: AppState) -> String { tr("Correct %@ (%@)", customer.name, customer.id) }

    func bindings(in state: AppState) -> [Binding<DialogAction>] { Form.bindings(save: tr("saves")) }

    func body(in state: AppState) -> DialogBody {
        let note = DialogBody.Line.text(tr("Change what is wrong; an empty field is cleared."), Style(.muted))
        return DialogBody([note] + form.lines, selected: form.active + 1)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        if let outcome = form.act(action) { return outcome }
        var draft = ProfileForm.draft(from: form, original: customer)
        // An answer the same as the one in force is no change.
        for (purpose, answer) in draft.consents where customer.consent(to: purpose)?.granted == answer {
            draft.consents[purpose] = nil
        }
        if let problem = ProfileForm.problem(in: draft, today: Day(containing: state.now)) {
            state.message = problem.sentence
            form.focus(problem.label)
            return .stay
        }
        guard !draft.fields.isEmpty || !draft.consents.isEmpty else {
            state.message = tr("Nothing changed: type the new value over the old one.")
            return .stay
        }
        return .leave([.act(.correct(customer.id, draft))])
    }

    mutating func type(_ key: Key) { form.type(key) }
}
