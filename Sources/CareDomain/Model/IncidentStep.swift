import Foundation

/// An incident moved by one step: the next version of its record and the
/// events the step adds to its history, which go into the transaction as
/// appends to the customer's file (`changes`). Reads and writes of the
/// record's fields pass through (`step.status = .inProgress`).
@dynamicMemberLookup
public struct IncidentStep: Sendable, Equatable {
    public var incident: Incident
    public private(set) var events: [IncidentEvent] = []

    public init(_ incident: Incident) { self.incident = incident }

    public subscript<Value>(dynamicMember path: WritableKeyPath<Incident, Value>) -> Value {
        get { incident[keyPath: path] }
        set { incident[keyPath: path] = newValue }
    }

    /// Adds `event` to the history, numbered after the record's last.
    public mutating func log(_ event: Incident.Event) {
        incident.events += 1
        events.append(
            IncidentEvent(incident: incident.id, number: incident.events, customer: incident.customer, event: event))
    }

    /// The record, then its new events.
    public var changes: [Change] { [.incident(incident)] + events.map(Change.incidentEvent) }
}
