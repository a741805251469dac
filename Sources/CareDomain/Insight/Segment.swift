/// A named group of customers with the strategy the domain gives it and the
/// incentive to offer (DOMAIN.md: loyalty for the best, retention of the
/// most profitable, upgrading of those with potential, cross-selling; basic
/// incentives for everyone else). The first segment whose rule a customer
/// meets is theirs, in the order of `allCases`.
public enum Segment: String, CaseIterable, Sendable, Comparable {
    case champions, valuableAtRisk, potential, crossSell, occasional, dormant

    public enum Strategy: String, Sendable {
        case loyalty, retention, upgrading
        case crossSelling = "cross-selling"
        case basic
    }

    public var name: String {
        switch self {
        case .champions: "Champions"
        case .valuableAtRisk: "Valuable at risk"
        case .potential: "Potential"
        case .crossSell: "One-family buyers"
        case .occasional: "Occasional"
        case .dormant: "Dormant"
        }
    }

    public var strategy: Strategy {
        switch self {
        case .champions: .loyalty
        case .valuableAtRisk: .retention
        case .potential: .upgrading
        case .crossSell: .crossSelling
        case .occasional, .dormant: .basic
        }
    }

    /// What to offer them.
    public var incentive: String {
        switch self {
        case .champions: "thank them personally; invitations and early access"
        case .valuableAtRisk: "a personal call and bonus points on the next purchase"
        case .potential: "extra points above their usual basket; show the next tier"
        case .crossSell: "a coupon for a family they have not bought yet"
        case .occasional: "the program's basic points and coupons"
        case .dormant: "a win-back message before their points lapse"
        }
    }

    /// Who is in it, in words (the rule `of` applies).
    public var rule: String {
        switch self {
        case .champions: "recency, frequency and value all 4 or 5"
        case .valuableAtRisk: "value 4 or 5, no purchase in the last 90 days"
        case .potential: "frequency 3 or more, value 3 or less"
        case .crossSell: "bought recently from one product family only"
        case .occasional: "any other buyer"
        case .dormant: "no purchase in the period"
        }
    }

    public static func of(_ value: CustomerValue) -> Segment {
        let rfm = value.rfm
        if value.purchases == 0 { return .dormant }
        if rfm.recency >= 4, rfm.frequency >= 4, rfm.monetary >= 4 { return .champions }
        if rfm.monetary >= 4, rfm.recency <= 3 { return .valuableAtRisk }
        if rfm.frequency >= 3, rfm.monetary <= 3 { return .potential }
        if value.families.count == 1, rfm.recency >= 3 { return .crossSell }
        return .occasional
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Segment, rhs: Segment) -> Bool { lhs.rank < rhs.rank }
}
