import CareDomain

/// Handing an incident over: who takes it (↑/↓), and what they must know,
/// typed as it is chosen (the note they read first in the incident view).
struct AssignDialog: Dialog, Equatable {
    var incident: IncidentID
    var options: [AgentID]
    var selected = 0
    var note = TextField()

    init(incident: IncidentID, options: [AgentID]) {
        self.incident = incident
        self.options = options
    }

    func title(in state: AppState) -> String { tr("Hand %@ over to", incident) }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        [
            Binding([.down], "↑/↓", .down, help: tr("choose"), hint: tr("choose")),
            Binding([.up], "↑", .up, help: tr("move up")),
            Binding([], tr("type"), .note, help: tr("a handover note"), hint: tr("a handover note")),
            Binding([.enter], "Enter", .confirm, help: tr("assigns"), hint: tr("assigns")),
            ChoiceKeys.cancel(),
        ]
    }

    func body(in state: AppState) -> DialogBody {
        let texts = options.map { agent in
            agent.rawValue + "  " + (state.catalog.agents[agent].map { "\($0.name) (\($0.area))" } ?? agent.rawValue)
        }
        return DialogBody(
            DialogBody.choices(texts, selected: selected, rows: true) + [
                .text(tr("What they must know (optional):"), Style(.muted)), .field("› ", note, .normal, active: true),
            ], selected: selected)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        guard let index = ChoiceKeys.chosen(action, &selected, count: options.count) else { return .stay }
        let text = note.text.trimmingCharacters(in: .whitespaces)
        return .leave([.act(.assign(incident, to: options[index], handover: text.isEmpty ? nil : text))])
    }

    mutating func type(_ key: Key) { note.handle(key) }
}
