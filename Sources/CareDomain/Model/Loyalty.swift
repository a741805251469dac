import Foundation

/// One movement of a customer's points. Entries are only ever appended; the
/// balance is the sum of the entries, and `balanceAfter` carries the running
/// sum so that a lost or altered entry shows up in `care check`.
public struct LedgerEntry: Codable, Sendable, Equatable, Identifiable {
    public var id: LedgerEntryID
    public var customer: CustomerID
    public var at: Date
    public var kind: Kind
    /// Signed: positive earns, negative spends or expires.
    public var points: Int
    public var balanceAfter: Int
    public var reason: String
    /// Earned points lapse at the start of this day (earn entries only).
    public var expiresOn: Day?
    public var moment: MomentID?
    public var incident: IncidentID?
    public var reward: RewardID?
    /// What the customer paid besides points (a points-plus-money reward).
    public var money: Cents?
    public var by: AgentID?

    public init(
        id: LedgerEntryID, customer: CustomerID, at: Date, kind: Kind, points: Int, balanceAfter: Int, reason: String,
        expiresOn: Day? = nil, moment: MomentID? = nil, incident: IncidentID? = nil, reward: RewardID? = nil,
        money: Cents? = nil, by: AgentID? = nil
    ) {
        self.id = id
        self.customer = customer
        self.at = at
        self.kind = kind
        self.points = points
        self.balanceAfter = balanceAfter
        self.reason = reason
        self.expiresOn = expiresOn
        self.moment = moment
        self.incident = incident
        self.reward = reward
        self.money = money
        self.by = by
    }

    public enum Kind: String, Codable, CaseIterable, Sendable {
        case earn, redeem, expire, adjust, compensation
        /// Points a returned purchase had earned, taken back.
        case returned
    }
}

/// Something a customer can redeem points for: points alone, or points plus money.
public struct Reward: Record {
    public static let collection = Collection.rewards

    public var id: RewardID
    public var version: Int
    public var name: String
    public var points: Int
    public var money: Cents
    /// What the reward costs the company (profitability).
    public var cost: Cents
    public var active: Bool

    public init(
        id: RewardID, version: Int = 1, name: String, points: Int, money: Cents = .zero, cost: Cents,
        active: Bool = true
    ) {
        self.id = id
        self.version = version
        self.name = name
        self.points = points
        self.money = money
        self.cost = cost
        self.active = active
    }
}

/// A discount coupon issued to one customer.
public struct Coupon: Record {
    public static let collection = Collection.coupons

    public var id: CouponCode
    public var version: Int
    public var customer: CustomerID
    public var discountPercent: Int
    public var validFrom: Day
    /// Last day on which it can be used.
    public var validUntil: Day
    public var usedAt: Date?
    public var reason: String

    public init(
        id: CouponCode, version: Int = 1, customer: CustomerID, discountPercent: Int, validFrom: Day, validUntil: Day,
        usedAt: Date? = nil, reason: String
    ) {
        self.id = id
        self.version = version
        self.customer = customer
        self.discountPercent = discountPercent
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.usedAt = usedAt
        self.reason = reason
    }
}

extension Coupon {
    public enum State: String, Comparable, Sendable {
        case valid, upcoming, used, expired

        private var rank: Int { [.valid, .upcoming, .used, .expired].firstIndex(of: self) ?? 0 }
        public static func < (lhs: State, rhs: State) -> Bool { lhs.rank < rhs.rank }
    }

    public func state(on today: Day) -> State {
        if usedAt != nil { return .used }
        if validUntil < today { return .expired }
        return validFrom > today ? .upcoming : .valid
    }
}
