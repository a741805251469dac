import Foundation

/// `care expire`: applies every customer's due expiries and tier lapses.
/// Customers go in batches, each batch one transaction under the writer
/// lock on the state as it is then, so consoles keep working meanwhile and
/// a run that is stopped half-way leaves whole batches behind. Running it
/// again on the same day finds nothing due: it is idempotent.
public enum ExpiryRun {
    public struct Report: Sendable {
        public var today: Day
        public var customersSeen = 0
        public var customersChanged = 0
        public var pointsExpired = 0
        /// (customer, tier before, tier after), in id order.
        public var tierChanges: [(customer: CustomerID, before: TierID?, after: TierID?)] = []
        /// How many customers moved into each lifecycle stage.
        public var stageChanges: [LifecycleStage: Int] = [:]
        /// Stopped on request between batches: what is above was saved,
        /// and running again finishes it.
        public var interrupted = false
    }

    /// `dryRun`: work out what is due and write nothing.
    public static func run(
        store: any CareStore, today: Day, by author: Author, batchSize: Int = 1000, dryRun: Bool = false,
        progress: WorkProgress = .none
    ) throws -> Report {
        // The roster and the program only: a quiet run opens nothing else.
        let light = try store.open(only: [.agents, .program])
        guard light.activeAgent(author) != nil else { throw LoyaltyRefusal.notAnAgent(author.agent.rawValue) }
        guard let program = light.program else { throw LoyaltyRefusal.noProgram }
        var report = Report(today: today)
        // The store's figures know each customer's next due day, so a quiet
        // run reads no ledger and no customer; without them (another program
        // since, a run for an earlier day) every customer is looked at.
        let figures = try store.figures(withRows: false)
        let ids: [CustomerID]
        if figures.expiryDaysHold(for: program, today: today) {
            report.customersSeen = figures.customers.count
            ids = figures.expiryDue(by: today)
        } else {
            let state = try store.open()
            report.customersSeen = state.customers.count
            ids = state.customers.summaries.map(\.id).sorted()
        }
        progress.begin(tr("expire: customers due"), total: ids.count)
        for start in stride(from: 0, to: ids.count, by: max(1, batchSize)) {
            // Between batches: each is one transaction, whole or absent.
            if progress.isCancelled {
                report.interrupted = true
                break
            }
            let batch = ids[start..<min(ids.count, start + batchSize)]
            defer { progress.advance(by: batch.count) }
            var found = Report(today: today)
            _ = try store.transact(by: author) { current, history in
                guard let program = current.program else { throw LoyaltyRefusal.noProgram }
                // Who needs their ledger read, worked out on both cores.
                let due = Parallel.flatMap(batch.count, minimum: 64) { range in
                    batch[batch.startIndex + range.lowerBound..<batch.startIndex + range.upperBound].map { id in
                        Result { () throws(StoreError) -> Customer? in
                            guard let customer = current.customers[id] else { return nil }
                            // A blocked customer's data is kept as it is, for legal claims only;
                            // a merged one is a pointer.
                            guard customer.blockedAt == nil, customer.mergedInto == nil else { return nil }
                            // Nothing to expire, no tier to lapse, no stage due: the ledger need not be read.
                            guard
                                customer.loyalty.points > 0 || customer.loyalty.tier != nil
                                    || customer.lifecycleDue(today: today, program: program) != customer.lifecycle
                            else { return nil }
                            return customer
                        }
                    }
                }
                let customers = try due.compactMap { try $0.get() }
                // Reading ledgers is most of the work: the store reads them its fastest way.
                let ledgers = try history.ledgers(of: customers)
                let results = Parallel.flatMap(customers.count, minimum: 64) { range in
                    range.map { index in
                        Result { () throws(StoreError) -> (CustomerID, LoyaltyRules.Expiry)? in
                            LoyaltyRules.expire(
                                customer: customers[index], ledger: ledgers[index], program: program, today: today
                            ).map { (customers[index].id, $0) }
                        }
                    }
                }
                var changes: [Change] = []
                for result in results {
                    guard let (id, expiry) = try result.get() else { continue }
                    changes += expiry.transaction.changes
                    found.customersChanged += 1
                    found.pointsExpired += expiry.expiredPoints
                    if expiry.tierBefore != expiry.tierAfter {
                        found.tierChanges.append((id, expiry.tierBefore, expiry.tierAfter))
                    }
                    if expiry.stageBefore != expiry.stageAfter {
                        found.stageChanges[expiry.stageAfter, default: 0] += 1
                    }
                }
                return Transaction(
                    summary: "expire on \(today): \(found.customersChanged) customers, \(found.pointsExpired) points",
                    changes: dryRun ? [] : changes)
            }
            report.customersChanged += found.customersChanged
            report.pointsExpired += found.pointsExpired
            report.tierChanges += found.tierChanges
            report.stageChanges.merge(found.stageChanges, uniquingKeysWith: +)
        }
        // A store that does not compact on each write (the command's) folds
        // the run in once, so the next run finds the figures current. What
        // fails here is said as a notice; the run itself is saved.
        if report.customersChanged > 0, !dryRun { _ = try? store.compactIfDue() }
        return report
    }
}
