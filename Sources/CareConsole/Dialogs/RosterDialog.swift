import CareDomain

/// The roster, for a supervisor: who is active, their role, their authority.
struct RosterDialog: Dialog, Equatable {
    var selected = 0

    func title(in state: AppState) -> String { tr("Roster") }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        ChoiceKeys.bindings(verb: nil, hinted: false) + [
            Binding([.enter], "Enter", .toggleActive, help: tr("active or not"), hint: tr("in/out")),
            Binding([.character("s")], "s", .toggleRole, help: tr("agent or supervisor"), hint: tr("agent/supervisor")),
            Binding([.character("+")], "+/-", .increase, help: tr("authority 5 € more"), hint: tr("authority 5 €")),
            Binding([.character("-")], "-", .decrease, help: tr("authority 5 € less")),
            Binding([.character("n")], "n", .add, help: tr("a new agent"), hint: tr("new")),
            ChoiceKeys.cancel(tr("closes")),
        ]
    }

    func body(in state: AppState) -> DialogBody {
        let agents = state.catalog.sortedAgents
        let lines = agents.enumerated().map { index, agent -> DialogBody.Line in
            let text =
                "\(fit(agent.id.rawValue, 10)) \(fit(agent.name, 20)) \(fit(agent.role.rawValue, 10)) "
                + "\(fit(agent.authorityLimit.description, 9)) \(agent.active ? "active" : "inactive")"
            let style = Style(index == selected ? .selection : agent.active ? .normal : .muted)
            return .row((index == selected ? "› " : "  ") + text, style)
        }
        return DialogBody(lines, selected: selected)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        let agents = state.catalog.sortedAgents
        ChoiceKeys.move(&selected, action, count: agents.count)
        guard selected < agents.count else { return .stay }
        let login = agents[selected].id
        switch action {
        case .add:
            state.mode.layer = NewAgentDialog()
            return .leave
        case .toggleActive: return .stay([.act(.changeAgent(login, .toggleActive))])
        case .toggleRole: return .stay([.act(.changeAgent(login, .toggleRole))])
        case .increase: return .stay([.act(.changeAgent(login, .authority(by: .euros(5))))])
        case .decrease: return .stay([.act(.changeAgent(login, .authority(by: .euros(-5))))])
        default: return .stay
        }
    }
}

/// A new agent for the roster: their Unix login, then their name.
struct NewAgentDialog: Dialog, Equatable {
    var login = TextField()
    var name = TextField()
    var onName = false

    func title(in state: AppState) -> String { tr("New agent") }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        guard onName else {
            return [
                Binding([.tab, .enter], tr("Enter or Tab:"), .nextField, help: tr("to the name"), hint: tr("next")),
                ChoiceKeys.cancel(),
            ]
        }
        return [
            Binding([.enter], "Enter", .confirm, help: tr("add them"), hint: tr("adds them (agent, 20 € authority)")),
            ChoiceKeys.cancel(),
        ]
    }

    func body(in state: AppState) -> DialogBody {
        DialogBody([
            .field(tr("Unix login: "), login, Style(onName ? .normal : .key), active: !onName),
            .field(tr("Name:       "), name, Style(onName ? .key : .muted), active: onName),
        ])
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        guard action == .confirm else {
            onName = true
            return .stay
        }
        state.mode.layer = RosterDialog()
        return .leave([.act(.addAgent(AgentID(login.text), name: name.text))])
    }

    mutating func type(_ key: Key) {
        if onName { name.handle(key) } else { login.handle(key) }
    }
}
