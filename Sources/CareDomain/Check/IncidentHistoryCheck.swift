import Foundation

/// The steps of a customer's incidents (`incident-events/`): each names an
/// incident in the store and an agent in the roster, appears once, and
/// every incident of the customer has all the steps its record counts.
package enum IncidentHistoryCheck {
    /// `file` names where the steps are.
    package static func check(
        _ customer: CustomerID, incidents: [Incident], events: [IncidentEvent], state: StoreState, in file: String
    ) -> [String] {
        var problems: [String] = []
        var seen = Set<String>()
        var numbers: [IncidentID: Set<Int>] = [:]
        for event in events {
            let place = tr("%@ step %@ of incident %@", file, event.number, event.incident)
            if !seen.insert(event.id).inserted { problems.append(tr("%@ appears twice.", place)) }
            if event.customer != customer {
                problems.append(tr("%@ belongs to customer %@, not %@.", place, event.customer, customer))
            }
            // A merge copies the steps to the kept customer's file; those
            // left in the other's still name an incident of the store.
            if !state.incidents.contains(event.incident) {
                problems.append(tr("%@ names an incident that is not in incidents.json.", place))
            }
            if !state.agents.contains(event.by) {
                problems.append(tr("%@ is by %@, who is not in the roster.", place, event.by))
            }
            numbers[event.incident, default: []].insert(event.number)
        }
        for incident in incidents {
            let carried = incident.embeddedHistory ?? []
            if let unknown = carried.first(where: { !state.agents.contains($0.by) }) {
                problems.append(tr("Incident %@ has a step by %@, who is not in the roster.", incident.id, unknown.by))
            }
            let held = (numbers[incident.id] ?? []).union(carried.indices.map { $0 + 1 })
            let missing = (1...max(1, incident.events)).filter { !held.contains($0) }
            if incident.events > 0, !missing.isEmpty {
                problems.append(
                    tr(
                        "Incident %@ counts %@ steps but %@ lacks %@ of them (from step %@); restore the file from a backup.",
                        incident.id, incident.events, file, missing.count, missing[0]))
            }
            if let beyond = numbers[incident.id]?.first(where: { $0 > incident.events }) {
                problems.append(
                    tr("%@ holds step %@ of incident %@, which counts %@.", file, beyond, incident.id, incident.events))
            }
        }
        return problems
    }
}
