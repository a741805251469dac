import CareDomain

/// Choosing who takes an incident.
struct AssignDialog: Dialog, Equatable {
    var incident: IncidentID
    var options: [AgentID]
    var selected = 0

    func title(in state: AppState) -> String { "Assign \(incident) to" }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        ChoiceKeys.bindings(verb: "assigns") + [ChoiceKeys.cancel()]
    }

    func body(in state: AppState) -> DialogBody {
        let texts = options.map { agent in
            agent.rawValue + "  " + (state.catalog.agents[agent].map { "\($0.name) (\($0.area))" } ?? agent.rawValue)
        }
        return DialogBody(DialogBody.choices(texts, selected: selected, rows: true), selected: selected)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        guard let index = ChoiceKeys.chosen(action, &selected, count: options.count) else { return .stay }
        return .leave([.act(.assign(incident, to: options[index]))])
    }
}
