import Foundation

/// The points steps (rule 6 and 7) as pure functions of the current state
/// and the customer's ledger: each returns the transaction to commit. Every
/// step first posts what expired before it, so points that lapsed are never
/// spent, and writes the customer's next version with the new balance and
/// tier, which makes two concurrent steps on one customer conflict instead
/// of both passing.
public enum LoyaltyRules {
    /// A purchase: a moment in the timeline and the points it earns.
    public static func purchase(
        in state: StoreState, ledger: [LedgerEntry], customer customerID: CustomerID, amount: Cents,
        productFamily: String?,
        touchpoint touchpointID: TouchpointID, channel: Channel, by author: Author, at now: Date
    ) throws(LoyaltyRefusal) -> Transaction {
        let (customer, program) = try ready(state, customerID, author)
        guard amount > .zero else { throw .badAmount(amount) }
        guard let touchpoint = state.touchpoints[touchpointID] else { throw .unknownTouchpoint(touchpointID) }
        let places = state.purchaseTouchpoints.map(\.id)
        guard places.contains(touchpointID) else { throw .notAPurchaseTouchpoint(touchpointID, places) }
        let today = Day(containing: now)
        var account = PointsAccount(of: customer, program: program, ledger: ledger)
        account.settle(until: now)
        let tier = program.tier(account.standing(today: today).tier)
        let points = program.points(for: amount, tier: tier, touchpoint: touchpointID, productFamily: productFamily)
        let family = productFamily.map { " " + $0 } ?? ""
        let moment = Moment(
            id: MomentID("\(customer.id)-v\(customer.version + 1)-M"), customer: customer.id, touchpoint: touchpointID,
            at: now,
            channel: channel, agent: author.agent, outcome: "bought\(family), \(amount)", cost: touchpoint.cost,
            amount: amount,
            productFamily: productFamily)
        account.noteActivity(on: today)
        account.credit(
            points, at: now, kind: .earn, reason: "purchase\(family) \(amount)", moment: moment.id, by: author.agent)
        let updated = updatedCustomer(customer, account, today: today).afterPurchase(on: today)
        let reached =
            updated.loyalty.tier != customer.loyalty.tier
            ? program.tier(updated.loyalty.tier).map { ", reached \($0.name)" } ?? "" : ""
        return Transaction(
            summary: "purchase \(amount) by customer \(customer.id): \(points) points\(reached)",
            changes: [.customer(updated), .moment(moment)] + account.book.entries.map(Change.ledger))
    }

    /// Redeems a reward: its points (and money), or nothing when the tier
    /// gives it free and it has not been taken in this tier term.
    public static func redeem(
        in state: StoreState, ledger: [LedgerEntry], customer customerID: CustomerID, reward rewardID: RewardID,
        by author: Author,
        at now: Date
    ) throws(LoyaltyRefusal) -> Transaction {
        let (customer, program) = try ready(state, customerID, author)
        guard let reward = state.rewards[rewardID] else { throw .unknownReward(rewardID) }
        guard reward.active else { throw .rewardWithdrawn(reward.name) }
        let today = Day(containing: now)
        var account = PointsAccount(of: customer, program: program, ledger: ledger)
        account.settle(until: now)
        let free = isFree(reward, for: account.standing(today: today), program: program, ledger: ledger)
        let points = free ? 0 : reward.points
        let money = reward.money == .zero ? nil : reward.money
        var changes: [Change] = []
        var momentID: MomentID?
        if let place = program.redemptionTouchpoint, let touchpoint = state.touchpoints[place] {
            let moment = Moment(
                id: MomentID("\(customer.id)-v\(customer.version + 1)-M"), customer: customer.id, touchpoint: place,
                at: now, channel: .counter,
                agent: author.agent, outcome: "redeemed: \(reward.name)", cost: touchpoint.cost)
            momentID = moment.id
            changes.append(.moment(moment))
        }
        let price = [free ? "free with the tier" : "\(points) points", money.map { "\($0)" }].compactMap { $0 }.joined(
            separator: " + ")
        do {
            try account.debit(
                points, at: now, kind: .redeem, reason: "reward: \(reward.name) (\(price))", reward: reward.id,
                money: money, moment: momentID,
                by: author.agent)
        } catch {
            throw .short(balance: account.balance, needed: points, for: reward.name)
        }
        account.noteActivity(on: today)
        let updated = updatedCustomer(customer, account, today: today)
        return Transaction(
            summary: "redeem \(reward.id) for customer \(customer.id): \(price)",
            changes: [.customer(updated)] + changes + account.book.entries.map(Change.ledger))
    }

    /// A supervisor's correction, up or down, with the reason on record.
    public static func adjust(
        in state: StoreState, ledger: [LedgerEntry], customer customerID: CustomerID, points: Int, reason: String,
        by author: Author,
        at now: Date
    ) throws(LoyaltyRefusal) -> Transaction {
        let (customer, program) = try ready(state, customerID, author)
        guard state.activeSupervisor(author) != nil else { throw .supervisorsOnly(tr("adjust a customer's points")) }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .emptyReason }
        guard points != 0 else { throw .noPoints }
        var account = PointsAccount(of: customer, program: program, ledger: ledger)
        account.settle(until: now)
        if points > 0 {
            account.credit(points, at: now, kind: .adjust, reason: reason, by: author.agent)
        } else {
            do {
                try account.debit(-points, at: now, kind: .adjust, reason: reason, by: author.agent)
            } catch {
                throw .short(balance: account.balance, needed: -points, for: tr("this adjustment"))
            }
        }
        let updated = updatedCustomer(customer, account, today: Day(containing: now))
        return Transaction(
            // The reason is free text: it stays in the entry, out of the summary.
            summary: "adjust customer \(customer.id) by \(points) points",
            changes: [.customer(updated)] + account.book.entries.map(Change.ledger))
    }

    /// What `care expire` does for one customer on `today`.
    public struct Expiry: Sendable, Equatable {
        public var transaction: Transaction
        public var expiredPoints: Int
        public var tierBefore: TierID?
        public var tierAfter: TierID?
        public var stageBefore: LifecycleStage
        public var stageAfter: LifecycleStage
    }

    /// Posts the points that lapsed by the start of `today` and the tier the
    /// customer keeps on `today`; nil when nothing is due, so a second run
    /// on the same day does nothing.
    public static func expire(customer: Customer, ledger: [LedgerEntry], program: LoyaltyProgram, today: Day) -> Expiry?
    {
        var account = PointsAccount(of: customer, program: program, ledger: ledger)
        account.settle(until: today.start)
        let stage = customer.lifecycleDue(today: today, program: program)
        let updated = updatedCustomer(customer, account, today: today).moved(to: stage, on: today)
        guard !account.book.entries.isEmpty || updated.loyalty != customer.loyalty || stage != customer.lifecycle
        else { return nil }
        let expired = -account.book.entries.reduce(0) { $0 + $1.points }
        var what: [String] = []
        if expired > 0 { what.append("\(expired) points expired") }
        if updated.loyalty.tier != customer.loyalty.tier {
            what.append(
                "tier \(customer.loyalty.tier?.rawValue ?? "none") → \(updated.loyalty.tier?.rawValue ?? "none")")
        }
        if stage != customer.lifecycle { what.append("\(customer.lifecycle.label) → \(stage.label)") }
        if what.isEmpty { what.append("standing brought up to date") }
        return Expiry(
            transaction: Transaction(
                summary: "expire for customer \(customer.id) on \(today): " + what.joined(separator: ", "),
                changes: [.customer(updated)] + account.book.entries.map(Change.ledger)),
            expiredPoints: expired, tierBefore: customer.loyalty.tier, tierAfter: updated.loyalty.tier,
            stageBefore: customer.lifecycle, stageAfter: stage)
    }

    /// Marks a coupon used, if it is the customer's to use today.
    public static func useCoupon(in state: StoreState, code: CouponCode, by author: Author, at now: Date)
        throws(LoyaltyRefusal) -> Transaction
    {
        guard state.activeAgent(author) != nil else { throw .notAnAgent(author.agent.rawValue) }
        guard var coupon = state.coupons[code] else { throw .unknownCoupon(code) }
        let today = Day(containing: now)
        switch coupon.state(on: today) {
        case .used: throw .couponUsed(code, on: Day(containing: coupon.usedAt ?? now))
        case .expired: throw .couponExpired(code, on: coupon.validUntil)
        case .upcoming: throw .couponNotYetValid(code, from: coupon.validFrom)
        case .valid: break
        }
        coupon = coupon.nextVersion()
        coupon.usedAt = now
        return Transaction(summary: "use coupon \(code) of customer \(coupon.customer)", changes: [.coupon(coupon)])
    }

    /// Whether `reward` is free for the tier in `standing` and has not been
    /// taken free since the tier's term began.
    public static func isFree(
        _ reward: Reward, for standing: TierRules.Standing, program: LoyaltyProgram, ledger: [LedgerEntry]
    ) -> Bool {
        guard let tier = program.tier(standing.tier), tier.freeRewards?.contains(reward.id) == true else {
            return false
        }
        let termStart =
            (standing.until?.adding(months: -program.tierTermMonths) ?? standing.since)?.start ?? .distantPast
        return !ledger.contains { $0.kind == .redeem && $0.reward == reward.id && $0.points == 0 && $0.at >= termStart }
    }

    /// The customer's next version with the account's balance, last
    /// activity and (when `today` is given) tier standing.
    static func updatedCustomer(_ customer: Customer, _ account: PointsAccount, today: Day?) -> Customer {
        var updated = customer.nextVersion()
        updated.loyalty.points = account.balance
        updated.loyalty.lastActivity = account.lastActivity
        if let today {
            let standing = account.standing(today: today)
            updated.loyalty.tier = standing.tier
            updated.loyalty.tierSince = standing.since
            updated.loyalty.tierUntil = standing.until
        }
        return updated
    }

    static func ready(_ state: StoreState, _ id: CustomerID, _ author: Author) throws(LoyaltyRefusal) -> (
        Customer, LoyaltyProgram
    ) {
        guard state.activeAgent(author) != nil else { throw .notAnAgent(author.agent.rawValue) }
        guard let program = state.program else { throw .noProgram }
        guard let customer = state.customers[id] else { throw .unknownCustomer(id) }
        guard customer.blockedAt == nil else { throw .blockedCustomer(id) }
        return (customer, program)
    }
}
