import Foundation

/// Customers' histories as one process sees them: the folded history file
/// plus what it has read from the journal since (a compaction may have
/// folded some of those already, so they are matched by id).
struct FoldedHistory: HistoryReader {
    let layout: StoreLayout
    let pendingMoments: [CustomerID: [Moment]]
    let pendingLedger: [CustomerID: [LedgerEntry]]

    func moments(of customer: CustomerID) throws(StoreError) -> [Moment] {
        let moments = try read(customer, .moments, recent: pendingMoments[customer] ?? [])
        // No timeline at all: a prospect, or a file deleted; the ledger tells.
        if moments.isEmpty { try requireWholeTimeline(moments, of: customer) }
        return moments
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
        let entries = try read(customer, .ledger, recent: pendingLedger[customer] ?? [])
        try HistoryFile.requireWholeLedger(entries, path: layout.relative(layout.history(.ledger, of: customer)))
        return entries
    }

    private func read<T: Codable & Identifiable>(_ customer: CustomerID, _ kind: HistoryKind, recent: [T])
        throws(StoreError) -> [T]
    where T.ID: Hashable {
        guard customer.isSafeFileName else { return [] }
        let folded = try HistoryFile.read(
            layout.history(kind, of: customer), as: T.self, layout: layout, decoder: CareJSON.decoder())
        guard !recent.isEmpty else { return folded }
        let known = Set(folded.map(\.id))
        return folded + recent.filter { !known.contains($0.id) }
    }
}

/// The histories a write reads, held against the state it writes on: a
/// ledger that does not add up to the customer's balance lost entries, and
/// a change computed from it would make the loss permanent.
struct WriterHistory: HistoryReader {
    let base: FoldedHistory
    let state: StoreState

    func moments(of customer: CustomerID) throws(StoreError) -> [Moment] { try base.moments(of: customer) }

    func ledger(of customer: CustomerID) throws(StoreError) -> [LedgerEntry] {
        let entries = try base.ledger(of: customer)
        if let record = try state.customers.find(customer) {
            let sum = entries.reduce(0) { $0 + $1.points }
            if sum != record.loyalty.points {
                throw .corrupt(
                    file: base.layout.relative(base.layout.history(.ledger, of: customer)), line: nil, field: nil,
                    reason:
                        "its entries add up to \(sum) points but customer \(customer) shows \(record.loyalty.points), so entries are missing; restore it from a backup"
                )
            }
        }
        return entries
    }
}
