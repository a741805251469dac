/// Something the agent can tell the customer now: personalized, never
/// generic, with the date that makes it urgent when there is one.
public struct TalkingPoint: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case pointsExpiring, tierLapsing, inactivity, tierReached, tierProgress, rewardReady, rewardProgress, suggestion

        /// Marketing needs the customer's consent (LOPD/GDPR): a suggestion
        /// from what they usually buy is profiling for sales. The others are
        /// about their own account.
        public var isMarketing: Bool { self == .suggestion }
    }

    public var kind: Kind
    public var text: String
    /// The day it is about (points lapse, tier ends), for urgency.
    public var due: Day?

    public init(kind: Kind, text: String, due: Day? = nil) {
        self.kind = kind
        self.text = text
        self.due = due
    }
}

/// The talking points for one customer, most urgent first: points about to
/// expire, the tier's time left and what keeps it, inactivity, thanks for a
/// new tier, rewards within reach, a suggestion from their usual products.
public enum TalkingPoints {
    /// A tier reached this recently is worth a thank-you.
    public static let thanksDays = 30
    /// Inactivity is mentioned from this many days on.
    public static let inactivityNoticeDays = 60

    public static func points(customer: Customer, ledger: [LedgerEntry], state: StoreState, today: Day)
        -> [TalkingPoint]
    {
        guard let program = state.program else { return [] }
        let account = PointsAccount(of: customer, program: program, ledger: ledger)
        var points: [TalkingPoint] = []
        if let (expiring, day) = account.nextExpiry(after: today) {
            points.append(
                TalkingPoint(
                    kind: .pointsExpiring, text: tr("%@ points expire in %@ days", expiring, today.days(until: day)),
                    due: day
                ))
        }
        let standing = customer.loyalty.tierStanding
        let progress = TierRules.progress(
            earnings: account.earnings, standing: standing, program: program, today: today)
        if let tier = program.tier(customer.loyalty.tier), let until = customer.loyalty.tierUntil {
            points.append(
                TalkingPoint(
                    kind: .tierLapsing, text: tr("%@ until %@, %@ days", tier.name, until, today.days(until: until)),
                    due: until))
            if let keep = progress.toKeep, keep > 0 {
                points.append(
                    TalkingPoint(kind: .tierProgress, text: tr("%@ more points keep %@", keep, tier.name), due: until))
            }
        }
        if let last = customer.loyalty.lastActivity, customer.loyalty.points > 0 {
            let idle = last.days(until: today)
            let left = program.inactivityDays - idle
            if idle >= inactivityNoticeDays, left > 0 {
                points.append(
                    TalkingPoint(
                        kind: .inactivity, text: tr("inactive %@ days: buy within %@ days", idle, left),
                        due: last.adding(days: program.inactivityDays)))
            }
        }
        if let tier = program.tier(customer.loyalty.tier), let since = customer.loyalty.tierSince,
            since.days(until: today) <= thanksDays
        {
            points.append(TalkingPoint(kind: .tierReached, text: tr("thank them: %@ since %@", tier.name, since)))
        }
        if let next = progress.next, let toNext = progress.toNext, toNext > 0 {
            points.append(
                TalkingPoint(
                    kind: .tierProgress,
                    text: tr("%@ points in %@ months to %@", toNext, program.tierWindowMonths, next.name))
            )
        }
        let balance = customer.loyalty.points
        let rewards = state.rewards.sorted.filter(\.active)
        for reward in rewards where LoyaltyRules.isFree(reward, for: standing, program: program, ledger: ledger) {
            points.append(TalkingPoint(kind: .rewardReady, text: tr("%@ free with the tier", reward.name)))
        }
        if let best = rewards.filter({ $0.points <= balance }).max(by: { $0.points < $1.points }) {
            points.append(TalkingPoint(kind: .rewardReady, text: tr("can redeem %@ now", best.name)))
        }
        if let next = rewards.filter({ $0.points > balance }).min(by: { $0.points < $1.points }) {
            points.append(
                TalkingPoint(kind: .rewardProgress, text: tr("%@ points to %@", next.points - balance, next.name)))
        }
        if customer.hasConsented(to: .marketing), let suggestion = suggestion(for: customer, program: program) {
            points.append(suggestion)
        }
        return points
    }

    /// The texts alone, for the profile pane.
    public static func lines(customer: Customer, ledger: [LedgerEntry], state: StoreState, today: Day) -> [String] {
        points(customer: customer, ledger: ledger, state: state, today: today).map(\.text)
    }

    private static func suggestion(for customer: Customer, program: LoyaltyProgram) -> TalkingPoint? {
        for family in customer.usualProducts ?? [] {
            if let cross = program.crossSell?.first(where: { $0.productFamily == family }) {
                return TalkingPoint(
                    kind: .suggestion, text: tr("usually buys %@: suggest %@", family, cross.suggestion))
            }
        }
        return nil
    }
}
