import CareDomain

/// A supervisor sets a customer's lifecycle stage by hand, with the reason.
struct StageDialog: Dialog, Equatable {
    var customer: Customer
    var form: Form

    static var stage: String { tr("stage") }
    static var reason: String { tr("reason") }

    init(customer: Customer) {
        self.customer = customer
        let stages = LifecycleStage.allCases
        form = Form([
            Form.choice(Self.stage, stages.map(\.shown), stages.firstIndex(of: customer.lifecycle) ?? 0),
            Form.text(Self.reason),
        ])
    }

    func title(in state: AppState) -> String { tr("Lifecycle stage of %@", customer.name) }

    func bindings(in state: AppState) -> [Binding<DialogAction>] { Form.bindings(save: tr("sets it")) }

    func body(in state: AppState) -> DialogBody {
        let now = DialogBody.Line.text(
            tr("Now: ") + customer.stageLine(today: Day(containing: state.now))
                + tr(". The rules move it on from the stage set."),
            Style(.muted))
        return DialogBody([now] + form.lines, selected: form.active + 1)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        if let outcome = form.act(action) { return outcome }
        let stage = form.chosen(Self.stage, from: LifecycleStage.allCases) ?? customer.lifecycle
        guard stage != customer.lifecycle else {
            state.message = tr("%@ is already %@.", customer.name, stage.shown)
            return .stay
        }
        guard !form.text(Self.reason).trimmingCharacters(in: .whitespaces).isEmpty else {
            state.message = CustomerRefusal.emptyReason.description
            form.focus(Self.reason)
            return .stay
        }
        return .leave([.act(.setStage(customer.id, stage, reason: form.text(Self.reason)))])
    }

    mutating func type(_ key: Key) { form.type(key) }
}
