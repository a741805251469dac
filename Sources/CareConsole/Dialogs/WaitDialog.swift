import CareDomain

/// Stopping an incident's clock: whom it waits on, and for what (optional).
/// `w` again on a waiting incident runs the clock without a dialog.
struct WaitDialog: Dialog, Equatable {
    var incident: IncidentID
    var form = Form([
        // "customer", "partner" ("cliente", "socio"): each its own first letter for type-ahead.
        Form.choice(
            Self.whom,
            IncidentRules.WaitingOn.allCases.map(\.shown)),
        Form.text(Self.note),
    ])

    static var whom: String { tr("waiting on") }
    static var note: String { tr("for what") }

    func title(in state: AppState) -> String { tr("Stop the clock of %@", incident) }

    func bindings(in state: AppState) -> [Binding<DialogAction>] { Form.bindings(save: tr("stops it")) }

    func body(in state: AppState) -> DialogBody {
        let due = state.store.incidents[incident].map { tr("Due %@.", $0.dueLine(at: state.now)) } ?? ""
        let line = DialogBody.Line.text(
            due + tr(" The time it waits does not count against the service level."), Style(.muted))
        return DialogBody([line] + form.lines, selected: form.active + 1)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        if let outcome = form.act(action) { return outcome }
        let whom = form.chosen(Self.whom, from: IncidentRules.WaitingOn.allCases) ?? .customer
        return .leave([.act(.wait(incident, whom, note: form.text(Self.note)))])
    }

    mutating func type(_ key: Key) { form.type(key) }
}
