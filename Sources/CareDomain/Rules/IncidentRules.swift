import Foundation

/// Why an incident step was refused, in words for the agent.
public enum IncidentRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownCustomer(CustomerID)
    case unknownTouchpoint(TouchpointID)
    case unknownIncident(IncidentID)
    case emptyText(String)
    case notAnAgent(String)

    public var description: String {
        switch self {
        case .unknownCustomer(let id): "There is no customer with id \(id) in this store; check the id (the demo's look like C000123)."
        case .unknownTouchpoint(let id): "There is no touchpoint \(id) in the catalog."
        case .unknownIncident(let id): "There is no incident \(id)."
        case .emptyText(let what): "The \(what) is empty; write something."
        case .notAnAgent(let login): "\(login) is not an active agent in this store's roster; ask a supervisor to add you."
        }
    }
}

/// The steps of an incident's life as pure functions of the current state:
/// each returns the transaction to commit.
public enum IncidentRules {
    /// Opens an incident; its due time follows the touchpoint's service level
    /// and the customer's tier. The contact is also a moment in the timeline.
    public static func open(
        in state: StoreState, customer customerID: CustomerID, touchpoint touchpointID: TouchpointID, kind: Incident.Kind,
        subject: String, priority: Incident.Priority, channel: Channel, by author: Author, at now: Date
    ) throws(IncidentRefusal) -> (Incident, Transaction) {
        try requireAgent(author, in: state)
        guard let customer = state.customers[customerID] else { throw .unknownCustomer(customerID) }
        guard let touchpoint = state.touchpoints[touchpointID] else { throw .unknownTouchpoint(touchpointID) }
        let trimmed = subject.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyText("subject") }
        let id = nextIncidentID(in: state)
        let incident = Incident(
            id: id, customer: customerID, kind: kind, subject: trimmed, priority: priority, status: .open,
            touchpoint: touchpointID, openedAt: now,
            dueAt: ServiceLevelRules.dueAt(openedAt: now, touchpoint: touchpoint, tier: state.program?.tier(customer.loyalty.tier)),
            history: [Incident.Event(at: now, by: author.agent, kind: .opened, text: trimmed)])
        let moment = Moment(
            id: MomentID("M-\(id.rawValue)"), customer: customerID, touchpoint: touchpointID, at: now, channel: channel,
            agent: author.agent, outcome: "\(kind.rawValue) opened: \(trimmed)", cost: touchpoint.cost, incident: id)
        return (incident, Transaction(summary: "open incident \(id) for customer \(customerID)", changes: [.incident(incident), .moment(moment)]))
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

    /// `I000124` after the highest numbered one. Called under the writer
    /// lock on the current state, so two agents never get the same id.
    static func nextIncidentID(in state: StoreState) -> IncidentID {
        var number = state.incidents.count + 1
        while state.incidents[IncidentID(numbered: number)] != nil { number += 1 }
        return IncidentID(numbered: number)
    }

    static func requireAgent(_ author: Author, in state: StoreState) throws(IncidentRefusal) {
        guard let agent = state.agents[author.agent], agent.active else { throw .notAnAgent(author.agent.rawValue) }
    }
}
