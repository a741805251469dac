import Foundation

/// One customer's points over time, walked in time order by the generator:
/// earned lots expire oldest first (`pointsExpiryMonths` after earning), the
/// whole balance lapses after `inactivityDays` without a purchase, and every
/// movement goes through `LedgerBook`.
struct Life {
    let customer: CustomerID
    var rng: SeedRandom
    let program: LoyaltyProgram
    private(set) var moments: [Moment] = []
    private(set) var book = LedgerBook()
    private(set) var lastPurchase: Day?
    private(set) var lastActivity: Day?
    private var lots: [Lot] = []
    private var scheduled: [Scheduled] = []
    private var earnings: [(day: Day, points: Int)] = []
    private var families: [String: Int] = [:]

    private struct Lot {
        var remaining: Int
        let expiresOn: Day
    }

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
    }

    mutating func add(moment: Moment) {
        var moment = moment
        moment.id = MomentID(customer.rawValue + "-M" + String(moments.count + 1))
        moment.customer = customer
        moments.append(moment)
    }

    mutating func earn(euros: Int, at: Date, family: String) {
        settle(until: at)
        let day = Day(containing: at)
        let percent = program.tier(TierRules.standing(earnings: earnings, program: program, today: day).tier)?.earnPercent ?? 100
        let points = euros * program.pointsPerEuro * percent / 100
        lastPurchase = day
        lastActivity = day
        families[family, default: 0] += 1
        guard points > 0 else { return }
        credit(points, at: at, kind: .earn, reason: "purchase \(family)", moment: moments.last?.id)
        earnings.append((day, points))
    }

    /// The dearest reward the balance pays for, if any.
    func affordableReward(_ rewards: [Reward]) -> Reward? {
        rewards.filter { $0.active && $0.points <= book.balance }.max { $0.points < $1.points }
    }

    /// Redeems `reward` (which the balance must cover) and records `moment`.
    mutating func redeem(_ reward: Reward, moment: Moment) {
        add(moment: moment)
        debit(reward.points, at: moment.at, kind: .redeem, reason: "reward: \(reward.name)", reward: reward.id, moment: moments.last?.id)
        lastActivity = Day(containing: moment.at)
    }

    mutating func compensate(points: Int, at: Date, incident: IncidentID, by: AgentID, reason: String) {
        guard points > 0 else { return }
        scheduled.append(Scheduled(at: at, points: points, incident: incident, by: by, reason: reason))
        scheduled.sort { $0.at < $1.at }
    }

    /// Applies, in time order, everything due up to `date`: scheduled
    /// compensations, lot expiry and the inactivity lapse.
    mutating func settle(until date: Date) {
        while true {
            let nextCompensation = scheduled.first.map(\.at)
            let nextExpiry = lots.first(where: { $0.remaining > 0 })?.expiresOn.start
            let lapseDay = lastPurchase.map { $0.adding(days: program.inactivityDays) }
            let nextLapse = book.balance > 0 ? lapseDay?.start : nil
            let candidates = [nextCompensation, nextExpiry, nextLapse].compactMap { $0 }.filter { $0 <= date }
            guard let next = candidates.min() else { return }
            if next == nextCompensation, let due = scheduled.first {
                scheduled.removeFirst()
                credit(due.points, at: due.at, kind: .compensation, reason: due.reason, incident: due.incident, by: due.by)
            } else if next == nextLapse, let lapseDay {
                debit(book.balance, at: next, kind: .expire, reason: "inactive for \(program.inactivityDays) days since \(lapseDay.adding(days: -program.inactivityDays))")
            } else if let index = lots.firstIndex(where: { $0.remaining > 0 }) {
                let lot = lots[index]
                debit(lot.remaining, at: next, kind: .expire, reason: "points earned before \(lot.expiresOn.adding(months: -program.pointsExpiryMonths)) expired")
            }
        }
    }

    mutating func finish(today: Day) {
        settle(until: today.start.addingTimeInterval(17 * 3600))
        moments.sort { $0.at < $1.at }
    }

    func standing(today: Day) -> LoyaltyStanding {
        let tier = TierRules.standing(earnings: earnings, program: program, today: today)
        return LoyaltyStanding(points: book.balance, tier: tier.tier, tierSince: tier.since, tierUntil: tier.until, lastActivity: lastActivity)
    }

    func usualProducts() -> [String]? {
        let top = families.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(2).map(\.key)
        return top.isEmpty ? nil : top
    }

    private mutating func credit(
        _ points: Int, at: Date, kind: LedgerEntry.Kind, reason: String, moment: MomentID? = nil, incident: IncidentID? = nil, by: AgentID? = nil
    ) {
        let expiresOn = Day(containing: at).adding(months: program.pointsExpiryMonths)
        post(points, at: at, kind: kind, reason: reason, expiresOn: expiresOn, moment: moment, incident: incident, by: by)
        lots.append(Lot(remaining: points, expiresOn: expiresOn))
    }

    /// Takes points from the oldest lots first.
    private mutating func debit(_ points: Int, at: Date, kind: LedgerEntry.Kind, reason: String, reward: RewardID? = nil, moment: MomentID? = nil) {
        var left = points
        for index in lots.indices where left > 0 {
            let taken = min(left, lots[index].remaining)
            lots[index].remaining -= taken
            left -= taken
        }
        lots.removeAll { $0.remaining == 0 }
        post(-points, at: at, kind: kind, reason: reason, moment: moment, reward: reward)
    }

    private mutating func post(
        _ points: Int, at: Date, kind: LedgerEntry.Kind, reason: String, expiresOn: Day? = nil, moment: MomentID? = nil,
        incident: IncidentID? = nil, reward: RewardID? = nil, by: AgentID? = nil
    ) {
        let id = LedgerEntryID(customer.rawValue + "-L" + String(book.entries.count + 1))
        // Amounts are checked by the callers (debits never exceed the balance).
        _ = try? book.post(
            id: id, customer: customer, at: at, kind: kind, points: points, reason: reason, expiresOn: expiresOn, moment: moment,
            incident: incident, reward: reward, by: by)
    }
}
