import Foundation

extension CustomerRules {
    /// What a merge moved, for the message.
    public struct Merge: Sendable, Equatable {
        public var transaction: Transaction
        public var moments: Int
        public var points: Int
        public var incidents: Int
        public var coupons: Int
    }

    /// A supervisor merges `other`, a duplicate, into `keep`: its timeline
    /// is copied into the kept customer's (each moment under its own id),
    /// its points move lot by lot with the day each lapses, its incidents
    /// and coupons are the kept customer's from now on, its consent answers
    /// join the kept customer's history, and fields the kept profile lacks
    /// are taken from it. `other` stays as a pointer (`mergedInto`), its own
    /// history files as they were, hidden from lists and reports.
    public static func merge(
        keep keepID: CustomerID, other otherID: CustomerID, in state: StoreState, history: any HistoryReader,
        by author: Author, at now: Date
    ) throws -> Merge {
        guard state.activeSupervisor(author) != nil else {
            throw CustomerRefusal.supervisorsOnly(tr("merge customers"))
        }
        guard keepID != otherID else { throw CustomerRefusal.sameCustomer(keepID) }
        let keep = try workable(keepID, in: state, by: author)
        let other = try workable(otherID, in: state, by: author)
        guard let program = state.program else { throw LoyaltyRefusal.noProgram }

        let known = Set(try history.moments(of: keepID).map(\.id))
        var moved = try history.moments(of: otherID).filter { !known.contains($0.id) }
        for index in moved.indices { moved[index].customer = keepID }

        var given = PointsAccount(of: other, program: program, ledger: try history.ledger(of: otherID))
        given.settle(until: now)
        let lots = given.heldLots
        let points = given.balance
        if points > 0 {
            // Never refused: the whole balance is taken.
            _ = try? given.debit(
                points, at: now, kind: .adjust, reason: "merged into customer \(keepID)", by: author.agent)
        }
        var taken = PointsAccount(of: keep, program: program, ledger: try history.ledger(of: keepID))
        taken.settle(until: now)
        for lot in lots {
            taken.credit(
                lot.points, at: now, kind: .adjust,
                reason: "merged from customer \(otherID) (lapses on \(lot.expiresOn))", by: author.agent,
                expiresOn: lot.expiresOn)
        }

        let today = Day(containing: now)
        var kept = LoyaltyRules.updatedCustomer(keep, taken, today: today)
        kept.fillGaps(from: other, today: today)
        var pointer = LoyaltyRules.updatedCustomer(other, given, today: today)
        pointer.mergedInto = keepID

        let incidents = state.incidents.summaries { $0.customer == otherID }.compactMap { state.incidents[$0.id] }
            .map { incident in
                var next = incident.nextVersion()
                next.customer = keepID
                return next
            }
        // Their steps go with them to the kept customer's file (a merge
        // begun again after a crash copies none twice).
        let filed = Set(try history.incidentEvents(of: keepID).map(\.id))
        let steps = try history.incidentEvents(of: otherID).filter { !filed.contains($0.id) }.map { step in
            var moved = step
            moved.customer = keepID
            return moved
        }
        let coupons = state.coupons.sorted.filter { $0.customer == otherID }.map { coupon in
            var next = coupon.nextVersion()
            next.customer = keepID
            return next
        }
        // Those merged into the other before now lead to the kept customer,
        // never to a pointer.
        let earlier = PrivacyRules.pointers(to: otherID, in: state).compactMap { state.customers[$0] }.map {
            var next = $0.nextVersion()
            next.mergedInto = keepID
            return next
        }
        let changes: [Change] =
            [.customer(kept), .customer(pointer)] + earlier.map(Change.customer) + moved.map(Change.moment)
            + given.book.entries.map(Change.ledger) + taken.book.entries.map(Change.ledger)
            + incidents.map(Change.incident) + steps.map(Change.incidentEvent) + coupons.map(Change.coupon)
        return Merge(
            transaction: Transaction(
                summary:
                    "merge customer \(otherID) into \(keepID): \(moved.count) moments, \(points) points, \(incidents.count) incidents, \(coupons.count) coupons",
                changes: changes),
            moments: moved.count, points: points, incidents: incidents.count, coupons: coupons.count)
    }
}

extension Customer {
    /// Takes from `other` what this profile does not have, its consent
    /// answers (all of them, in time order), the earlier customer-since day
    /// and the later purchase; a prospect takes the other's stage.
    mutating func fillGaps(from other: Customer, today: Day) {
        for field in CustomerField.allCases where field.text(of: self).isEmpty {
            // The other's value was valid when saved; a failure leaves the gap.
            try? field.write(field.text(of: other), into: &self, today: today)
        }
        let answers = (consents ?? []) + (other.consents ?? [])
        consents = answers.isEmpty ? nil : answers.sorted { $0.at < $1.at }
        customerSince = min(customerSince, other.customerSince)
        if let theirs = other.lastPurchase { lastPurchase = max(lastPurchase ?? theirs, theirs) }
        if lifecycle == .prospect, other.lifecycle != .prospect {
            lifecycle = other.lifecycle
            lifecycleSince = other.lifecycleSince
        }
    }
}
