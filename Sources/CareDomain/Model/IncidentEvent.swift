import Foundation

/// One step of an incident's history, kept in its customer's
/// `incident-events/` file as moments are in `moments/`, never in the
/// incident's snapshot line: 200,000 incidents open without their trails,
/// and a trail is read only when its incident is shown.
public struct IncidentEvent: Codable, Sendable, Equatable, Identifiable {
    public var incident: IncidentID
    /// 1 for the opening, then one more per step; with the incident it names
    /// the event, so a fold written twice after a crash appends it once.
    public var number: Int
    public var customer: CustomerID
    public var at: Date
    public var by: AgentID
    public var kind: Incident.EventKind
    public var text: String?

    public init(incident: IncidentID, number: Int, customer: CustomerID, event: Incident.Event) {
        self.incident = incident
        self.number = number
        self.customer = customer
        self.at = event.at
        self.by = event.by
        self.kind = event.kind
        self.text = event.text
    }

    public var id: String { incident.rawValue + "#" + String(number) }

    public var event: Incident.Event { Incident.Event(at: at, by: by, kind: kind, text: text) }
}

extension Incident {
    /// Its history, oldest first, from what its record still carries (from
    /// before histories were kept apart) and `filed`, its customer's steps
    /// (any incident's: those of others are passed over). A step filed
    /// twice, or both carried and filed after a crash mid-move, counts once.
    public func history(filed: [IncidentEvent]) -> [Event] {
        var byNumber: [Int: Event] = [:]
        for (index, event) in (embeddedHistory ?? []).enumerated() { byNumber[index + 1] = event }
        for step in filed where step.incident == id { byNumber[step.number] = step.event }
        return byNumber.sorted { $0.key < $1.key }.map(\.value)
    }
}

extension HistoryReader {
    /// The incident's history, oldest first (`Incident.history(filed:)`).
    public func history(of incident: Incident) throws(StoreError) -> [Incident.Event] {
        incident.history(filed: try incidentEvents(of: incident.customer))
    }
}
