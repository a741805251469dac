import Foundation

/// History appends a process has read from the journal and not yet folded
/// into the customers' files, by customer. A compaction may have folded
/// some of them already, so readers match them by id.
struct PendingHistory: Sendable {
    var moments: [CustomerID: [Moment]] = [:]
    var ledger: [CustomerID: [LedgerEntry]] = [:]
    var incidentEvents: [CustomerID: [IncidentEvent]] = [:]

    static let none = PendingHistory()

    /// Keeps `change` when it is a history append; false for a record change.
    mutating func take(_ change: Change) -> Bool {
        switch change {
        case .moment(let moment): moments[moment.customer, default: []].append(moment)
        case .ledger(let entry): ledger[entry.customer, default: []].append(entry)
        case .incidentEvent(let event): incidentEvents[event.customer, default: []].append(event)
        default: return false
        }
        return true
    }
}
