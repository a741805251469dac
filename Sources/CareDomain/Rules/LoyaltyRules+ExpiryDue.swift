extension LoyaltyRules {
    /// The first day on which `expire` can change `customer`: the oldest lot
    /// still held lapses, the balance lapses for inactivity, the tier's term
    /// ends, or inactivity moves the lifecycle stage on; `today` when the
    /// record is already out of step with its ledger (then the run must look
    /// now). Nil when nothing falls due as things stand. Valid for any day
    /// from `today` on until the customer or their ledger changes, which is
    /// when the store works it out again; `care expire` looks only at
    /// customers whose day has come.
    public static func expiryDue(customer: Customer, ledger: [LedgerEntry], program: LoyaltyProgram, today: Day)
        -> Day?
    {
        // The run passes these by.
        guard customer.blockedAt == nil, customer.mergedInto == nil else { return nil }
        let account = PointsAccount(of: customer, program: program, ledger: ledger)
        let standing = account.standing(today: today)
        let recorded = customer.loyalty
        if account.balance != recorded.points || standing.tier != recorded.tier || standing.since != recorded.tierSince
            || standing.until != recorded.tierUntil
        {
            return today
        }
        var candidates: [Day] = []
        if let due = account.nextDue { candidates.append(Day(containing: due)) }
        // Without new earnings the standing changes only when its term ends.
        if let until = standing.until { candidates.append(until) }
        if let stage = nextStageDay(customer, program: program) { candidates.append(stage) }
        return candidates.min()
    }

    /// The day inactivity moves the customer to a later stage than theirs.
    private static func nextStageDay(_ customer: Customer, program: LoyaltyProgram) -> Day? {
        guard customer.lifecycle != .prospect, let since = customer.inactiveSince else { return nil }
        let thresholds = program.lifecycleThresholds
        let days = [thresholds.atRiskAfterDays, thresholds.lapsedAfterDays, thresholds.churnedAfterDays]
        return days.map { since.adding(days: $0) }.first {
            LifecycleRules.byInactivity(customer.lifecycle, lastPurchase: since, today: $0, thresholds: thresholds)
                != customer.lifecycle
        }
    }
}
