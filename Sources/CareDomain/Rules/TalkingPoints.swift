/// What the agent can tell the customer now, most urgent first: points
/// about to expire, the tier's time left, inactivity, the next reward.
public enum TalkingPoints {
    public static func lines(customer: Customer, ledger: [LedgerEntry], state: StoreState, today: Day) -> [String] {
        var lines: [String] = []
        if let (points, day) = nextExpiry(ledger, after: today) {
            lines.append("\(points) points expire on \(day) (\(today.days(until: day)) days)")
        }
        if let tier = state.program?.tier(customer.loyalty.tier), let until = customer.loyalty.tierUntil {
            lines.append("\(tier.name) until \(until) (\(today.days(until: until)) days)")
        }
        if let last = customer.loyalty.lastActivity, let program = state.program {
            let idle = last.days(until: today)
            let left = program.inactivityDays - idle
            if idle >= 60, left > 0 { lines.append("inactive \(idle) days: \(left) days left to buy before the points lapse") }
        }
        let balance = customer.loyalty.points
        let rewards = state.rewards.sorted.filter(\.active)
        if let next = rewards.filter({ $0.points > balance }).min(by: { $0.points < $1.points }) {
            lines.append("\(next.points - balance) points to \(next.name)")
        }
        if let best = rewards.filter({ $0.points <= balance }).max(by: { $0.points < $1.points }) {
            lines.append("can redeem \(best.name) now")
        }
        return lines
    }

    /// The earliest lot of points still held that expires after `today`,
    /// spending taken from the oldest points first (rule 6).
    static func nextExpiry(_ ledger: [LedgerEntry], after today: Day) -> (points: Int, day: Day)? {
        var lots: [(points: Int, expires: Day)] = []
        for entry in ledger {
            if entry.points > 0, let expires = entry.expiresOn {
                lots.append((entry.points, expires))
            } else if entry.points < 0 {
                var owed = -entry.points
                for index in lots.indices where owed > 0 {
                    let taken = min(owed, lots[index].points)
                    lots[index].points -= taken
                    owed -= taken
                }
            }
        }
        let held = lots.filter { $0.points > 0 && $0.expires > today }
        guard let first = held.min(by: { $0.expires < $1.expires }) else { return nil }
        return (held.filter { $0.expires == first.expires }.reduce(0) { $0 + $1.points }, first.expires)
    }
}
