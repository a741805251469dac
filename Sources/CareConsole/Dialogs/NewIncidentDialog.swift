import CareDomain

/// A new incident for a customer as the agent fills it in, one form: the
/// touchpoint, kind, priority and channel (a letter jumps to a choice),
/// who works on it (the opener, unless they choose otherwise) and the
/// subject; Enter opens it from any field.
struct NewIncidentDialog: Dialog, Equatable {
    var customer: CustomerID
    var touchpoints: [TouchpointID]
    /// "me", "nobody", then the other active agents.
    var agents: [AgentID]
    var form: Form

    static var place: String { tr("touchpoint") }
    static var kind: String { tr("kind") }
    static var priority: String { tr("priority") }
    static var channel: String { tr("channel") }
    static var assignee: String { tr("assignee") }
    static var subject: String { tr("subject") }
    /// The channels an incident arrives by.
    static let channels: [Channel] = [.counter, .phone, .email, .web, .app, .post]

    init(
        customer: CustomerID, touchpoints: [TouchpointID], agents: [AgentID] = [], me: String = "",
        catalog: Catalog? = nil
    ) {
        self.customer = customer
        self.touchpoints = touchpoints
        self.agents = agents.filter { $0.rawValue != me }
        let names = touchpoints.map { catalog?.touchpoints[$0]?.name ?? $0.rawValue }
        form = Form([
            Form.choice(Self.place, names),
            Form.choice(
                Self.kind, Incident.Kind.allCases.map(\.rawValue),
                Incident.Kind.allCases.firstIndex(of: .complaint) ?? 0),
            Form.choice(
                Self.priority, Incident.Priority.allCases.map(\.rawValue),
                Incident.Priority.allCases.firstIndex(of: .normal) ?? 0),
            Form.choice(Self.channel, Self.channels.map(\.rawValue)),
            Form.choice(
                Self.assignee, ["me" + (me.isEmpty ? "" : " (\(me))"), tr("nobody")] + self.agents.map(\.rawValue)),
            Form.text(Self.subject),
        ])
    }

    func title(in state: AppState) -> String {
        tr("New incident for %@", state.store.customers.summary(of: customer)?.name ?? customer.rawValue)
    }

    func bindings(in state: AppState) -> [Binding<DialogAction>] { Form.bindings(save: tr("opens it")) }

    func body(in state: AppState) -> DialogBody {
        let point = form.chosen(Self.place, from: touchpoints).flatMap { state.catalog.touchpoints[$0] }
        let promise =
            point.map { tr("Due by its service level (%@), the tier and the priority.", $0.serviceLevel.promise) } ?? ""
        return DialogBody(form.lines + [.text(promise, Style(.muted))], selected: form.active)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        if let outcome = form.act(action) { return outcome }
        guard let touchpoint = form.chosen(Self.place, from: touchpoints) else { return .stay }
        // What was chosen stays: only the subject is missing.
        guard !form.text(Self.subject).trimmingCharacters(in: .whitespaces).isEmpty else {
            state.message = tr("Say what it is about: type the subject.")
            form.focus(Self.subject)
            return .stay
        }
        let assignee =
            form.chosen(Self.assignee, from: [IncidentRules.Assignee.opener, .nobody] + agents.map { .agent($0) })
            ?? .opener
        return .leave([
            .act(
                .open(
                    customer, touchpoint: touchpoint,
                    kind: form.chosen(Self.kind, from: Incident.Kind.allCases) ?? .complaint,
                    priority: form.chosen(Self.priority, from: Incident.Priority.allCases) ?? .normal,
                    subject: form.text(Self.subject),
                    channel: form.chosen(Self.channel, from: Self.channels) ?? .counter, assignee: assignee))
        ])
    }

    mutating func type(_ key: Key) { form.type(key) }
}
