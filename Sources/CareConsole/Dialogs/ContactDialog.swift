import CareDomain

/// A contact that is not an incident (a call, a visit, a delivery, a web
/// visit): where, how, how it went and whether the service level was met;
/// then, asked at once if the customer is there, the survey.
struct ContactDialog: Dialog, Equatable {
    var customer: CustomerID
    var touchpoints: [TouchpointID]
    var form: Form

    static var place: String { tr("touchpoint") }
    static var channel: String { tr("channel") }
    static var outcome: String { tr("outcome") }
    static var level: String { tr("service level met") }

    init(customer: CustomerID, touchpoints: [Touchpoint]) {
        self.customer = customer
        self.touchpoints = touchpoints.map(\.id)
        form = Form(
            [
                Form.choice(Self.place, touchpoints.map(\.name)),
                Form.choice(Self.channel, Channel.allCases.map(\.shown)), Form.text(Self.outcome),
                Form.choice(Self.level, [tr("not known"), tr("yes"), "no"]),
            ] + SurveyForm.fields(asking: false))
    }

    func title(in state: AppState) -> String {
        tr("Contact with %@", state.store.customers.summary(of: customer)?.name ?? customer.rawValue)
    }

    func bindings(in state: AppState) -> [Binding<DialogAction>] { Form.bindings(save: tr("logs it")) }

    var touchpoint: TouchpointID? { form.chosen(Self.place, from: touchpoints) }

    func body(in state: AppState) -> DialogBody {
        let point = touchpoint.flatMap { state.catalog.touchpoints[$0] }
        let cost = point.map { tr("Costs %@ · %@", $0.cost, $0.serviceLevel.promise) } ?? ""
        return DialogBody(form.lines + [.text(cost, Style(.muted))], selected: form.active)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        if let outcome = form.act(action) { return outcome }
        guard let touchpoint else { return .stay }
        guard !form.text(Self.outcome).trimmingCharacters(in: .whitespaces).isEmpty else {
            state.message = MomentRefusal.emptyOutcome.description
            form.focus(Self.outcome)
            return .stay
        }
        let channel = form.chosen(Self.channel, from: Channel.allCases) ?? .counter
        return .leave([
            .act(
                .logContact(
                    customer, touchpoint: touchpoint, channel: channel, outcome: form.text(Self.outcome),
                    met: form.answer(Self.level),
                    survey: SurveyForm.answer(in: form, asking: false)))
        ])
    }

    mutating func type(_ key: Key) { form.type(key) }
}
