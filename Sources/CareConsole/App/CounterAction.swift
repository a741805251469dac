import CareDomain
import Foundation

/// A step the agent takes at the counter, carried out by the loop against
/// the store: on an incident, or on the customer's points and coupons.
public enum CounterAction: Equatable, Sendable {
    case take(IncidentID)
    case note(IncidentID, String)
    case contact(IncidentID)
    /// `answeredBy`: who gave the rating (the customer, or the agent's own judgement).
    /// `declined`: why what is owed is not granted.
    case resolve(
        IncidentID, playbook: PlaybookID?, grant: Bool, rating: Int?, answeredBy: Survey.Source? = nil,
        declined: String? = nil)
    /// The clock stops while it waits on the customer or a partner, and runs again.
    case wait(IncidentID, IncidentRules.WaitingOn, note: String)
    case resume(IncidentID)
    /// What is owed on incidents found past their service level, put on
    /// record by the console as it runs (no dialog, no selection moves).
    case recordMissed
    case askApproval(IncidentID, playbook: PlaybookID?, note: String)
    case answerApproval(IncidentID, approve: Bool, reason: String)
    case assign(IncidentID, to: AgentID, handover: String? = nil)
    case reopen(IncidentID, reason: String? = nil)
    case open(
        CustomerID, touchpoint: TouchpointID, kind: Incident.Kind, priority: Incident.Priority, subject: String,
        channel: Channel = .counter, assignee: IncidentRules.Assignee = .opener)
    case redeem(CustomerID, RewardID)
    case useCoupon(CouponCode)
    case changeAgent(AgentID, AgentChange)
    /// A new agent, with the counter's usual authority (20 €) to start.
    case addAgent(AgentID, name: String)
    case setServiceLevel(TouchpointID, minutes: Int)
    case setPlaybook(Playbook)
    case changeProgram(ProgramSetting, steps: Int)
    case recognise(AgentID, reason: String)
    /// The counter day on a customer (register, correct, buy, give back, a contact, its survey).
    case register(CustomerDraft)
    case correct(CustomerID, CustomerDraft)
    case purchase(CustomerID, amount: Cents, family: String?, touchpoint: TouchpointID, channel: Channel)
    case returnPurchase(CustomerID, MomentID, amount: Cents?)
    case logContact(
        CustomerID, touchpoint: TouchpointID, channel: Channel, outcome: String, met: Bool?, survey: SurveyAnswer?)
    case survey(CustomerID, MomentID, SurveyAnswer)
    case setStage(CustomerID, LifecycleStage, reason: String)
    case merge(keep: CustomerID, other: CustomerID)

    /// What a supervisor changes on the roster from the console.
    public enum AgentChange: Equatable, Sendable {
        case toggleActive, toggleRole
        case authority(by: Cents)
    }

    /// The transaction, from the state and histories as they are on disk at
    /// the moment of writing.
    public func transaction(in state: StoreState, history: any HistoryReader, by author: Author, at now: Date) throws
        -> Transaction
    {
        switch self {
        case .take(let id): try IncidentRules.take(in: state, incident: id, by: author, at: now)
        case .note(let id, let text): try IncidentRules.note(in: state, incident: id, text: text, by: author, at: now)
        case .contact(let id): try IncidentRules.contact(in: state, incident: id, text: "", by: author, at: now)
        case .resolve(let id, let playbook, let grant, let rating, let answeredBy, let declined):
            try IncidentRules.resolve(
                in: state, incident: id, playbook: playbook, grant: grant, declineReason: declined, rating: rating,
                survey: rating.flatMap { score in answeredBy.map { SurveyAnswer(score: score, answeredBy: $0) } },
                by: author, at: now)
        case .assign(let id, let agent, let handover):
            try IncidentRules.assign(in: state, incident: id, to: agent, handover: handover, by: author, at: now)
        case .reopen(let id, let reason):
            try IncidentRules.reopen(in: state, incident: id, reason: reason, by: author, at: now)
        case .wait(let id, let whom, let note):
            try IncidentRules.wait(in: state, incident: id, on: whom, note: note, by: author, at: now)
        case .resume(let id): try IncidentRules.resume(in: state, incident: id, by: author, at: now)
        case .recordMissed:
            // Nothing left to record (another console did it): an empty transaction writes nothing.
            try IncidentRules.recordMissed(in: state, by: author, at: now)
                ?? Transaction(summary: "nothing owed to record", changes: [])
        case .askApproval(let id, let playbook, let note):
            try IncidentRules.askApproval(in: state, incident: id, playbook: playbook, note: note, by: author, at: now)
        case .answerApproval(let id, let approve, let reason):
            try IncidentRules.answerApproval(
                in: state, incident: id, approve: approve, reason: reason, by: author, at: now)
        case .open(let customer, let touchpoint, let kind, let priority, let subject, let channel, let assignee):
            try IncidentRules.open(
                in: state, customer: customer, touchpoint: touchpoint, kind: kind, subject: subject, priority: priority,
                channel: channel, assignee: assignee, by: author, at: now
            ).1
        case .redeem(let customer, let reward):
            try LoyaltyRules.redeem(
                in: state, ledger: history.ledger(of: customer), customer: customer, reward: reward, by: author, at: now
            )
        case .useCoupon(let code):
            try LoyaltyRules.useCoupon(in: state, code: code, by: author, at: now)
        case .changeAgent(let login, let change):
            try RosterRules.update(login, in: state, by: author) { agent in
                switch change {
                case .toggleActive: agent.active.toggle()
                case .toggleRole: agent.role = agent.role == .agent ? .supervisor : .agent
                case .authority(let step): agent.authorityLimit = max(.zero, agent.authorityLimit + step)
                }
            }
        case .addAgent(let login, let name):
            try RosterRules.add(
                Agent(id: login, name: name, role: .agent, area: "Counter", authorityLimit: .euros(20)), in: state,
                by: author)
        case .setServiceLevel(let id, let minutes):
            try RosterRules.setServiceLevel(of: id, minutes: minutes, in: state, by: author)
        case .setPlaybook(let playbook): try RosterRules.setPlaybook(playbook, in: state, by: author)
        case .changeProgram(let setting, let steps):
            // Moved from the program in force now, whatever the screen showed.
            try ProgramRules.change(in: state, by: author) { setting.moved($0, by: steps) }
        case .recognise(let agent, let reason):
            try RosterRules.recognise(agent, reason: reason, in: state, by: author, at: now)
        case .register(let draft): try CustomerRules.register(draft, in: state, by: author, at: now).transaction
        case .correct(let id, let draft): try CustomerRules.edit(id, draft, in: state, by: author, at: now)
        case .purchase(let id, let amount, let family, let touchpoint, let channel):
            try LoyaltyRules.purchase(
                in: state, ledger: history.ledger(of: id), customer: id, amount: amount, productFamily: family,
                touchpoint: touchpoint, channel: channel, by: author, at: now)
        case .returnPurchase(let id, let purchase, let amount):
            try LoyaltyRules.returnPurchase(
                in: state, moments: history.moments(of: id), ledger: history.ledger(of: id), customer: id,
                purchase: purchase, amount: amount, by: author, at: now
            ).transaction
        case .logContact(let id, let touchpoint, let channel, let outcome, let met, let survey):
            try MomentRules.log(
                in: state, customer: id, touchpoint: touchpoint, channel: channel, outcome: outcome,
                serviceLevelMet: met, survey: survey, by: author, at: now
            ).transaction
        case .survey(let id, let moment, let answer):
            try MomentRules.survey(
                in: state, moments: history.moments(of: id), customer: id, of: moment, answer: answer, by: author,
                at: now)
        case .setStage(let id, let stage, let reason):
            try CustomerRules.setLifecycle(id, to: stage, reason: reason, in: state, by: author, at: now)
        case .merge(let keep, let other):
            try CustomerRules.merge(keep: keep, other: other, in: state, history: history, by: author, at: now)
                .transaction
        }
    }

    /// The incident the step opened.
    static func opened(_ transaction: Transaction) -> Incident? {
        for case .incident(let incident) in transaction.changes where incident.version == 1 { return incident }
        return nil
    }

    /// The customer the step registered, to select once it is saved.
    public static func registered(by transaction: Transaction) -> CustomerID? {
        for case .customer(let customer) in transaction.changes where customer.version == 1 { return customer.id }
        return nil
    }

    /// The points of `kind` the transaction posts, as a positive number.
    private static func points(in transaction: Transaction, _ kind: LedgerEntry.Kind) -> Int {
        abs(
            transaction.changes.reduce(0) { sum, change in
                if case .ledger(let entry) = change, entry.kind == kind { return sum + entry.points }
                return sum
            })
    }

    /// "Returned 20.00 €: 20 points taken back (30 already spent, written off)".
    private static func returned(_ transaction: Transaction) -> String {
        var amount = Cents.zero
        for case .moment(let moment) in transaction.changes where moment.returnOf != nil {
            amount = .zero - (moment.amount ?? .zero)
        }
        let written = transaction.summary.components(separatedBy: ", ").last { $0.contains(tr("written off")) }
        return tr("Returned %@: %@ points taken back", amount, points(in: transaction, .returned))
            + (written.map { " (\($0))" } ?? "")
    }

    /// What the status bar says once it is saved, naming the record it
    /// acted on (the incident and its customer, or the customer).
    public func done(in state: StoreState, transaction: Transaction) -> String {
        func incident(_ id: IncidentID) -> String {
            let customer = state.incidents[id].flatMap { state.customers.summary(of: $0.customer) }
            return customer.map { "\(id) (\($0.name))" } ?? id.rawValue
        }
        func customer(_ id: CustomerID) -> String {
            state.customers.summary(of: id).map { "\($0.name) (\(id))" } ?? id.rawValue
        }
        return switch self {
        case .take(let id): tr("Took %@.", incident(id))
        case .note(let id, _): tr("Noted on %@.", incident(id))
        case .contact(let id): tr("Contact %@ on %@ recorded.", state.incidents[id]?.contacts ?? 0, incident(id))
        case .resolve(let id, _, let grant, _, _, let declined):
            tr("Resolved %@", incident(id))
                + (grant && state.incidents[id]?.compensation != nil
                    ? tr(" with the compensation")
                    : declined != nil ? tr("; what was owed is declined, on record") : "") + "."
        case .wait(let id, let whom, _):
            tr("%@ waits on the %@: its clock is stopped; w runs it again.", incident(id), whom.shown)
        case .resume(let id):
            tr(
                "%@ is moving again, due %@.", incident(id),
                state.incidents[id].map { Incident.minuteText($0.dueAt) } ?? "")
        // Said by the queue's € marks, not over what the agent was told last.
        case .recordMissed: ""
        case .askApproval(let id, _, _):
            tr("Asked a supervisor to approve the compensation on %@; their answer shows here.", incident(id))
        case .answerApproval(let id, let approve, _):
            tr("%@ the compensation on %@; the agent sees it.", approve ? tr("Approved") : tr("Refused"), incident(id))
        case .assign(let id, let agent, let handover):
            tr("Assigned %@ to %@", incident(id), agent)
                + (handover?.isEmpty == false ? tr(" with your handover note.") : ".")
        case .reopen(let id, _): tr("Reopened %@.", incident(id))
        case .open(let id, _, let kind, _, _, _, _):
            Self.opened(transaction).map { new in
                tr(
                    "Opened %@, a %@ for %@, due %@", new.id, kind.shown, customer(id),
                    Incident.minuteText(new.dueAt))
                    + (new.assignee.map { tr(", assigned to %@", $0) } ?? tr(", unassigned")) + "."
            } ?? tr("Opened a %@ for %@.", kind.shown, customer(id))
        case .redeem(let id, let reward):
            tr("Redeemed %@ for %@: ", state.rewards[reward]?.name ?? reward.rawValue, customer(id))
                + tr("%@ points left.", state.customers[id]?.loyalty.points ?? 0)
        case .useCoupon(let code):
            tr("Coupon %@ used", code) + (state.coupons[code].map { tr(" for %@", customer($0.customer)) } ?? "") + "."
        case .changeAgent(let login, _):
            state.agents[login].map {
                tr(
                    "%@: %@, authority %@, %@.", login, $0.role.rawValue, $0.authorityLimit,
                    $0.active ? "active" : "inactive")
            } ?? tr("Changed %@.", login)
        case .addAgent(let login, let name): tr("Added %@ (%@) to the roster as an agent.", name, login)
        case .changeProgram(let setting, _):
            state.program.map {
                tr("%@: %@ (program version %@).", setting.label(in: $0), setting.value(in: $0), $0.version)
            } ?? tr("Program changed.")
        case .setServiceLevel(let id, _):
            "\(state.touchpoints[id]?.name ?? id.rawValue): \(state.touchpoints[id]?.serviceLevel.promise ?? "")."
        case .setPlaybook(let playbook):
            tr("Playbook %@ saved (version %@); ", playbook.id, state.playbooks.version(of: playbook.id) ?? 1)
                + tr("agents offer it from their next resolve.")
        case .recognise(let agent, _):
            tr("Recognised %@; they see it on their scores.", state.agents[agent]?.name ?? agent.rawValue)
        case .register:
            Self.registered(by: transaction).map {
                tr("Registered %@, a prospect until their first purchase.", customer($0))
            }
                ?? tr("Registered.")
        case .correct(let id, _):
            tr("Corrected %@: ", customer(id)) + (transaction.fields ?? []).joined(separator: "; ") + "."
        case .purchase(let id, let amount, _, _, _):
            tr("Purchase of %@ for %@: +%@ points, ", amount, customer(id), Self.points(in: transaction, .earn))
                + tr("%@ now.", state.customers[id]?.loyalty.points ?? 0)
        case .returnPurchase(let id, _, _):
            Self.returned(transaction)
                + tr("; %@ has %@ points.", customer(id), state.customers[id]?.loyalty.points ?? 0)
        case .logContact(let id, let touchpoint, _, _, _, let survey):
            tr("Logged %@ for %@", state.touchpoints[touchpoint]?.name ?? touchpoint.rawValue, customer(id))
                + (survey.map { tr(" with their survey (%@/5)", $0.score) } ?? tr("; s asks how it went")) + "."
        case .survey(_, let moment, let answer):
            tr("Survey on %@: %@/5, ", moment, answer.score)
                + (answer.answeredBy == .customer ? tr("the customer's answer.") : tr("your own judgement."))
        case .setStage(let id, let stage, _): tr("%@ is now %@ (set by hand).", customer(id), stage.shown)
        case .merge(let keep, let other): tr("Merged %@ into %@.", other, customer(keep))
        }
    }
}
