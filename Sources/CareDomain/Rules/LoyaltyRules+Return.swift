import Foundation

extension StoreState {
    /// Where the counter records purchases: the touchpoints marked for
    /// them in the catalog, or every touchpoint when none is marked (a
    /// catalog from before the mark).
    public var purchaseTouchpoints: [Touchpoint] {
        let all = touchpoints.sorted
        let marked = all.filter { $0.records == .purchases }
        return marked.isEmpty ? all : marked
    }

    /// Where returns show in the timeline: the touchpoint marked for them, if any.
    public var returnTouchpoint: Touchpoint? { touchpoints.sorted.first { $0.records == .returns } }
}

extension LoyaltyRules {
    /// What a return did to the customer's points.
    public struct Return: Sendable, Equatable {
        public var transaction: Transaction
        /// The points the returned part had earned.
        public var pointsDue: Int
        /// What was taken back: all that was due, or the balance when less.
        public var pointsTaken: Int
        public var balance: Int
        /// Points already spent that the return could not take back.
        public var pointsShort: Int { pointsDue - pointsTaken }
    }

    /// A purchase given back in full (`amount` nil) or in part: a return
    /// moment, and the points the returned share earned taken back. When
    /// they were already spent the balance goes to zero, never below, and
    /// the rest is written off (the summary says how many).
    public static func returnPurchase(
        in state: StoreState, moments: [Moment], ledger: [LedgerEntry], customer customerID: CustomerID,
        purchase purchaseID: MomentID, amount: Cents?, by author: Author, at now: Date
    ) throws(LoyaltyRefusal) -> Return {
        let (customer, program) = try ready(state, customerID, author)
        guard let purchase = moments.first(where: { $0.id == purchaseID && $0.isPurchase }),
            let paid = purchase.amount
        else { throw .unknownPurchase(purchaseID) }
        let earlier = moments.filter { $0.returnOf == purchaseID }
        let returnedBefore = earlier.reduce(Cents.zero) { $0 - ($1.amount ?? .zero) }
        let left = paid - returnedBefore
        guard left > .zero else { throw .returnTooLarge(amount ?? .zero, left: .zero) }
        let amount = amount ?? left
        guard amount > .zero else { throw .badAmount(amount) }
        guard amount <= left else { throw .returnTooLarge(amount, left: left) }
        let earned = ledger.filter { $0.kind == .earn && $0.moment == purchaseID }.reduce(0) { $0 + $1.points }
        // What the returns so far owed in all (taken or written off) and what
        // all of them owe with this one: parts add up to the whole.
        func owed(_ returned: Cents) -> Int { returned == paid ? earned : earned * returned.rawValue / paid.rawValue }
        let due = max(0, owed(returnedBefore + amount) - owed(returnedBefore))
        var account = PointsAccount(of: customer, program: program, ledger: ledger)
        account.settle(until: now)
        let taken = min(due, account.balance)
        let place = state.returnTouchpoint ?? state.touchpoints[purchase.touchpoint]
        let moment = Moment(
            id: MomentID("\(customer.id)-v\(customer.version + 1)-R"), customer: customer.id,
            touchpoint: place?.id ?? purchase.touchpoint, at: now, channel: purchase.channel, agent: author.agent,
            outcome: "returned \(amount) of the purchase of \(Day(containing: purchase.at))",
            cost: place?.cost ?? .zero,
            amount: .zero - amount, productFamily: purchase.productFamily, returnOf: purchaseID)
        if taken > 0 {
            // Never refused: `taken` is at most the balance.
            _ = try? account.debit(
                taken, at: now, kind: .returned, reason: "return of \(amount) (purchase \(purchaseID))",
                moment: moment.id, by: author.agent)
        }
        let updated = updatedCustomer(customer, account, today: Day(containing: now))
        let short = due - taken
        let spent = short > 0 ? ", \(short) already spent and written off" : ""
        return Return(
            transaction: Transaction(
                summary:
                    "return \(amount) of \(purchaseID) by customer \(customer.id): \(taken) points taken back\(spent)",
                changes: [.customer(updated), .moment(moment)] + account.book.entries.map(Change.ledger)),
            pointsDue: due, pointsTaken: taken, balance: account.balance)
    }
}
