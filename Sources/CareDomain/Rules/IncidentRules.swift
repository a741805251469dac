import Foundation

/// Why an incident step was refused, in words for the agent.
public enum IncidentRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownCustomer(CustomerID)
    case blockedCustomer(CustomerID)
    case unknownTouchpoint(TouchpointID)
    case unknownIncident(IncidentID)
    case emptyText(String)
    case notAnAgent(String)
    case notOpen(IncidentID)
    case stillOpen(IncidentID)
    case overAuthority(limit: Cents, value: Cents)
    case badRating(Int)
    case declineNeedsReason(IncidentID)
    case notWaiting(IncidentID)
    case withinAuthority(IncidentID)
    case nothingToApprove(IncidentID)
    case approvalPending(IncidentID)
    case noApprovalPending(IncidentID)
    case supervisorsOnly(String)

    public var description: String {
        switch self {
        case .unknownCustomer(let id): RefusalWording.unknownCustomer(id)
        case .blockedCustomer(let id): RefusalWording.blocked(id)
        case .unknownTouchpoint(let id): RefusalWording.unknownTouchpoint(id)
        case .unknownIncident(let id): tr("There is no incident %@.", id)
        case .emptyText(let what): tr("The %@ is empty; write something.", what)
        case .notAnAgent(let login): RefusalWording.notAnAgent(login)
        case .notOpen(let id): tr("Incident %@ is already resolved.", id)
        case .stillOpen(let id): tr("Incident %@ is still open; only a resolved one can be reopened.", id)
        case .overAuthority(let limit, let value):
            tr(
                "This compensation is worth %@, above your authority of %@; resolve without it or ask a supervisor.",
                value, limit)
        case .badRating(let score): tr("A rating is 1 to 5, not %@.", score)
        case .declineNeedsReason(let id):
            tr("Incident %@ owes the customer a compensation; say why it is not granted, or grant it.", id)
        case .notWaiting(let id): tr("Incident %@ is not waiting on anyone; its clock is running.", id)
        case .withinAuthority(let id):
            tr("The compensation on incident %@ is within your authority; grant it yourself when you resolve.", id)
        case .nothingToApprove(let id): tr("Incident %@ has no compensation to grant.", id)
        case .approvalPending(let id): tr("Incident %@ already waits for a supervisor's answer.", id)
        case .noApprovalPending(let id): tr("Incident %@ has no approval waiting.", id)
        case .supervisorsOnly(let what): RefusalWording.supervisorsOnly(what)
        }
    }
}

/// The steps of an incident's life as pure functions of the current state:
/// each returns the transaction to commit.
public enum IncidentRules {
    /// Opens an incident; its due time follows the touchpoint's service level
    /// and the customer's tier. The contact is also a moment in the timeline.
    public static func open(
        in state: StoreState, customer customerID: CustomerID, touchpoint touchpointID: TouchpointID,
        kind: Incident.Kind,
        subject: String, priority: Incident.Priority, channel: Channel, assignee: Assignee = .opener,
        by author: Author, at now: Date
    ) throws(IncidentRefusal) -> (Incident, Transaction) {
        try requireAgent(author, in: state)
        let owner: AgentID?
        switch assignee {
        case .opener: owner = author.agent
        case .nobody: owner = nil
        case .agent(let id):
            guard state.agents[id]?.active == true else { throw .notAnAgent(id.rawValue) }
            owner = id
        }
        guard let customer = state.customers[customerID] else { throw .unknownCustomer(customerID) }
        guard customer.blockedAt == nil else { throw .blockedCustomer(customerID) }
        guard let touchpoint = state.touchpoints[touchpointID] else { throw .unknownTouchpoint(touchpointID) }
        let trimmed = subject.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyText("subject") }
        let id = nextIncidentID(in: state)
        var incident = IncidentStep(
            Incident(
                id: id, customer: customerID, kind: kind, subject: trimmed, priority: priority, status: .open,
                assignee: owner, touchpoint: touchpointID, openedAt: now,
                dueAt: ServiceLevelRules.dueAt(
                    openedAt: now, touchpoint: touchpoint, tier: state.program?.tier(customer.loyalty.tier),
                    priority: priority, times: state.program?.priorityTimes)))
        incident.channel = channel
        incident.log(Incident.Event(at: now, by: author.agent, kind: .opened, text: trimmed))
        if let owner {
            incident.log(Incident.Event(at: now, by: author.agent, kind: .assigned, text: "to \(owner)"))
        }
        let moment = Moment(
            id: MomentID("M-\(id.rawValue)"), customer: customerID, touchpoint: touchpointID, at: now, channel: channel,
            agent: author.agent, outcome: "\(kind.rawValue) opened: \(trimmed)", cost: touchpoint.cost, incident: id)
        return (
            incident.incident,
            Transaction(
                summary: "open incident \(id) for customer \(customerID)", changes: incident.changes + [.moment(moment)]
            )
        )
    }

    /// Who works on a new incident.
    public enum Assignee: Sendable, Equatable {
        /// The agent who opens it (the counter decides at once).
        case opener
        case nobody
        case agent(AgentID)
    }

    /// Adds a note to an incident's history.
    public static func note(
        in state: StoreState, incident incidentID: IncidentID, text: String, by author: Author, at now: Date
    ) throws(IncidentRefusal) -> Transaction {
        var incident = try stepped(incidentID, open: false, in: state, by: author, at: now)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyText("note") }
        incident.log(Incident.Event(at: now, by: author.agent, kind: .note, text: trimmed))
        return Transaction(summary: "note on incident \(incidentID)", changes: incident.changes)
    }

    /// Takes an incident: assigned to the acting agent, in progress.
    public static func take(in state: StoreState, incident incidentID: IncidentID, by author: Author, at now: Date)
        throws(IncidentRefusal) -> Transaction
    {
        var incident = try stepped(incidentID, in: state, by: author, at: now)
        incident.assignee = author.agent
        // Taking it does not end a wait on the customer or a partner.
        if !incident.status.isWaiting { incident.status = .inProgress }
        incident.log(
            Incident.Event(at: now, by: author.agent, kind: .assigned, text: "taken by \(author.agent)"))
        return Transaction(summary: "take incident \(incidentID)", changes: incident.changes)
    }

    /// Assigns an open incident to an active agent.
    public static func assign(
        in state: StoreState, incident incidentID: IncidentID, to assignee: AgentID, handover: String? = nil,
        by author: Author, at now: Date
    ) throws(IncidentRefusal) -> Transaction {
        try requireAgent(author, in: state)
        guard let agent = state.agents[assignee], agent.active else { throw .notAnAgent(assignee.rawValue) }
        let handover = handover?.trimmingCharacters(in: .whitespacesAndNewlines)
        var incident = try stepped(incidentID, in: state, by: author, at: now)
        incident.assignee = assignee
        if incident.status == .open { incident.status = .inProgress }
        incident.log(
            Incident.Event(at: now, by: author.agent, kind: .assigned, text: "assigned to \(assignee)"))
        if let handover, !handover.isEmpty {
            incident.log(Incident.Event(at: now, by: author.agent, kind: .handover, text: handover))
        }
        return Transaction(summary: "assign incident \(incidentID) to \(assignee)", changes: incident.changes)
    }

    /// The customer got in touch again about an open incident: one more
    /// contact, which is what first- and second-contact resolution count.
    public static func contact(
        in state: StoreState, incident incidentID: IncidentID, text: String, by author: Author, at now: Date
    ) throws(IncidentRefusal) -> Transaction {
        // The customer's answer ends a wait on them; a partner's wait goes on.
        let waitingOnThem = state.incidents.summary(of: incidentID)?.status == .waitingOnCustomer
        var incident = try stepped(incidentID, moving: waitingOnThem, in: state, by: author, at: now)
        incident.contacts += 1
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        incident.log(
            Incident.Event(
                at: now, by: author.agent, kind: .contact,
                text: trimmed.isEmpty ? "contact \(incident.contacts)" : trimmed))
        return Transaction(
            summary: "contact \(incident.contacts) on incident \(incidentID)", changes: incident.changes)
    }

    /// Reopens a resolved incident: back in progress, one more contact (the
    /// customer came back), the resolution cleared; its history keeps it all.
    /// `reason`: why the customer came back, kept in the history.
    public static func reopen(
        in state: StoreState, incident incidentID: IncidentID, reason: String? = nil, by author: Author, at now: Date
    ) throws(IncidentRefusal) -> Transaction {
        try requireAgent(author, in: state)
        guard let record = state.incidents[incidentID] else { throw .unknownIncident(incidentID) }
        guard !record.status.isOpen else { throw .stillOpen(incidentID) }
        var incident = IncidentStep(record.nextVersion())
        incident.status = .inProgress
        incident.contacts += 1
        incident.reopens = (incident.reopens ?? 0) + 1
        incident.resolution = nil
        incident.assignee = incident.assignee ?? author.agent
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        incident.log(
            Incident.Event(at: now, by: author.agent, kind: .reopened, text: reason?.isEmpty == false ? reason : nil))
        return Transaction(summary: "reopen incident \(incidentID)", changes: incident.changes)
    }

    /// The incident as a step starts it: checked open (unless `open` is
    /// false), the next version, its stopped clock run again when the step
    /// moves it, and what is owed put on record if its service level is
    /// found missed.
    static func stepped(
        _ id: IncidentID, open: Bool = true, moving: Bool = false, in state: StoreState, by author: Author,
        at now: Date
    ) throws(IncidentRefusal) -> IncidentStep {
        try requireAgent(author, in: state)
        guard let record = state.incidents[id] else { throw .unknownIncident(id) }
        if open, !record.status.isOpen { throw .notOpen(id) }
        var incident = IncidentStep(record.nextVersion())
        let touchpoint = state.touchpoints[incident.touchpoint]
        if moving { incident.runClock(at: now, clock: touchpoint?.clock ?? .alwaysOpen, by: author.agent) }
        incident.recordOwed(touchpoint?.compensation, at: now, by: author.agent)
        return incident
    }

    static func nextIncidentID(in state: StoreState) -> IncidentID {
        var number = state.incidents.count + 1
        return state.incidents.freeNumberedID(prefix: "I", from: &number)
    }

    static func requireAgent(_ author: Author, in state: StoreState) throws(IncidentRefusal) {
        guard state.activeAgent(author) != nil else { throw .notAnAgent(author.agent.rawValue) }
    }
}
