import Foundation

/// Customers' histories as one process sees them: the folded history file
/// plus what it has read from the journal since (a compaction may have
/// folded some of those already, so they are matched by id).
struct FoldedHistory: HistoryReader {
    let layout: StoreLayout
    let pending: PendingHistory
    /// The writer's (under its lock): files it read before are not read again.
    var memo: HistoryMemo? = nil

    func moments(of customer: CustomerID) throws(StoreError) -> [Moment] {
        try checkedMoments(of: customer).moments
    }

    /// The timeline, and whether its file ends with an unfinished line (a
    /// fold cut short, which the next compaction writes again whole).
    func checkedMoments(of customer: CustomerID) throws(StoreError) -> (moments: [Moment], unfinished: Bool) {
        let (moments, unfinished) = try read(customer, .moments, recent: pending.moments[customer] ?? [])
        // No timeline at all: a prospect, or a file deleted; the ledger tells.
        if moments.isEmpty { try requireWholeTimeline(moments, of: customer) }
        return (moments, unfinished)
    }

    /// Every moment the customer's ledger names (the purchase that earned
    /// points) is in their timeline; one that is not means the timeline
    /// lost entries (the file deleted or cut).
    func requireWholeTimeline(_ moments: [Moment], of customer: CustomerID) throws(StoreError) {
        let named = try ledger(of: customer).compactMap(\.moment)
        guard !named.isEmpty else { return }
        let known = Set(moments.map(\.id))
        if let lost = named.first(where: { !known.contains($0) }) {
            throw .corrupt(
                file: layout.relative(layout.history(.moments, of: customer)), line: nil, field: nil,
                reason:
                    "the ledger names moment \(lost), which is not in it, so moments are missing (the file was deleted or cut); restore it from a backup"
            )
        }
    }

    func ledger(of customer: CustomerID) throws(StoreError) -> [LedgerEntry] {
        try checkedLedger(of: customer).entries
    }

    /// The ledger, and whether its file ends with an unfinished line.
    func checkedLedger(of customer: CustomerID) throws(StoreError) -> (entries: [LedgerEntry], unfinished: Bool) {
        let (entries, unfinished) = try read(customer, .ledger, recent: pending.ledger[customer] ?? [])
        try HistoryFile.requireWholeLedger(entries, path: layout.relative(layout.history(.ledger, of: customer)))
        return (entries, unfinished)
    }

    func incidentEvents(of customer: CustomerID) throws(StoreError) -> [IncidentEvent] {
        try checkedIncidentEvents(of: customer).events
    }

    /// The incidents' steps, and whether their file ends with an unfinished line.
    func checkedIncidentEvents(of customer: CustomerID) throws(StoreError) -> (
        events: [IncidentEvent], unfinished: Bool
    ) {
        let (events, unfinished) = try read(customer, .incidentEvents, recent: pending.incidentEvents[customer] ?? [])
        return (events, unfinished)
    }

    private func read<T: Codable & Identifiable & Sendable>(_ customer: CustomerID, _ kind: HistoryKind, recent: [T])
        throws(StoreError) -> (items: [T], unfinished: Bool)
    where T.ID: Hashable {
        guard customer.isSafeFileName else { return ([], false) }
        let (folded, completeLength) = try HistoryFile.readWithTail(
            layout.history(kind, of: customer), as: T.self, layout: layout, decoder: CareJSON.decoder(), memo: memo)
        guard !recent.isEmpty else { return (folded, completeLength != nil) }
        let known = Set(folded.map(\.id))
        return (folded + recent.filter { !known.contains($0.id) }, completeLength != nil)
    }
}

/// The histories a write reads, held against the state it writes on: a
/// ledger that does not add up to the customer's balance lost entries, and
/// a change computed from it would make the loss permanent.
struct WriterHistory: HistoryReader {
    let base: FoldedHistory
    let state: StoreState

    func moments(of customer: CustomerID) throws(StoreError) -> [Moment] { try base.moments(of: customer) }

    func incidentEvents(of customer: CustomerID) throws(StoreError) -> [IncidentEvent] {
        try base.incidentEvents(of: customer)
    }

    func ledger(of customer: CustomerID) throws(StoreError) -> [LedgerEntry] {
        guard let record = try state.customers.find(customer) else { return try base.ledger(of: customer) }
        return try ledger(of: record)
    }

    /// `customer` is the record in `state` (the caller read it there).
    func ledger(of customer: Customer) throws(StoreError) -> [LedgerEntry] {
        let entries = try base.ledger(of: customer.id)
        let sum = entries.reduce(0) { $0 + $1.points }
        if sum != customer.loyalty.points {
            throw .corrupt(
                file: base.layout.relative(base.layout.history(.ledger, of: customer.id)), line: nil, field: nil,
                reason:
                    "its entries add up to \(sum) points but customer \(customer.id) shows \(customer.loyalty.points), so entries are missing; restore it from a backup"
            )
        }
        return entries
    }
}
