import Foundation

@testable import CareDomain

/// One change of every kind a store has, made on a random customer: what
/// the figures' property tests run on any store (`kind` 0 to 9; a refusal
/// of the rules is no change, and says so).
struct RandomChange {
    let kind: Int

    static let families = ["moda", "hogar", "electrónica", nil] as [String?]
    static let touchpoints: [TouchpointID] = ["phone-support", "delivery", "billing", "web-visit"]

    /// Makes the change on `customer` (`customers`: those a merge may take
    /// in); `erase` erases a blocked customer the store's own way. Returns
    /// whether a change was made (false: the rules refused it).
    func make(
        on store: any CareStore, customer: CustomerID, customers ids: [CustomerID], dice: inout FiguresTests.Dice,
        now: Date, by boss: Author, erase: (CustomerID) throws -> Void
    ) throws -> Bool {
        let families = Self.families
        let touchpoints = Self.touchpoints
        do {
            switch kind {
            case 0, 1:
                _ = try store.transact(by: boss) { state, history in
                    try LoyaltyRules.purchase(
                        in: state, ledger: try history.ledger(of: customer), customer: customer,
                        amount: Cents(500 + dice.next(20_000)), productFamily: families[dice.next(4)],
                        touchpoint: "store-purchase", channel: .counter, by: boss, at: now)
                }
            case 2:
                _ = try store.transact(by: boss) { state, history in
                    try LoyaltyRules.redeem(
                        in: state, ledger: try history.ledger(of: customer), customer: customer,
                        reward: ["coffee", "tote"][dice.next(2)], by: boss, at: now)
                }
            case 3:
                _ = try store.transact(by: boss) { state, history in
                    try LoyaltyRules.adjust(
                        in: state, ledger: try history.ledger(of: customer), customer: customer,
                        points: dice.next(200) - 50, reason: "goodwill", by: boss, at: now)
                }
            case 4:
                _ = try store.transact(by: boss) { state in
                    try MomentRules.log(
                        in: state, customer: customer, touchpoint: touchpoints[dice.next(touchpoints.count)],
                        channel: .phone, outcome: "asked",
                        serviceLevelMet: dice.next(3) == 0 ? nil : dice.next(2) == 0,
                        survey: dice.next(2) == 0
                            ? SurveyAnswer(score: 1 + dice.next(5), answeredBy: .customer) : nil,
                        by: boss, at: now
                    ).transaction
                }
            case 5:
                // An incident opened and resolved with its compensation.
                var opened: IncidentID?
                _ = try store.transact(by: boss) { state in
                    let (incident, transaction) = try IncidentRules.open(
                        in: state, customer: customer, touchpoint: "delivery", kind: .complaint,
                        subject: "late", priority: .high, channel: .phone, by: boss, at: now)
                    opened = incident.id
                    return transaction
                }
                if let opened {
                    _ = try store.transact(by: boss) { state in
                        try IncidentRules.resolve(
                            in: state, incident: opened, playbook: "late-delivery", grant: true, rating: 4,
                            by: boss, at: now.addingTimeInterval(86_400 * 3))
                    }
                }
            case 6:
                _ = try store.transact(by: boss) { state, history in
                    let moments = try history.moments(of: customer)
                    guard let purchase = moments.last(where: \.isPurchase) else {
                        return Transaction(summary: "nothing to return", changes: [])
                    }
                    return try LoyaltyRules.returnPurchase(
                        in: state, moments: moments, ledger: try history.ledger(of: customer),
                        customer: customer, purchase: purchase.id, amount: nil, by: boss, at: now
                    ).transaction
                }
            case 7:
                let other = ids[dice.next(ids.count)]
                guard other != customer else { break }
                _ = try store.transact(by: boss) { state, history in
                    try CustomerRules.merge(
                        keep: customer, other: other, in: state, history: history, by: boss, at: now
                    ).transaction
                }
            case 8:
                _ = try store.transact(by: boss) { state in
                    try PrivacyRules.block(in: state, customer: customer, by: boss, at: now)
                }
                // Not one with duplicates merged into them: erasing those is
                // refused while the kept profile holds a duplicate's social
                // handle (a privacy defect of its own, outside the figures).
                if dice.next(2) == 0, PrivacyRules.pointers(to: customer, in: try store.open()).isEmpty {
                    try erase(customer)
                }
            default:
                _ = try ExpiryRun.run(
                    store: store, today: Day(containing: now).adding(days: dice.next(400)), by: boss,
                    batchSize: 7)
            }
            return true
        } catch is LoyaltyRefusal {
            return false
        } catch is IncidentRefusal {
            return false
        } catch is CustomerRefusal {
            return false
        } catch is MomentRefusal {
            return false
        }
    }
}
