import CareDomain

/// A new incident for a customer as the agent fills it in: the touchpoint,
/// the kind, the priority (each chosen from a list), then the subject.
struct NewIncidentDialog: Dialog, Equatable {
    enum Field: Int, Sendable { case touchpoint, kind, priority, subject }

    var customer: CustomerID
    var touchpoints: [TouchpointID]
    var field = Field.touchpoint
    var touchpoint = 0
    var kind = Incident.Kind.allCases.firstIndex(of: .complaint) ?? 0
    var priority = Incident.Priority.allCases.firstIndex(of: .normal) ?? 0
    var subject = TextField()

    init(customer: CustomerID, touchpoints: [TouchpointID]) {
        self.customer = customer
        self.touchpoints = touchpoints
    }

    /// The choices of the current field (none for the subject).
    func options(in catalog: Catalog) -> [String] {
        switch field {
        case .touchpoint: touchpoints.map { catalog.touchpoints[$0]?.name ?? $0.rawValue }
        case .kind: Incident.Kind.allCases.map(\.rawValue)
        case .priority: Incident.Priority.allCases.map(\.rawValue)
        case .subject: []
        }
    }

    /// The choice of the current field.
    var selected: Int {
        get {
            switch field {
            case .touchpoint: touchpoint
            case .kind: kind
            case .priority: priority
            case .subject: 0
            }
        }
        set {
            switch field {
            case .touchpoint: touchpoint = newValue
            case .kind: kind = newValue
            case .priority: priority = newValue
            case .subject: break
            }
        }
    }

    func title(in state: AppState) -> String {
        "New incident for \(state.store.customers.summary(of: customer)?.name ?? customer.rawValue)"
    }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        guard field == .subject else { return ChoiceKeys.bindings(verb: "next") + [ChoiceKeys.cancel()] }
        return [
            Binding(
                [.enter], "Enter", .confirm, help: "open the incident",
                hint: "opens it (due time from the service level)"),
            ChoiceKeys.cancel(),
        ]
    }

    func body(in state: AppState) -> DialogBody {
        let names = ["touchpoint", "kind", "priority", "subject"]
        let step = DialogBody.Line.text("Step \(field.rawValue + 1) of 4: \(names[field.rawValue])", Style(.key))
        if field == .subject { return DialogBody([step, .field("› ", subject, .normal, active: true)], selected: 1) }
        let choices = DialogBody.choices(options(in: state.catalog), selected: selected)
        return DialogBody([step] + choices, selected: selected + 1)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        guard action == .confirm else {
            ChoiceKeys.move(&selected, action, count: options(in: state.catalog).count)
            return .stay
        }
        guard field == .subject else {
            field = Field(rawValue: field.rawValue + 1) ?? .subject
            return .stay
        }
        let chosen = touchpoint < touchpoints.count ? touchpoints[touchpoint] : TouchpointID("")
        return .leave([
            .act(
                .open(
                    customer, touchpoint: chosen, kind: Incident.Kind.allCases[kind],
                    priority: Incident.Priority.allCases[priority], subject: subject.text))
        ])
    }

    mutating func type(_ key: Key) {
        if field == .subject { subject.handle(key) }
    }
}
