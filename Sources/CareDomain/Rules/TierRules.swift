/// Rule 7: tiers are earned by thresholds and lapse when not requalified.
///
/// A tier is (re)qualified whenever the points earned in the trailing window
/// (`tierWindowMonths`) reach its threshold, and is kept for `tierTermMonths`
/// after the last (re)qualification. When that term ends, the customer falls
/// to the tier the trailing window supports on that day (a new term), or to
/// none.
public enum TierRules {
    public struct Standing: Sendable, Equatable {
        public var tier: TierID?
        public var since: Day?
        public var until: Day?
    }

    /// `earnings`: (day, points earned) in day order.
    public static func standing(earnings: [(day: Day, points: Int)], program: LoyaltyProgram, today: Day) -> Standing {
        var current: Tier?
        var since: Day?
        var until: Day?

        func earned(at day: Day) -> Int {
            let start = day.adding(months: -program.tierWindowMonths)
            return earnings.reduce(0) { $1.day > start && $1.day <= day ? $0 + $1.points : $0 }
        }

        func lapse(through day: Day) {
            while let end = until, end <= day {
                guard let kept = program.tier(forPointsEarned: earned(at: end)) else {
                    (current, since, until) = (nil, nil, nil)
                    return
                }
                if kept.id != current?.id { since = end }
                current = kept
                until = end.adding(months: program.tierTermMonths)
            }
        }

        for earning in earnings where earning.day <= today {
            lapse(through: earning.day)
            if let reached = program.tier(forPointsEarned: earned(at: earning.day)), reached.threshold >= current?.threshold ?? Int.min {
                if reached.id != current?.id { since = earning.day }
                current = reached
                until = earning.day.adding(months: program.tierTermMonths)
            }
        }
        lapse(through: today)
        return Standing(tier: current?.id, since: since, until: until)
    }
}
