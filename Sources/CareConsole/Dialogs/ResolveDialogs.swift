import CareDomain

/// Resolving, first step: the playbook answer given (nil: none). A letter
/// jumps to the next situation that starts with it.
struct PlaybookDialog: Dialog, Equatable {
    var incident: IncidentID
    var options: [PlaybookID?]
    var selected = 0
    /// Each option as the agent reads it, for the list and type-ahead.
    var texts: [String] = []

    init(incident: IncidentID, options: [PlaybookID?], catalog: Catalog) {
        self.incident = incident
        self.options = options
        texts = options.map { option in
            option.flatMap { catalog.playbooks[$0] }.map { playbook in
                "\(playbook.situation) → \(playbook.solution)"
                    + (playbook.compensation.map { " [\($0.description)]" } ?? "")
            } ?? tr("No playbook: resolved otherwise")
        }
    }

    func title(in state: AppState) -> String { tr("Resolve %@: the answer given", incident) }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        ChoiceKeys.typeAheadBindings(verb: tr("next")) + [ChoiceKeys.cancel()]
    }

    func body(in state: AppState) -> DialogBody {
        DialogBody(DialogBody.choices(texts, selected: selected), selected: selected)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        guard let index = ChoiceKeys.chosen(action, &selected, count: options.count) else { return .stay }
        let playbook = options[index]
        if let found = state.store.incidents[incident],
            let proposal = IncidentRules.proposal(
                for: found, playbook: playbook.flatMap { state.store.playbooks[$0] }, in: state.store, at: state.now)
        {
            state.mode.layer = GrantDialog(incident: incident, playbook: playbook, proposal: proposal, in: state)
        } else {
            state.mode.layer = RatingDialog(incident: incident, playbook: playbook, grant: false)
        }
        return .leave
    }

    mutating func type(_ key: Key) { ChoiceKeys.typeAhead(key, &selected, texts: texts) }
}

/// Resolving: whether to grant the compensation proposed for the answer.
/// One above the agent's authority says so before asking: `a` puts it to
/// a supervisor, `n` resolves without it; once approved, `y` grants it.
/// Not granting what is owed asks why.
struct GrantDialog: Dialog, Equatable {
    var incident: IncidentID
    var playbook: PlaybookID?
    var proposal: IncidentRules.Proposal
    /// What is proposed and why, as the agent reads it.
    var offer: String

    init(incident: IncidentID, playbook: PlaybookID?, proposal: IncidentRules.Proposal, in state: AppState) {
        self.incident = incident
        self.playbook = playbook
        self.proposal = proposal
        offer = Self.offer(proposal, in: state)
    }

    /// What stands between the agent and granting it, read from the store now
    /// (an answer may come while the dialog is open).
    enum Authority: Equatable {
        case enough
        case approved(AgentID)
        case above
        case asked
        case refused(AgentID, String?)
    }

    func authority(in state: AppState) -> Authority {
        guard let agent = state.catalog.agents[AgentID(state.agentLogin)], !agent.mayGrant(proposal.compensation.value)
        else { return .enough }
        let approval = state.store.incidents[incident]?.approval
        if let approval, approval.allows(proposal.compensation), let answer = approval.answer {
            return .approved(answer.by)
        }
        if approval?.isPending == true { return .asked }
        if let answer = approval?.answer, !answer.approved { return .refused(answer.by, answer.reason) }
        return .above
    }

    func title(in state: AppState) -> String { tr("Resolve %@: compensation", incident) }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        let without = proposal.pendingOwed == nil ? tr("resolves without it") : tr("declines it (say why)")
        var bindings: [Binding<DialogAction>] = []
        switch authority(in: state) {
        case .enough, .approved:
            bindings.append(
                Binding([.character("y"), .enter], tr("y or Enter"), .yes, help: tr("grant it"), hint: tr("grants")))
        case .above:
            bindings.append(
                Binding(
                    [.character("a")], "a", .add, help: tr("ask a supervisor to approve it"),
                    hint: tr("asks a supervisor"))
            )
        case .asked, .refused: break
        }
        return bindings + [
            Binding([.character("n")], "n", .no, help: without, hint: without), ChoiceKeys.cancel(),
        ]
    }

    func body(in state: AppState) -> DialogBody {
        var lines: [DialogBody.Line] = []
        switch authority(in: state) {
        case .enough: lines.append(.text(tr("Grant ") + offer + "?", .normal))
        case .approved(let by): lines.append(.text(tr("Grant ") + offer + tr("? Approved by %@.", by), .normal))
        case .above:
            // The offer already names the authority it is above.
            lines += [
                .text(offer + ".", .normal),
                .text(
                    tr("a asks a supervisor to approve it; the answer shows here and in the incident."), Style(.warning)
                ),
            ]
        case .asked:
            lines += [
                .text(offer + ".", .normal),
                .text(
                    tr("A supervisor has been asked; their answer shows in the incident and the status bar."),
                    Style(.warning)),
            ]
        case .refused(let by, let reason):
            lines += [
                .text(offer + ".", .normal),
                .text(tr("%@ refused it", by) + (reason.map { ": \($0)" } ?? "") + ".", Style(.warning)),
            ]
        }
        return DialogBody(lines)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        switch action {
        case .yes: state.mode.layer = RatingDialog(incident: incident, playbook: playbook, grant: true)
        case .add: return .leave([.act(.askApproval(incident, playbook: playbook, note: ""))])
        case .no:
            guard let owed = proposal.pendingOwed else { fallthrough }
            state.mode.layer = DeclineDialog(
                incident: incident, playbook: playbook,
                owed: "\(owed.description) (\(owed.value))")
        default: state.mode.layer = RatingDialog(incident: incident, playbook: playbook, grant: false)
        }
        return .leave
    }

    /// The compensation proposed when resolving, as the agent reads it:
    /// what, its worth, and why (owed, the playbook's, or better than the owed).
    static func offer(_ proposal: IncidentRules.Proposal, in state: AppState) -> String {
        let compensation = proposal.compensation
        var text = tr("%@ (worth %@", compensation.description, compensation.value)
        if proposal.owed {
            text += tr(", owed: service level missed)")
        } else if let owed = proposal.pendingOwed {
            text += tr(", the playbook's, better than the %@ owed)", owed.description)
        } else {
            text += ")"
        }
        if let agent = state.catalog.agents[AgentID(state.agentLogin)], !agent.mayGrant(compensation.value) {
            text += tr(", above your authority of %@", agent.authorityLimit)
        }
        return text
    }
}

/// Resolving without what is owed: why, required; it stays on record and
/// counts in the scores.
struct DeclineDialog: Dialog, Equatable {
    var incident: IncidentID
    var playbook: PlaybookID?
    var owed: String
    var field = TextField()

    func title(in state: AppState) -> String { tr("Resolve %@: not granting what is owed", incident) }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        [Binding([.enter], "Enter", .confirm, help: tr("next"), hint: tr("next")), ChoiceKeys.cancel()]
    }

    func body(in state: AppState) -> DialogBody {
        DialogBody(
            [
                .text(
                    tr("Owed for the missed service level: %@. Why is it not granted? ", owed)
                        + tr("It stays on record and counts in the scores."), .normal),
                .field("› ", field, Style(.key), active: true),
            ], selected: 1)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        let reason = field.text.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else {
            state.message = tr("Say why what is owed is not granted: it stays on record.")
            return .stay
        }
        var rating = RatingDialog(incident: incident, playbook: playbook, grant: false)
        rating.declined = reason
        state.mode.layer = rating
        return .leave
    }

    mutating func type(_ key: Key) { field.handle(key) }
}

/// Resolving, last step: the customer's satisfaction, 1–5, or none, and
/// who gave it (the customer at the counter, or the agent's own judgement).
struct RatingDialog: Dialog, Equatable {
    var incident: IncidentID
    var playbook: PlaybookID?
    var grant: Bool
    var answeredBy = Survey.Source.customer
    /// Why what is owed is not granted.
    var declined: String?

    init(incident: IncidentID, playbook: PlaybookID?, grant: Bool) {
        self.incident = incident
        self.playbook = playbook
        self.grant = grant
    }

    func title(in state: AppState) -> String { tr("Resolve %@: how did it go?", incident) }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        [
            Binding(
                (1...5).map { .character(Character(String($0))) }, "1–5", .rate, help: tr("rate"),
                hint: tr("records it")),
            Binding([.character("w")], "w", .toggleRole, help: tr("who answered"), hint: tr("who answered")),
            Binding([.enter], "Enter", .confirm, help: tr("no answer"), hint: tr("for no answer")),
            ChoiceKeys.cancel(),
        ]
    }

    func body(in state: AppState) -> DialogBody {
        let who =
            answeredBy == .customer
            ? tr("the customer (type it in front of them; they confirm)")
            : tr("my own judgement (kept apart in the scores)")
        return DialogBody([
            .text(tr("How satisfied is the customer, 1 (not at all) to 5 (very)?"), .normal),
            .text(tr("Answered by: ") + who, Style(.key)),
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
                    answeredBy: rating == nil ? nil : answeredBy, declined: declined))
        ])
    }
}
