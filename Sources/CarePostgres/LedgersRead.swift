import CareDomain
import Synchronization

/// The ledgers a writer's transaction read in one go (an expiry run's
/// batch), kept so that the figures it then works out do not read them
/// again: under the writer lock nothing but the transaction itself changes
/// them, and it only appends.
final class LedgersRead: Sendable {
    private let ledgers = Mutex<[CustomerID: [LedgerEntry]]>([:])

    func keep(_ read: some Sequence<(CustomerID, [LedgerEntry])>) {
        ledgers.withLock { kept in for (customer, ledger) in read { kept[customer] = ledger } }
    }

    /// The ledgers kept, with what `changes` append to them.
    func after(_ changes: [Change]) -> [CustomerID: [LedgerEntry]] {
        var after = ledgers.withLock { $0 }
        guard !after.isEmpty else { return after }
        for change in changes {
            guard case .ledger(let entry) = change, after[entry.customer] != nil else { continue }
            after[entry.customer]?.append(entry)
        }
        return after
    }
}
