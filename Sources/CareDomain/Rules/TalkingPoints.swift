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
                    kind: .pointsExpiring, text: "\(expiring) points expire in \(today.days(until: day)) days", due: day
                ))
        }
        let standing = customer.loyalty.tierStanding
        let progress = TierRules.progress(
            earnings: account.earnings, standing: standing, program: program, today: today)
        if let tier = program.tier(customer.loyalty.tier), let until = customer.loyalty.tierUntil {
            points.append(
                TalkingPoint(
                    kind: .tierLapsing, text: "\(tier.name) until \(until), \(today.days(until: until)) days",
                    due: until))
            if let keep = progress.toKeep, keep > 0 {
                points.append(
                    TalkingPoint(kind: .tierProgress, text: "\(keep) more points keep \(tier.name)", due: until))
            }
        }
        if let last = customer.loyalty.lastActivity, customer.loyalty.points > 0 {
            let idle = last.days(until: today)
            let left = program.inactivityDays - idle
            if idle >= inactivityNoticeDays, left > 0 {
                points.append(
                    TalkingPoint(
                        kind: .inactivity, text: "inactive \(idle) days: buy within \(left) days",
                        due: last.adding(days: program.inactivityDays)))
            }
        }
        if let tier = program.tier(customer.loyalty.tier), let since = customer.loyalty.tierSince,
            since.days(until: today) <= thanksDays
        {
            points.append(TalkingPoint(kind: .tierReached, text: "thank them: \(tier.name) since \(since)"))
        }
        if let next = progress.next, let toNext = progress.toNext, toNext > 0 {
            points.append(
                TalkingPoint(
                    kind: .tierProgress, text: "\(toNext) points in \(program.tierWindowMonths) months to \(next.name)")
            )
        }
        let balance = customer.loyalty.points
        let rewards = state.rewards.sorted.filter(\.active)
        for reward in rewards where LoyaltyRules.isFree(reward, for: standing, program: program, ledger: ledger) {
            points.append(TalkingPoint(kind: .rewardReady, text: "\(reward.name) free with the tier"))
        }
        if let best = rewards.filter({ $0.points <= balance }).max(by: { $0.points < $1.points }) {
            points.append(TalkingPoint(kind: .rewardReady, text: "can redeem \(best.name) now"))
        }
        if let next = rewards.filter({ $0.points > balance }).min(by: { $0.points < $1.points }) {
            points.append(TalkingPoint(kind: .rewardProgress, text: "\(next.points - balance) points to \(next.name)"))
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
                return TalkingPoint(kind: .suggestion, text: "usually buys \(family): suggest \(cross.suggestion)")
            }
        }
        return nil
    }
}
