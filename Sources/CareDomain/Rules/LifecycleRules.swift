import Foundation

/// How long without a purchase moves a customer on (rule: lifecycle by
/// rule). Days count from the latest purchase.
public struct LifecycleThresholds: Codable, Sendable, Equatable {
    public var atRiskAfterDays: Int
    public var lapsedAfterDays: Int
    public var churnedAfterDays: Int

    public init(atRiskAfterDays: Int, lapsedAfterDays: Int, churnedAfterDays: Int) {
        self.atRiskAfterDays = atRiskAfterDays
        self.lapsedAfterDays = lapsedAfterDays
        self.churnedAfterDays = churnedAfterDays
    }

    /// What a program without its own thresholds uses.
    public static let standard = LifecycleThresholds(atRiskAfterDays: 90, lapsedAfterDays: 180, churnedAfterDays: 365)

    /// Everything wrong with the thresholds, one sentence each.
    var problems: [String] {
        var problems: [String] = []
        if atRiskAfterDays < 1 { problems.append(tr("lifecycle.atRiskAfterDays must be at least 1.")) }
        if lapsedAfterDays <= atRiskAfterDays {
            problems.append(tr("lifecycle.lapsedAfterDays must be more than atRiskAfterDays."))
        }
        if churnedAfterDays <= lapsedAfterDays {
            problems.append(tr("lifecycle.churnedAfterDays must be more than lapsedAfterDays."))
        }
        return problems
    }
}

/// The lifecycle stage moved by what the customer does: prospect → new on
/// the first purchase, → active on the next; at risk, lapsed and churned
/// after the program's days without a purchase; a purchase brings an at-risk
/// customer back to active and a lapsed or churned one to renewed. A stage
/// a supervisor set by hand is moved on by the same rules from then on.
public enum LifecycleRules {
    /// The stage after a purchase.
    public static func afterPurchase(_ stage: LifecycleStage) -> LifecycleStage {
        switch stage {
        case .prospect: .new
        case .new, .active, .renewed, .atRisk: .active
        case .lapsed, .churned: .renewed
        }
    }

    /// The stage `today` by the days since `lastPurchase`; never moves a
    /// customer back (that takes a purchase) nor a prospect (nothing bought).
    public static func byInactivity(
        _ stage: LifecycleStage, lastPurchase: Day?, today: Day, thresholds: LifecycleThresholds
    ) -> LifecycleStage {
        guard stage != .prospect, let lastPurchase else { return stage }
        let days = lastPurchase.days(until: today)
        let due: LifecycleStage
        if days >= thresholds.churnedAfterDays {
            due = .churned
        } else if days >= thresholds.lapsedAfterDays {
            due = .lapsed
        } else if days >= thresholds.atRiskAfterDays {
            due = .atRisk
        } else {
            return stage
        }
        return inactivityRank(due) > inactivityRank(stage) ? due : stage
    }

    private static func inactivityRank(_ stage: LifecycleStage) -> Int {
        switch stage {
        case .prospect, .new, .active, .renewed: 0
        case .atRisk: 1
        case .lapsed: 2
        case .churned: 3
        }
    }
}

extension Customer {
    /// The customer in `stage` from `day` (the day kept when the stage stays).
    public func moved(to stage: LifecycleStage, on day: Day) -> Customer {
        guard stage != lifecycle else { return self }
        var moved = self
        moved.lifecycle = stage
        moved.lifecycleSince = day
        return moved
    }

    /// The customer after buying on `day`.
    public func afterPurchase(on day: Day) -> Customer {
        var bought = moved(to: LifecycleRules.afterPurchase(lifecycle), on: day)
        bought.lastPurchase = max(lastPurchase ?? day, day)
        return bought
    }

    /// The day inactivity counts from: the latest purchase, or for records
    /// from before it was kept, the latest activity.
    public var inactiveSince: Day? { lastPurchase ?? loyalty.lastActivity }

    /// The stage the customer should be in on `today` by inactivity.
    public func lifecycleDue(today: Day, program: LoyaltyProgram) -> LifecycleStage {
        LifecycleRules.byInactivity(
            lifecycle, lastPurchase: inactiveSince, today: today, thresholds: program.lifecycleThresholds)
    }
}
