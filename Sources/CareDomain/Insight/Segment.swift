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
        case .champions: tr("segment|Champions")
        case .valuableAtRisk: tr("Valuable at risk")
        case .potential: tr("segment|Potential")
        case .crossSell: tr("One-family buyers")
        case .occasional: tr("segment|Occasional")
        case .dormant: tr("segment|Dormant")
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
        case .champions: tr("thank them personally; invitations and early access")
        case .valuableAtRisk: tr("a personal call and bonus points on the next purchase")
        case .potential: tr("extra points above their usual basket; show the next tier")
        case .crossSell: tr("a coupon for a family they have not bought yet")
        case .occasional: tr("the program's basic points and coupons")
        case .dormant: tr("a win-back message before their points lapse")
        }
    }

    /// Who is in it, in words (the rule `of` applies).
    public var rule: String {
        switch self {
        case .champions: tr("recency, frequency and value all 4 or 5")
        case .valuableAtRisk: tr("value 4 or 5, no purchase in the last 90 days")
        case .potential: tr("frequency 3 or more, value 3 or less")
        case .crossSell: tr("bought recently from one product family only")
        case .occasional: tr("any other buyer")
        case .dormant: tr("no purchase in the period")
        }
    }

    public static func of(_ value: CustomerValue) -> Segment {
        let rfm = value.rfm
        if value.purchases == 0 { return .dormant }
        if rfm.recency >= 4, rfm.frequency >= 4, rfm.monetary >= 4 { return .champions }
        if rfm.monetary >= 4, rfm.recency <= 3 { return .valuableAtRisk }
        if rfm.frequency >= 3, rfm.monetary <= 3 { return .potential }
        if value.families == 1, rfm.recency >= 3 { return .crossSell }
        return .occasional
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Segment, rhs: Segment) -> Bool { lhs.rank < rhs.rank }
}
