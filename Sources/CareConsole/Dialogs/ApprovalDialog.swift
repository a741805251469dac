import CareDomain

/// A supervisor answers an agent's request for a compensation above their
/// authority: what, for which incident and customer, asked by whom, with
/// the agent's limit; approve or refuse, a refusal with its reason.
struct ApprovalDialog: Dialog, Equatable {
    var incident: IncidentID
    var form = Form([Form.choice(Self.answer, [tr("approve"), tr("refuse")]), Form.text(Self.reason)])

    static var answer: String { tr("answer") }
    static var reason: String { tr("reason") }

    func title(in state: AppState) -> String { tr("Approve a compensation on %@?", incident) }

    func bindings(in state: AppState) -> [Binding<DialogAction>] { Form.bindings(save: tr("answers")) }

    func body(in state: AppState) -> DialogBody {
        guard let record = state.store.incidents[incident], let approval = record.approval else {
            return DialogBody([.text(tr("%@ has no approval waiting.", incident), Style(.muted))])
        }
        let customer = state.store.customers.summary(of: record.customer)
        let asker = state.catalog.agents[approval.askedBy]
        var lines: [DialogBody.Line] = [
            .text(
                "\(approval.askedBy)" + (asker.map { tr(" (%@, authority %@)", $0.name, $0.authorityLimit) } ?? "")
                    + tr(" asks to grant %@, worth %@.", approval.compensation.description, approval.compensation.value),
                .normal),
            .text(
                tr("For %@", customer?.name ?? record.customer.rawValue)
                    + (customer?.tier.map { ", \($0.rawValue)" } ?? "") + ": \(record.subject)",
                .normal),
        ]
        if let playbook = approval.playbook.flatMap({ state.catalog.playbooks[$0] }) {
            lines.append(.text(tr("Playbook: %@ → %@", playbook.situation, playbook.solution), Style(.muted)))
        }
        if let note = approval.note { lines.append(.text(tr("Their note: %@", note), Style(.muted))) }
        lines.append(.text(tr("A refusal needs a reason; the agent reads it in the incident."), Style(.muted)))
        return DialogBody(lines + form.lines, selected: lines.count + form.active)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        if let outcome = form.act(action) { return outcome }
        let approve = form.choice(Self.answer) == 0
        let reason = form.text(Self.reason).trimmingCharacters(in: .whitespaces)
        guard approve || !reason.isEmpty else {
            state.message = tr("Say why it is refused: the agent reads it in the incident.")
            form.focus(Self.reason)
            return .stay
        }
        return .leave([.act(.answerApproval(incident, approve: approve, reason: reason))])
    }

    mutating func type(_ key: Key) { form.type(key) }
}
