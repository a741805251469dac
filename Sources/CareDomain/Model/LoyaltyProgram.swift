import Foundation

/// A membership level earned by points over a rolling window.
public struct Tier: Codable, Sendable, Equatable, Identifiable {
    public var id: TierID
    public var name: String
    /// Points earned within the program's window that earn (and keep) the tier.
    public var threshold: Int
    /// Points earned per euro, in percent of the base rate (150 = 1.5×).
    public var earnPercent: Int
    /// Service-level time allowed, in percent of the touchpoint's (50 = twice as fast).
    public var serviceLevelPercent: Int
    /// Rewards the tier gives for no points, once per tier term.
    public var freeRewards: [RewardID]?

    public init(
        id: TierID, name: String, threshold: Int, earnPercent: Int, serviceLevelPercent: Int,
        freeRewards: [RewardID]? = nil
    ) {
        self.id = id
        self.name = name
        self.threshold = threshold
        self.earnPercent = earnPercent
        self.serviceLevelPercent = serviceLevelPercent
        self.freeRewards = freeRewards
    }
}

/// Extra earning where the program wants it: purchases at one touchpoint
/// (the web shop) or of one product family earn `percent` of the base rate.
/// Exactly one of `touchpoint` and `productFamily` is set.
public struct EarnRule: Codable, Sendable, Equatable {
    public var touchpoint: TouchpointID?
    public var productFamily: String?
    public var percent: Int

    public init(touchpoint: TouchpointID? = nil, productFamily: String? = nil, percent: Int) {
        self.touchpoint = touchpoint
        self.productFamily = productFamily
        self.percent = percent
    }
}

/// What to suggest to a customer who usually buys `productFamily` (a
/// marketing talking point: only with the customer's consent).
public struct CrossSell: Codable, Sendable, Equatable {
    public var productFamily: String
    public var suggestion: String

    public init(productFamily: String, suggestion: String) {
        self.productFamily = productFamily
        self.suggestion = suggestion
    }
}

/// Gross margins in percent: one for every purchase, and some by product
/// family. Revenue in the profitability report is purchases times margin.
public struct Margins: Codable, Sendable, Equatable {
    public static let defaultPercent = 30

    public var percent: Int
    public var byFamily: [String: Int]?

    public init(percent: Int, byFamily: [String: Int]? = nil) {
        self.percent = percent
        self.byFamily = byFamily
    }
}

/// How much of the service-level time an incident's priority allows, in
/// percent (50: half the time, 150: half as long again).
public struct PriorityTimes: Codable, Sendable, Equatable {
    public var low: Int
    public var normal: Int
    public var high: Int
    public var urgent: Int

    public init(low: Int, normal: Int, high: Int, urgent: Int) {
        self.low = low
        self.normal = normal
        self.high = high
        self.urgent = urgent
    }

    /// What the demo program (and `care init`) starts with.
    public static let demo = PriorityTimes(low: 150, normal: 100, high: 50, urgent: 25)

    public func percent(for priority: Incident.Priority) -> Int {
        switch priority {
        case .low: low
        case .normal: normal
        case .high: high
        case .urgent: urgent
        }
    }
}

/// The program's rules: one record per store (`program.json`), changed by a
/// supervisor with `care program set`.
public struct LoyaltyProgram: Record {
    public static let collection = Collection.program
    public static let singletonID: Identifier<LoyaltyProgram> = "program"

    public var id: Identifier<LoyaltyProgram>
    public var version: Int
    public var name: String
    public var pointsPerEuro: Int
    /// Earned points lapse this many months after they were earned.
    public var pointsExpiryMonths: Int
    /// Without a purchase or a redemption for this many days, the balance lapses.
    public var inactivityDays: Int
    /// Tier thresholds count the points earned in this many months.
    public var tierWindowMonths: Int
    /// A tier is kept this many months after it was (re)qualified.
    public var tierTermMonths: Int
    /// Lowest first.
    public var tiers: [Tier]
    public var earnRules: [EarnRule]?
    public var crossSell: [CrossSell]?
    /// Where redemptions show in the timeline.
    public var redemptionTouchpoint: TouchpointID?
    /// The gross margin on purchases, for profitability; 30% when absent.
    public var margins: Margins?
    /// Days without a purchase that move the lifecycle stage; the standard ones when absent.
    public var lifecycle: LifecycleThresholds?
    /// The due time by priority; every priority gets the whole time when absent.
    public var priorityTimes: PriorityTimes?
    /// Short note texts supervisors keep for each area ("Counter": […]); an
    /// agent picks one of their area's and edits it before saving.
    public var cannedNotes: [String: [String]]?

    public init(
        id: Identifier<LoyaltyProgram> = LoyaltyProgram.singletonID, version: Int = 1, name: String, pointsPerEuro: Int,
        pointsExpiryMonths: Int, inactivityDays: Int, tierWindowMonths: Int, tierTermMonths: Int, tiers: [Tier],
        earnRules: [EarnRule]? = nil, crossSell: [CrossSell]? = nil, redemptionTouchpoint: TouchpointID? = nil,
        margins: Margins? = nil, lifecycle: LifecycleThresholds? = nil, priorityTimes: PriorityTimes? = nil,
        cannedNotes: [String: [String]]? = nil
    ) {
        self.id = id
        self.version = version
        self.name = name
        self.pointsPerEuro = pointsPerEuro
        self.pointsExpiryMonths = pointsExpiryMonths
        self.inactivityDays = inactivityDays
        self.tierWindowMonths = tierWindowMonths
        self.tierTermMonths = tierTermMonths
        self.tiers = tiers
        self.earnRules = earnRules
        self.crossSell = crossSell
        self.redemptionTouchpoint = redemptionTouchpoint
        self.margins = margins
        self.lifecycle = lifecycle
        self.priorityTimes = priorityTimes
        self.cannedNotes = cannedNotes
    }

    /// The canned notes for `area`, then those every area shares (key "*").
    public func cannedNotes(for area: String?) -> [String] {
        (area.flatMap { cannedNotes?[$0] } ?? []) + (cannedNotes?["*"] ?? [])
    }

    public var lifecycleThresholds: LifecycleThresholds { lifecycle ?? .standard }

    public func tier(_ id: TierID?) -> Tier? { tiers.first { $0.id == id } }

    /// What the company keeps of a purchase of `family`, in percent.
    public func marginPercent(for family: String?) -> Int {
        family.flatMap { margins?.byFamily?[$0] } ?? margins?.percent ?? Margins.defaultPercent
    }

    /// The highest tier whose threshold `earnedInWindow` reaches.
    public func tier(forPointsEarned earnedInWindow: Int) -> Tier? {
        tiers.filter { $0.threshold <= earnedInWindow }.max { $0.threshold < $1.threshold }
    }

    /// The tier above `current` (the lowest one when there is none).
    public func tier(above current: TierID?) -> Tier? {
        let floor = tier(current)?.threshold ?? Int.min
        return tiers.filter { $0.threshold > floor }.min { $0.threshold < $1.threshold }
    }

    /// Points a purchase earns: the base rate, times the tier's rate, times
    /// the best earning rule that applies (whole points, rounded down).
    public func points(for amount: Cents, tier: Tier?, touchpoint: TouchpointID?, productFamily: String?) -> Int {
        guard amount.rawValue > 0 else { return 0 }
        let rule =
            (earnRules ?? [])
            .filter {
                ($0.touchpoint != nil && $0.touchpoint == touchpoint)
                    || ($0.productFamily != nil && $0.productFamily == productFamily)
            }
            .map(\.percent).max() ?? 100
        let tierPercent = tier?.earnPercent ?? 100
        return amount.rawValue * pointsPerEuro * tierPercent * rule / (100 * 100 * 100)
    }
}
