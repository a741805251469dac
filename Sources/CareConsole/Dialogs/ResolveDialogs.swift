import CareDomain

/// Resolving, first step: the playbook answer given (nil: none).
struct PlaybookDialog: Dialog, Equatable {
    var incident: IncidentID
    var options: [PlaybookID?]
    var selected = 0

    func title(in state: AppState) -> String { "Resolve \(incident): the answer given" }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        ChoiceKeys.bindings(verb: "next") + [ChoiceKeys.cancel()]
    }

    func body(in state: AppState) -> DialogBody {
        let texts = options.map { option in
            option.flatMap { state.catalog.playbooks[$0] }.map { playbook in
                "\(playbook.situation) → \(playbook.solution)"
                    + (playbook.compensation.map { " [\($0.description)]" } ?? "")
            } ?? "No playbook: resolved otherwise"
        }
        return DialogBody(DialogBody.choices(texts, selected: selected), selected: selected)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        guard let index = ChoiceKeys.chosen(action, &selected, count: options.count) else { return .stay }
        let playbook = options[index]
        if let found = state.store.incidents[incident],
            let (compensation, owed) = IncidentRules.proposal(
                for: found, playbook: playbook.flatMap { state.store.playbooks[$0] }, in: state.store, at: state.now)
        {
            state.mode.layer = GrantDialog(
                incident: incident, playbook: playbook, offer: Self.offer(compensation, owed: owed, in: state))
        } else {
            state.mode.layer = RatingDialog(incident: incident, playbook: playbook, grant: false)
        }
        return .leave
    }

    /// The compensation proposed when resolving, as the agent reads it: what,
    /// its worth, whether it is owed, and whether it is within their authority.
    static func offer(_ compensation: Compensation, owed: Bool, in state: AppState) -> String {
        var text =
            "\(compensation.description) (worth \(compensation.value)\(owed ? ", owed: service level missed" : ""))"
        if let agent = state.catalog.agents[AgentID(state.agentLogin)], !agent.mayGrant(compensation.value) {
            text += ". It is above your authority of \(agent.authorityLimit): answer n, or ask a supervisor"
        }
        return text
    }
}

/// Resolving: whether to grant the compensation proposed for the answer.
struct GrantDialog: Dialog, Equatable {
    var incident: IncidentID
    var playbook: PlaybookID?
    var offer: String

    func title(in state: AppState) -> String { "Resolve \(incident): compensation" }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        [
            Binding([.character("y"), .enter], "y or Enter", .yes, help: "grant it", hint: "grants"),
            Binding([.character("n")], "n", .no, help: "do not grant it", hint: "does not"),
            ChoiceKeys.cancel(),
        ]
    }

    func body(in state: AppState) -> DialogBody { DialogBody([.text("Grant " + offer + "?", .normal)]) }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        state.mode.layer = RatingDialog(incident: incident, playbook: playbook, grant: action == .yes)
        return .leave
    }
}

/// Resolving, last step: the customer's satisfaction, 1–5, or none, and
/// who gave it (the customer at the counter, or the agent's own judgement).
struct RatingDialog: Dialog, Equatable {
    var incident: IncidentID
    var playbook: PlaybookID?
    var grant: Bool
    var answeredBy = Survey.Source.customer

    init(incident: IncidentID, playbook: PlaybookID?, grant: Bool) {
        self.incident = incident
        self.playbook = playbook
        self.grant = grant
    }

    func title(in state: AppState) -> String { "Resolve \(incident): how did it go?" }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        [
            Binding((1...5).map { .character(Character(String($0))) }, "1–5", .rate, help: "rate", hint: "records it"),
            Binding([.character("w")], "w", .toggleRole, help: "who answered", hint: "who answered"),
            Binding([.enter], "Enter", .confirm, help: "no answer", hint: "for no answer"),
            ChoiceKeys.cancel(),
        ]
    }

    func body(in state: AppState) -> DialogBody {
        let who =
            answeredBy == .customer
            ? "the customer (type it in front of them; they confirm)" : "my own judgement (kept apart in the scores)"
        return DialogBody([
            .text("How satisfied is the customer, 1 (not at all) to 5 (very)?", .normal),
            .text("Answered by: " + who, Style(.key)),
        ])
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        if action == .toggleRole {
            answeredBy = answeredBy == .customer ? .agent : .customer
            return .stay
        }
        var rating: Int?
        if case .character(let digit) = key, action == .rate { rating = digit.wholeNumberValue }
        return .leave([
            .act(
                .resolve(
                    incident, playbook: playbook, grant: grant, rating: rating,
                    answeredBy: rating == nil ? nil : answeredBy))
        ])
    }
}
