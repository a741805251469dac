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
    /// Product families bought in the period.
    public var families: Set<String> = []
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
        var value = CustomerValue(
            customer: customer.id, name: customer.name,
            rfm: RFM(recencyDays: nil, purchasesPerYear: 0, spendPerYear: .zero))
        value.compensationCost = compensations
        for moment in moments where Day(containing: moment.at) <= period.to {
            if moment.isPurchase {
                value.lastPurchase = max(value.lastPurchase ?? Day(containing: moment.at), Day(containing: moment.at))
            }
            guard period.contains(moment.at) else { continue }
            value.momentCost += moment.cost
            guard let amount = moment.amount else { continue }
            // A return takes its amount off the spend; it is not a purchase.
            if moment.isPurchase { value.purchases += 1 }
            value.spend += amount
            if let family = moment.productFamily { value.families.insert(family) }
            let margin = program?.marginPercent(for: moment.productFamily) ?? Margins.defaultPercent
            value.revenue += Cents(amount.rawValue * margin / 100)
        }
        for entry in ledger where entry.kind == .redeem && period.contains(entry.at) {
            if let reward = entry.reward.flatMap(rewards) { value.rewardCost += reward.cost }
        }
        let perYear = 365 / Double(period.length)
        value.rfm = RFM(
            recencyDays: value.lastPurchase.map { $0.days(until: period.to) },
            purchasesPerYear: Double(value.purchases) * perYear,
            spendPerYear: Cents(Int((Double(value.spend.rawValue) * perYear).rounded())))
        return value
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
