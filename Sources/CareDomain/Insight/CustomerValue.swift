import Foundation

/// What a customer brought and cost over a period: the figures behind
/// their segment (recency, frequency, monetary value, average spend) and
/// their profitability (rule 8: revenue is purchases times margin, minus
/// the cost of their moments of truth, compensations and rewards).
public struct CustomerValue: Sendable, Equatable {
    public var customer: CustomerID
    public var name: String
    public var purchases = 0
    public var spend = Cents.zero
    /// The last purchase on or before the period's last day, however old.
    public var lastPurchase: Day?
    /// How many product families were bought from in the period.
    public var families = 0
    public var revenue = Cents.zero
    public var momentCost = Cents.zero
    public var compensationCost = Cents.zero
    public var rewardCost = Cents.zero
    public var rfm: RFM

    public var profit: Cents { revenue - momentCost - compensationCost - rewardCost }
    public var averageSpend: Cents? { purchases == 0 ? nil : Cents(spend.rawValue / purchases) }
    public var segment: Segment { Segment.of(self) }

    /// Works the figures out from the customer's history, oldest first;
    /// `compensations` is what their incidents' compensations were worth in
    /// the period (from the incidents, not the history).
    public static func of(
        _ customer: CustomerSummary, moments: [Moment], ledger: [LedgerEntry], compensations: Cents,
        program: LoyaltyProgram?,
        rewards: (RewardID) -> Reward?, period: Period
    ) -> CustomerValue {
        var names = FigureNames()
        let figures = CustomerFigures.of(moments: moments, ledger: ledger, names: &names)
        return of(
            customer, rows: figures.rows[...], compensations: compensations,
            terms: FigureTerms(names: names, program: program, rewards: rewards), period: period)
    }

    /// The same from the customer's figures (`CustomerFigures`), which is
    /// how the reports work it out for every customer without reading a
    /// history.
    public static func of(
        _ customer: CustomerSummary, rows: ArraySlice<FigureRow>, compensations: Cents, terms: FigureTerms,
        period: Period
    ) -> CustomerValue {
        var value = CustomerValue(
            customer: customer.id, name: customer.name,
            rfm: RFM(recencyDays: nil, purchasesPerYear: 0, spendPerYear: .zero))
        value.compensationCost = compensations
        let from = Int32(clamping: period.from.daysSinceEpoch)
        let to = Int32(clamping: period.to.daysSinceEpoch)
        var lastPurchase: Int32?
        var families: [UInt32] = []
        for row in rows where row.day <= to {
            if row.isRedemption {
                if row.day >= from { value.rewardCost += terms.rewardCost(row.name) }
                continue
            }
            if row.isPurchase { lastPurchase = max(lastPurchase ?? row.day, row.day) }
            guard row.day >= from else { continue }
            value.momentCost += Cents(Int(row.cost))
            guard row.flags.contains(.hasAmount) else { continue }
            // A return takes its amount off the spend; it is not a purchase.
            if row.isPurchase { value.purchases += 1 }
            let amount = Int(row.amount)
            value.spend += Cents(amount)
            if row.family != FigureRow.none, !families.contains(row.family) { families.append(row.family) }
            value.revenue += Cents(amount * terms.marginPercent(row.family) / 100)
        }
        value.families = families.count
        value.lastPurchase = lastPurchase.map { Day(daysSinceEpoch: Int($0)) }
        let perYear = 365 / Double(period.length)
        value.rfm = RFM(
            recencyDays: value.lastPurchase.map { $0.days(until: period.to) },
            purchasesPerYear: Double(value.purchases) * perYear,
            spendPerYear: Cents(Int((Double(value.spend.rawValue) * perYear).rounded())))
        return value
    }
}

/// What rows' names are worth today: each product family's margin (the
/// program's, as it is now) and each reward's cost, looked up once per
/// report rather than once per row.
public struct FigureTerms: Sendable {
    private let margins: [Int]
    private let defaultMargin: Int
    private let rewardCosts: [Cents]

    public init(names: FigureNames, program: LoyaltyProgram?, rewards: (RewardID) -> Reward?) {
        defaultMargin = program?.marginPercent(for: nil) ?? Margins.defaultPercent
        margins = names.texts.map { program?.marginPercent(for: $0) ?? Margins.defaultPercent }
        rewardCosts = names.texts.map { rewards(RewardID($0))?.cost ?? .zero }
    }

    func marginPercent(_ family: UInt32) -> Int {
        family == FigureRow.none || Int(family) >= margins.count ? defaultMargin : margins[Int(family)]
    }

    func rewardCost(_ reward: UInt32) -> Cents {
        Int(reward) < rewardCosts.count ? rewardCosts[Int(reward)] : .zero
    }
}

/// Recency, frequency and monetary value, each scored 1 (low) to 5 (high)
/// on fixed thresholds, with frequency and spend scaled to a year so that
/// a segment means the same whatever the period.
public struct RFM: Sendable, Equatable {
    /// Days from the last purchase to the period's last day; nil: never.
    public var recencyDays: Int?
    public var purchasesPerYear: Double
    public var spendPerYear: Cents

    public static let recencyDays = [30, 90, 180, 365]
    public static let purchasesPerYearAtLeast = [12.0, 6, 3, 1]
    public static let spendPerYearAtLeast = [Cents.euros(1500), .euros(600), .euros(250), Cents(1)]

    public var recency: Int {
        guard let days = recencyDays else { return 1 }
        return 5 - (Self.recencyDays.firstIndex { days <= $0 } ?? 4)
    }

    public var frequency: Int {
        5 - (Self.purchasesPerYearAtLeast.firstIndex { purchasesPerYear >= $0 - 0.000_001 } ?? 4)
    }
    public var monetary: Int { 5 - (Self.spendPerYearAtLeast.firstIndex { spendPerYear >= $0 } ?? 4) }

    /// "545": recency, frequency, monetary.
    public var code: String { "\(recency)\(frequency)\(monetary)" }
}
