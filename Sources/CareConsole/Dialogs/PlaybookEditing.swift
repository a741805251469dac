import CareDomain

/// A touchpoint's playbooks, for a supervisor (Enter on a touchpoint of
/// the catalog): Enter edits the one chosen, n writes a new one.
struct PlaybookListDialog: Dialog, Equatable {
    var touchpoint: TouchpointID
    var selected = 0

    func playbooks(_ state: AppState) -> [Playbook] {
        state.catalog.sortedPlaybooks.filter { $0.touchpoint == touchpoint }
    }

    func title(in state: AppState) -> String {
        tr("Playbooks of %@", state.catalog.touchpoints[touchpoint]?.name ?? touchpoint.rawValue)
    }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        ChoiceKeys.bindings(verb: tr("edits it")) + [
            Binding([.character("n")], "n", .add, help: tr("a new playbook"), hint: tr("new")),
            ChoiceKeys.cancel(tr("closes")),
        ]
    }

    func body(in state: AppState) -> DialogBody {
        let all = playbooks(state)
        guard !all.isEmpty else {
            return DialogBody([.text(tr("No playbooks yet: n writes the first."), Style(.muted))])
        }
        let texts = all.map { playbook in
            "\(playbook.situation) → \(playbook.solution)"
                + (playbook.compensation.map { " [\($0.description), \($0.value)]" } ?? "")
        }
        return DialogBody(DialogBody.choices(texts, selected: selected), selected: selected)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        let all = playbooks(state)
        if action == .add {
            state.mode.layer = PlaybookEditDialog(
                playbook: Playbook(
                    id: RosterRules.newPlaybookID(for: touchpoint, in: state.store), version: 0,
                    touchpoint: touchpoint, situation: "", solution: ""))
            return .leave
        }
        guard let index = ChoiceKeys.chosen(action, &selected, count: all.count) else { return .stay }
        state.mode.layer = PlaybookEditDialog(playbook: all[index])
        return .leave
    }
}

/// One playbook in a form: the situation, the solution, and what it
/// offers (none, points, a coupon or a treatment, with its worth). Saved
/// through the same checks as `care playbook set`.
struct PlaybookEditDialog: Dialog, Equatable {
    var playbook: Playbook
    var form: Form

    static var situation: String { tr("situation") }
    static var solution: String { tr("solution") }
    static var kind: String { tr("offers") }
    static var amount: String { tr("points or %") }
    static var worth: String { tr("worth (€)") }
    static var described: String { tr("as the customer reads it") }
    static let kinds: [Compensation.Kind?] = [nil, .points, .coupon, .treatment]

    init(playbook: Playbook) {
        self.playbook = playbook
        let compensation = playbook.compensation
        let amount = compensation.flatMap { $0.points ?? $0.discountPercent }.map(String.init) ?? ""
        form = Form([
            Form.text(Self.situation, playbook.situation),
            Form.text(Self.solution, playbook.solution),
            Form.choice(
                Self.kind, [tr("nothing"), tr("points"), tr("a coupon"), tr("a treatment")],
                Self.kinds.firstIndex(of: compensation?.kind) ?? 0),
            Form.text(Self.amount, amount),
            Form.text(Self.worth, compensation.map { $0.value.decimal } ?? ""),
            Form.text(Self.described, compensation?.description ?? ""),
        ])
    }

    func title(in state: AppState) -> String {
        playbook.version == 0 ? tr("New playbook %@", playbook.id) : tr("Playbook %@", playbook.id)
    }

    func bindings(in state: AppState) -> [Binding<DialogAction>] { Form.bindings(save: tr("saves it")) }

    func body(in state: AppState) -> DialogBody {
        let note = DialogBody.Line.text(
            tr("Agents offer it without asking up to their authority; above it they ask a supervisor."), Style(.muted))
        return DialogBody([note] + form.lines, selected: form.active + 1)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        if let outcome = form.act(action) { return outcome }
        var edited = playbook
        edited.situation = form.text(Self.situation).trimmingCharacters(in: .whitespaces)
        edited.solution = form.text(Self.solution).trimmingCharacters(in: .whitespaces)
        edited.compensation = nil
        if let kind = form.chosen(Self.kind, from: Self.kinds) ?? nil {
            let amount = Int(form.text(Self.amount).trimmingCharacters(in: .whitespaces))
            guard let worth = Cents(parsing: form.text(Self.worth)) else {
                state.message = tr("Write what it is worth in euros, e.g. 12,50.")
                form.focus(Self.worth)
                return .stay
            }
            edited.compensation = Compensation(
                kind: kind, points: kind == .points ? amount : nil, discountPercent: kind == .coupon ? amount : nil,
                value: worth, description: form.text(Self.described).trimmingCharacters(in: .whitespaces))
        }
        return .leave([.act(.setPlaybook(edited))])
    }

    mutating func type(_ key: Key) { form.type(key) }
}
