import Foundation

/// Copies a whole store into a new one (`care migrate`): every record as it
/// is now, every customer's histories in the order written, and the journal
/// (the audit trail) as it was, followed by one transaction that says where
/// the store came from. Either the new store is made whole or nothing is
/// left of it (each store's `create` promises that).
public enum StoreMigration {
    public struct Outcome: Sendable, Equatable {
        public var records = 0
        public var customers = 0
        public var historyEntries = 0
        public var transactions = 0
    }

    public static func copy(
        from source: any CareStore, to target: any StoreCreating, by author: Author, from name: String,
        progress: WorkProgress = .none
    ) throws -> Outcome {
        let state = try source.open()
        // A damaged store is repaired where it is, not copied with its holes.
        try state.requireUndamaged()
        var records = InitialRecords()
        records.customers = state.customers.sorted
        records.agents = state.agents.sorted
        records.touchpoints = state.touchpoints.sorted
        records.incidents = state.incidents.sorted
        records.playbooks = state.playbooks.sorted
        records.rewards = state.rewards.sorted
        records.coupons = state.coupons.sorted
        records.program = state.program
        records.campaigns = state.campaigns.sorted
        var outcome = Outcome()
        outcome.records = records.changes.count
        outcome.customers = records.customers.count
        let journal = try source.journalEntries()
        outcome.transactions = journal.count
        progress.begin(tr("migrate: customers"), total: records.customers.count)
        // A customer at a time, from the source straight into the target.
        try target.create(records: records, journal: journal, summary: "migrated from \(name)", by: author) {
            each in
            for customer in records.customers {
                try progress.checkCancelled()
                let history = CustomerHistory(
                    customer: customer.id, moments: try source.moments(of: customer.id),
                    ledger: try source.ledger(of: customer.id),
                    incidentEvents: try source.incidentEvents(of: customer.id))
                outcome.historyEntries += history.moments.count + history.ledger.count + history.incidentEvents.count
                try each(history)
                progress.advance()
            }
        }
        return outcome
    }
}

extension StoreMigration {
    /// What differs between the two stores, read back from both: every
    /// record, every customer's histories and the journal up to the
    /// source's last transaction. Empty when the copy is faithful.
    public static func differences(between source: any CareStore, and target: any CareStore) throws -> [String] {
        let left = try source.open()
        let right = try target.open()
        var found: [String] = []
        func compare<R: Record>(_ a: Table<R>, _ b: Table<R>) {
            if a.sorted != b.sorted { found.append(tr("the %@ differ", R.collection.rawValue)) }
        }
        compare(left.customers, right.customers)
        compare(left.agents, right.agents)
        compare(left.touchpoints, right.touchpoints)
        compare(left.incidents, right.incidents)
        compare(left.playbooks, right.playbooks)
        compare(left.rewards, right.rewards)
        compare(left.coupons, right.coupons)
        compare(left.programs, right.programs)
        compare(left.campaigns, right.campaigns)
        for id in left.customers.ids {
            if try source.moments(of: id) != target.moments(of: id) || source.ledger(of: id) != target.ledger(of: id)
                || source.incidentEvents(of: id) != target.incidentEvents(of: id)
            {
                found.append(tr("customer %@'s history differs", id.rawValue))
            }
        }
        let journal = try source.journalEntries()
        if Array(try target.journalEntries().prefix(journal.count)) != journal {
            found.append(tr("the journal differs"))
        }
        return found
    }
}
