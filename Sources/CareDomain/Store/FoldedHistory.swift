import Foundation

/// Customers' histories as one process sees them: the folded history file
/// plus what it has read from the journal since (a compaction may have
/// folded some of those already, so they are matched by id).
struct FoldedHistory: HistoryReader {
    let layout: StoreLayout
    let pendingMoments: [CustomerID: [Moment]]
    let pendingLedger: [CustomerID: [LedgerEntry]]

    func moments(of customer: CustomerID) throws(StoreError) -> [Moment] {
        try read(customer, .moments, recent: pendingMoments[customer] ?? [])
    }

    func ledger(of customer: CustomerID) throws(StoreError) -> [LedgerEntry] {
        try read(customer, .ledger, recent: pendingLedger[customer] ?? [])
    }

    private func read<T: Codable & Identifiable>(_ customer: CustomerID, _ kind: HistoryKind, recent: [T]) throws(StoreError) -> [T]
    where T.ID: Hashable {
        guard customer.isSafeFileName else { return [] }
        let folded = try HistoryFile.read(layout.history(kind, of: customer), as: T.self, layout: layout, decoder: CareJSON.decoder())
        guard !recent.isEmpty else { return folded }
        let known = Set(folded.map(\.id))
        return folded + recent.filter { !known.contains($0.id) }
    }
}
