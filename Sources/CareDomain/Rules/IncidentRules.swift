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

    public var description: String {
        switch self {
        case .unknownCustomer(let id): RefusalWording.unknownCustomer(id)
        case .blockedCustomer(let id): RefusalWording.blocked(id)
        case .unknownTouchpoint(let id): RefusalWording.unknownTouchpoint(id)
        case .unknownIncident(let id): "There is no incident \(id)."
        case .emptyText(let what): "The \(what) is empty; write something."
        case .notAnAgent(let login): RefusalWording.notAnAgent(login)
        case .notOpen(let id): "Incident \(id) is already resolved."
        case .stillOpen(let id): "Incident \(id) is still open; only a resolved one can be reopened."
        case .overAuthority(let limit, let value):
            "This compensation is worth \(value), above your authority of \(limit); resolve without it or ask a supervisor."
        case .badRating(let score): "A rating is 1 to 5, not \(score)."
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
        var incident = Incident(
            id: id, customer: customerID, kind: kind, subject: trimmed, priority: priority, status: .open,
            assignee: owner, touchpoint: touchpointID, openedAt: now,
            dueAt: ServiceLevelRules.dueAt(
                openedAt: now, touchpoint: touchpoint, tier: state.program?.tier(customer.loyalty.tier),
                priority: priority, times: state.program?.priorityTimes),
            history: [Incident.Event(at: now, by: author.agent, kind: .opened, text: trimmed)])
        incident.channel = channel
        if let owner {
            incident.history.append(Incident.Event(at: now, by: author.agent, kind: .assigned, text: "to \(owner)"))
        }
        let moment = Moment(
            id: MomentID("M-\(id.rawValue)"), customer: customerID, touchpoint: touchpointID, at: now, channel: channel,
            agent: author.agent, outcome: "\(kind.rawValue) opened: \(trimmed)", cost: touchpoint.cost, incident: id)
        return (
            incident,
            Transaction(
                summary: "open incident \(id) for customer \(customerID)",
                changes: [.incident(incident), .moment(moment)])
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
        try requireAgent(author, in: state)
        guard var incident = state.incidents[incidentID] else { throw .unknownIncident(incidentID) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyText("note") }
        incident = incident.nextVersion()
        incident.history.append(Incident.Event(at: now, by: author.agent, kind: .note, text: trimmed))
        return Transaction(summary: "note on incident \(incidentID)", changes: [.incident(incident)])
    }

    /// Takes an incident: assigned to the acting agent, in progress.
    public static func take(in state: StoreState, incident incidentID: IncidentID, by author: Author, at now: Date)
        throws(IncidentRefusal) -> Transaction
    {
        try requireAgent(author, in: state)
        guard var incident = state.incidents[incidentID] else { throw .unknownIncident(incidentID) }
        guard incident.status.isOpen else { throw .notOpen(incidentID) }
        incident = incident.nextVersion()
        incident.assignee = author.agent
        incident.status = .inProgress
        incident.history.append(
            Incident.Event(at: now, by: author.agent, kind: .assigned, text: "taken by \(author.agent)"))
        return Transaction(summary: "take incident \(incidentID)", changes: [.incident(incident)])
    }

    /// Assigns an open incident to an active agent.
    public static func assign(
        in state: StoreState, incident incidentID: IncidentID, to assignee: AgentID, handover: String? = nil,
        by author: Author, at now: Date
    ) throws(IncidentRefusal) -> Transaction {
        try requireAgent(author, in: state)
        guard let agent = state.agents[assignee], agent.active else { throw .notAnAgent(assignee.rawValue) }
        let handover = handover?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard var incident = state.incidents[incidentID] else { throw .unknownIncident(incidentID) }
        guard incident.status.isOpen else { throw .notOpen(incidentID) }
        incident = incident.nextVersion()
        incident.assignee = assignee
        if incident.status == .open { incident.status = .inProgress }
        incident.history.append(
            Incident.Event(at: now, by: author.agent, kind: .assigned, text: "assigned to \(assignee)"))
        if let handover, !handover.isEmpty {
            incident.history.append(Incident.Event(at: now, by: author.agent, kind: .handover, text: handover))
        }
        return Transaction(summary: "assign incident \(incidentID) to \(assignee)", changes: [.incident(incident)])
    }

    /// The customer got in touch again about an open incident: one more
    /// contact, which is what first- and second-contact resolution count.
    public static func contact(
        in state: StoreState, incident incidentID: IncidentID, text: String, by author: Author, at now: Date
    ) throws(IncidentRefusal) -> Transaction {
        try requireAgent(author, in: state)
        guard var incident = state.incidents[incidentID] else { throw .unknownIncident(incidentID) }
        guard incident.status.isOpen else { throw .notOpen(incidentID) }
        incident = incident.nextVersion()
        incident.contacts += 1
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        incident.history.append(
            Incident.Event(
                at: now, by: author.agent, kind: .contact,
                text: trimmed.isEmpty ? "contact \(incident.contacts)" : trimmed))
        return Transaction(
            summary: "contact \(incident.contacts) on incident \(incidentID)", changes: [.incident(incident)])
    }

    /// Reopens a resolved incident: back in progress, one more contact (the
    /// customer came back), the resolution cleared; its history keeps it all.
    /// `reason`: why the customer came back, kept in the history.
    public static func reopen(
        in state: StoreState, incident incidentID: IncidentID, reason: String? = nil, by author: Author, at now: Date
    ) throws(IncidentRefusal) -> Transaction {
        try requireAgent(author, in: state)
        guard var incident = state.incidents[incidentID] else { throw .unknownIncident(incidentID) }
        guard !incident.status.isOpen else { throw .stillOpen(incidentID) }
        incident = incident.nextVersion()
        incident.status = .inProgress
        incident.contacts += 1
        incident.reopens = (incident.reopens ?? 0) + 1
        incident.resolution = nil
        incident.assignee = incident.assignee ?? author.agent
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        incident.history.append(
            Incident.Event(at: now, by: author.agent, kind: .reopened, text: reason?.isEmpty == false ? reason : nil))
        return Transaction(summary: "reopen incident \(incidentID)", changes: [.incident(incident)])
    }

    /// What resolving with `playbook` proposes: the compensation owed for a
    /// missed service level (rule 3), else the playbook's own. Each is
    /// granted at most once per incident, however often it is reopened.
    public static func proposal(for incident: Incident, playbook: Playbook?, in state: StoreState, at now: Date) -> (
        compensation: Compensation, owed: Bool
    )? {
        let granted = incident.history.filter { $0.kind == .compensated }
        let owedGranted = incident.compensation?.forMissedServiceLevel == true
        if isOwed(incident, at: now), !owedGranted, let owed = state.touchpoints[incident.touchpoint]?.compensation {
            return (owed, true)
        }
        guard granted.isEmpty else { return nil }
        return playbook?.compensation.map { ($0, false) }
    }

    /// The service level was missed: the incident was not resolved by its
    /// due time (or, while open, is past it).
    public static func isOwed(_ incident: Incident, at now: Date) -> Bool {
        let firstResolved = incident.history.first { $0.kind == .resolved }?.at
        return (firstResolved ?? now) > incident.dueAt
    }

    /// Resolves an incident with a playbook's answer, granting the proposed
    /// compensation when `grant` (within the agent's authority limit; a
    /// supervisor's is their own), and recording the customer's rating.
    /// Points go to the ledger; a coupon is issued for 90 days.
    public static func resolve(
        in state: StoreState, incident incidentID: IncidentID, playbook playbookID: PlaybookID?, grant: Bool,
        rating: Int?, survey: SurveyAnswer? = nil,
        by author: Author, at now: Date
    ) throws(IncidentRefusal) -> Transaction {
        // A survey says who answered; a bare rating is recorded as before.
        let rating = survey?.score ?? rating
        try requireAgent(author, in: state)
        guard let agent = state.agents[author.agent] else { throw .notAnAgent(author.agent.rawValue) }
        guard var incident = state.incidents[incidentID] else { throw .unknownIncident(incidentID) }
        guard incident.status.isOpen else { throw .notOpen(incidentID) }
        if let rating, !(1...5).contains(rating) { throw .badRating(rating) }
        let playbook = playbookID.flatMap { state.playbooks[$0] }
        var changes: [Change] = []
        incident = incident.nextVersion()
        incident.status = .resolved
        incident.assignee = incident.assignee ?? author.agent
        let summary = playbook?.solution ?? "resolved at the counter"
        incident.resolution = Incident.Resolution(summary: summary, playbook: playbook?.id, at: now, by: author.agent)
        incident.firstResolved = incident.firstResolved ?? Incident.Stamp(at: now, by: author.agent)
        incident.history.append(Incident.Event(at: now, by: author.agent, kind: .resolved, text: summary))
        if grant, let (compensation, owed) = proposal(for: incident, playbook: playbook, in: state, at: now) {
            if !agent.mayGrant(compensation.value) {
                throw .overAuthority(limit: agent.authorityLimit, value: compensation.value)
            }
            incident.compensation = Incident.GrantedCompensation(
                compensation: compensation, grantedBy: author.agent, at: now, forMissedServiceLevel: owed)
            incident.history.append(
                Incident.Event(at: now, by: author.agent, kind: .compensated, text: compensation.description))
            changes += compensationChanges(compensation, for: incident, in: state, by: author, at: now)
        }
        if let rating {
            let comment = survey?.comment?.trimmingCharacters(in: .whitespacesAndNewlines)
            incident.rating = Incident.Rating(
                score: rating, recordedBy: author.agent, at: now, expectationsMet: survey?.expectationsMet,
                comment: comment?.isEmpty == false ? comment : nil, answeredBy: survey?.answeredBy)
            let who = survey.map { $0.answeredBy == .customer ? ", the customer's answer" : ", the agent's judgement" }
            incident.history.append(
                Incident.Event(at: now, by: author.agent, kind: .rated, text: "\(rating)/5" + (who ?? "")))
        }
        return Transaction(summary: "resolve incident \(incidentID)", changes: [.incident(incident)] + changes)
    }

    private static func compensationChanges(
        _ compensation: Compensation, for incident: Incident, in state: StoreState, by author: Author, at now: Date
    ) -> [Change] {
        guard let customer = state.customers[incident.customer] else { return [] }
        switch compensation.kind {
        case .points:
            guard let program = state.program else { return [] }
            // Crediting needs no lots: the ledger is not read here.
            var account = PointsAccount(of: customer, program: program, ledger: [])
            guard
                let entry = account.credit(
                    compensation.points ?? 0, at: now, kind: .compensation, reason: compensation.description,
                    incident: incident.id, by: author.agent)
            else { return [] }
            return [.customer(LoyaltyRules.updatedCustomer(customer, account, today: nil)), .ledger(entry)]
        case .coupon:
            let day = Day(containing: now)
            let coupon = Coupon(
                id: CouponCode("CP-\(incident.id)-v\(incident.version)"), customer: customer.id,
                discountPercent: compensation.discountPercent ?? 10,
                validFrom: day, validUntil: day.adding(days: 90), reason: compensation.description)
            return [.coupon(coupon)]
        case .treatment:
            return []
        }
    }

    static func nextIncidentID(in state: StoreState) -> IncidentID {
        var number = state.incidents.count + 1
        return state.incidents.freeNumberedID(prefix: "I", from: &number)
    }

    static func requireAgent(_ author: Author, in state: StoreState) throws(IncidentRefusal) {
        guard state.activeAgent(author) != nil else { throw .notAnAgent(author.agent.rawValue) }
    }
}
