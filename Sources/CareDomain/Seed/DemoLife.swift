import Foundation

/// One customer's life walked in time order by the generator: the moments,
/// and the points as `PointsAccount` keeps them (the same rules the live
/// store follows), with compensations credited when their incident's
/// resolution comes.
struct Life {
    let customer: CustomerID
    var rng: SeedRandom
    let program: LoyaltyProgram
    private(set) var moments: [Moment] = []
    private(set) var account: PointsAccount
    private(set) var lastPurchase: Day?
    private var scheduled: [Scheduled] = []
    private var families: [String: Int] = [:]

    /// Compensation points credited when the incident's resolution comes.
    private struct Scheduled {
        let at: Date
        let points: Int
        let incident: IncidentID
        let by: AgentID
        let reason: String
    }

    init(customer: CustomerID, rng: SeedRandom, program: LoyaltyProgram) {
        self.customer = customer
        self.rng = rng
        self.program = program
        account = PointsAccount(
            customer: customer, program: program, lastActivity: nil, idPrefix: customer.rawValue + "-L")
    }

    var ledger: [LedgerEntry] { account.book.entries }

    mutating func add(moment: Moment) {
        var moment = moment
        moment.id = MomentID(customer.rawValue + "-M" + String(moments.count + 1))
        moment.customer = customer
        moments.append(moment)
    }

    mutating func earn(amount: Cents, at: Date, touchpoint: TouchpointID, family: String) {
        settle(until: at)
        let day = Day(containing: at)
        let tier = program.tier(account.standing(today: day).tier)
        let points = program.points(for: amount, tier: tier, touchpoint: touchpoint, productFamily: family)
        lastPurchase = day
        account.noteActivity(on: day)
        families[family, default: 0] += 1
        account.credit(points, at: at, kind: .earn, reason: "purchase \(family)", moment: moments.last?.id)
    }

    /// The dearest reward the balance pays for, if any.
    func affordableReward(_ rewards: [Reward]) -> Reward? {
        rewards.filter { $0.active && $0.points <= account.balance }.max { $0.points < $1.points }
    }

    /// Redeems `reward` (which the balance must cover) and records `moment`.
    mutating func redeem(_ reward: Reward, moment: Moment) {
        add(moment: moment)
        // Callers check the balance covers the reward.
        _ = try? account.debit(
            reward.points, at: moment.at, kind: .redeem, reason: "reward: \(reward.name)", reward: reward.id,
            money: reward.money == .zero ? nil : reward.money, moment: moments.last?.id)
        account.noteActivity(on: Day(containing: moment.at))
    }

    mutating func compensate(points: Int, at: Date, incident: IncidentID, by: AgentID, reason: String) {
        guard points > 0 else { return }
        scheduled.append(Scheduled(at: at, points: points, incident: incident, by: by, reason: reason))
        scheduled.sort { $0.at < $1.at }
    }

    /// Applies, in time order, everything due up to `date`: scheduled
    /// compensations, and the account's expiries and lapses.
    mutating func settle(until date: Date) {
        while let due = scheduled.first, due.at <= date {
            account.settle(until: due.at)
            scheduled.removeFirst()
            account.credit(
                due.points, at: due.at, kind: .compensation, reason: due.reason, incident: due.incident, by: due.by)
        }
        account.settle(until: date)
    }

    mutating func finish(today: Day) {
        settle(until: today.start.addingTimeInterval(17 * 3600))
        moments.sort { $0.at < $1.at }
    }

    func standing(today: Day) -> LoyaltyStanding {
        let tier = account.standing(today: today)
        return LoyaltyStanding(
            points: account.balance, tier: tier.tier, tierSince: tier.since, tierUntil: tier.until,
            lastActivity: account.lastActivity)
    }

    func usualProducts() -> [String]? {
        let top = families.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(2).map(\.key)
        return top.isEmpty ? nil : top
    }
}
