import CareDomain

/// Why a supervisor recognises an agent, as the agent will read it.
struct RecogniseDialog: Dialog, Equatable {
    var agent: AgentID
    var reason = TextField()

    init(agent: AgentID, reason: String = "") {
        self.agent = agent
        self.reason = TextField(reason)
    }

    func title(in state: AppState) -> String { tr("Recognise %@", state.catalog.agents[agent]?.name ?? agent.rawValue) }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        [Binding([.enter], "Enter", .confirm, help: tr("record it"), hint: tr("records it")), ChoiceKeys.cancel()]
    }

    func body(in state: AppState) -> DialogBody {
        DialogBody([
            .text(tr("What did they do well? They will read it on their scores."), .normal),
            .field("› ", reason, Style(.key), active: true),
        ])
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        .leave([.act(.recognise(agent, reason: reason.text))])
    }

    mutating func type(_ key: Key) { reason.handle(key) }
}
