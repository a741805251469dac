import CareDomain

/// A walk-in customer registered at the counter: the profile form, then,
/// when someone in the store may be the same person, the possible
/// duplicates, any of which the agent can open instead.
struct RegisterDialog: Dialog, Equatable {
    var form = Form(ProfileForm.fields(for: nil))
    /// Shown once Enter found possible duplicates; the last choice registers anyway.
    var duplicates: [CustomerRules.PossibleDuplicate]?
    var selected = 0

    func title(in state: AppState) -> String {
        duplicates == nil ? tr("Register a customer") : tr("Already in the store?")
    }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        guard duplicates != nil else { return Form.bindings(save: tr("saves")) }
        return ChoiceKeys.bindings(verb: tr("opens it")) + [
            Binding([.tab], "Tab", .nextField, help: tr("back to the form"), hint: tr("form")), ChoiceKeys.cancel(),
        ]
    }

    func body(in state: AppState) -> DialogBody {
        guard let duplicates else {
            let note = DialogBody.Line.text(tr("Name is needed; the rest as the customer wishes."), Style(.muted))
            return DialogBody([note] + form.lines, selected: form.active + 1)
        }
        let intro = DialogBody.Line.text(
            tr("These customers may be the same person. Open one, or register a new customer."), Style(.key))
        let rows = duplicates.map(\.row)
        let choices = DialogBody.choices(rows + [tr("Register a new customer anyway")], selected: selected, rows: true)
        return DialogBody([intro] + choices, selected: selected + 1)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        let draft = ProfileForm.draft(from: form, original: nil)
        guard let duplicates else {
            if let outcome = form.act(action) { return outcome }
            if let problem = ProfileForm.problem(in: draft, today: Day(containing: state.now)) {
                state.message = problem.sentence
                form.focus(problem.label)
                return .stay
            }
            guard draft.fields[.name]?.trimmingCharacters(in: .whitespaces).isEmpty == false else {
                state.message = CustomerRefusal.noName.description
                form.focus(CustomerField.name.shown)
                return .stay
            }
            let found = CustomerRules.duplicates(of: draft, in: state.store)
            guard found.isEmpty else {
                self.duplicates = found
                selected = 0
                return .stay
            }
            return .leave([.act(.register(draft))])
        }
        if action == .nextField {
            self.duplicates = nil
            return .stay
        }
        guard let index = ChoiceKeys.chosen(action, &selected, count: duplicates.count + 1) else { return .stay }
        guard index < duplicates.count else { return .leave([.act(.register(draft))]) }
        let existing = duplicates[index].customer.id
        if state.selectCustomer(existing) { state.focus = .profile }
        return .leave
    }

    mutating func type(_ key: Key) {
        if duplicates == nil { form.type(key) }
    }
}
