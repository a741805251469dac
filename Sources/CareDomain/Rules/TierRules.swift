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
            if let reached = program.tier(forPointsEarned: earned(at: earning.day)),
                reached.threshold >= current?.threshold ?? Int.min
            {
                if reached.id != current?.id { since = earning.day }
                current = reached
                until = earning.day.adding(months: program.tierTermMonths)
            }
        }
        lapse(through: today)
        return Standing(tier: current?.id, since: since, until: until)
    }

    /// What the customer still needs: points to the next tier now, and
    /// points to earn before the current tier's term ends to keep it.
    public struct Progress: Sendable, Equatable {
        /// Points earned in the trailing window as of today.
        public var earnedInWindow: Int
        public var next: Tier?
        public var toNext: Int?
        /// Points still to earn by `until` to requalify for the current tier
        /// (0: already kept).
        public var toKeep: Int?
        public var until: Day?
    }

    public static func progress(
        earnings: [(day: Day, points: Int)], standing: Standing, program: LoyaltyProgram, today: Day
    ) -> Progress {
        func earned(between start: Day, and end: Day) -> Int {
            earnings.reduce(0) { $1.day > start && $1.day <= end ? $0 + $1.points : $0 }
        }
        let inWindow = earned(between: today.adding(months: -program.tierWindowMonths), and: today)
        let next = program.tier(above: standing.tier)
        var progress = Progress(
            earnedInWindow: inWindow, next: next, toNext: next.map { max(0, $0.threshold - inWindow) },
            until: standing.until)
        if let current = program.tier(standing.tier), let until = standing.until {
            // What will still be in the window on the day the term ends.
            let counted = earned(between: until.adding(months: -program.tierWindowMonths), and: today)
            progress.toKeep = max(0, current.threshold - counted)
        }
        return progress
    }
}
