import Foundation
import Testing

@testable import CareDomain

/// Two customers over the 365 days that end 2026-11-22, worked out by hand.
enum ValueData {
    static let year = Period.days(365, endingOn: Fixture.today)
    static func at(_ day: String) -> Date { (Day(day) ?? Fixture.today).start.addingTimeInterval(12 * 3600) }

    static func purchase(_ id: MomentID, _ day: String, euros: Int, family: String, customer: CustomerID = "C1")
        -> Moment
    {
        Moment(
            id: id, customer: customer, touchpoint: "counter", at: at(day), channel: .counter, outcome: "bought",
            cost: 100, amount: .euros(euros), productFamily: family)
    }

    static let c1Moments = [
        purchase("C1-M0", "2025-01-01", euros: 500, family: "moda"),  // before the period: only its date could count
        purchase("C1-M1", "2026-06-01", euros: 200, family: "hogar"),
        Moment(
            id: "C1-M2", customer: "C1", touchpoint: "phone", at: at("2026-07-01"), channel: .phone, outcome: "asked",
            cost: 500, serviceLevelMet: false, satisfaction: 2),
        purchase("C1-M3", "2026-11-10", euros: 100, family: "moda"),
    ]
    static let c1Ledger = [
        LedgerEntry(
            id: "C1-L1", customer: "C1", at: at("2026-08-01"), kind: .redeem, points: 0, balanceAfter: 0,
            reason: "coffee", reward: "coffee")
    ]

    static func makeStore(in directory: String) throws -> FileStore {
        var records = Fixture.records()
        records.program?.margins = Margins(percent: 30, byFamily: ["moda": 50])
        records.rewards = [Reward(id: "coffee", name: "Café", points: 100, cost: 180)]
        records.touchpoints.append(
            Touchpoint(
                id: "phone", name: "Phone", stage: .active, ownerArea: "Contact centre", participants: [],
                process: ["answer"], cost: 500, impact: 3,
                serviceLevel: ServiceLevel(promise: "within 1 h", responseMinutes: 60),
                compensation: Compensation(kind: .points, points: 50, value: 50, description: "50 points")))
        var compensated = Incident(
            id: "I9", customer: "C1", kind: .complaint, subject: "s", priority: .normal, status: .resolved,
            assignee: "ana", touchpoint: "counter",
            openedAt: at("2026-09-01"), dueAt: at("2026-09-02"))
        compensated.resolution = Incident.Resolution(summary: "done", at: at("2026-09-01"), by: "ana")
        compensated.compensation = Incident.GrantedCompensation(
            compensation: Compensation(kind: .treatment, value: .euros(10), description: "priority"), grantedBy: "ana",
            at: at("2026-09-01"), forMissedServiceLevel: false)
        records.incidents.append(compensated)
        let store = FileStore(directory: directory, clock: Fixture.clock)
        try store.create(by: Author(login: "boss")) { writer in
            try writer.write("C1", moments: c1Moments, ledger: c1Ledger)
            return (records, "values")
        }
        return store
    }
}

@Suite struct CustomerValueTests {
    @Test func profitabilityIsRevenueAtMarginMinusMomentsCompensationsAndRewards() throws {
        try withTemporaryDirectory { directory in
            let store = try ValueData.makeStore(in: directory)
            let scan = HistoryScan.run(
                state: try store.open(), figures: try store.figures(), period: ValueData.year)
            let c1 = try #require(scan.customers.first { $0.customer == "C1" })
            #expect(c1.purchases == 2 && c1.spend == .euros(300))
            #expect(c1.revenue == .euros(110))  // 100 € of moda at 50% + 200 € of hogar at 30%
            #expect(c1.momentCost == .euros(7))  // two purchases at 1 € and a 5 € call
            #expect(c1.compensationCost == .euros(10))
            #expect(c1.rewardCost == Cents(180))
            #expect(c1.profit == Cents(9120))
            #expect(c1.averageSpend == .euros(150))
            #expect(c1.rfm.recencyDays == 12 && c1.rfm.code == "523")
            #expect(c1.segment == .occasional)
            let c2 = try #require(scan.customers.first { $0.customer == "C2" })
            #expect(c2.purchases == 0 && c2.segment == .dormant && c2.rfm.code == "111" && c2.profit == .zero)
            let table = scan.profitabilityTable(limit: 1)
            #expect(table.rows.count == 1 && table.rows[0][0] == .text("C2"))
            let phone = try #require(scan.touchpoints["phone"])
            #expect(
                phone.moments == 1 && phone.cost == .euros(5) && phone.serviceLevelMet == 0 && phone.ratingTotal == 2)
            let touchpoints = scan.touchpointsTable(state: try store.open())
            // The missed call (impact 3) needs more attention than the counter (impact 4, nothing missed).
            #expect(touchpoints.rows.first?.first == .text("phone"))
            #expect(touchpoints.rows.first?[touchpoints.header.firstIndex(of: "attention") ?? 0] == .number(3))
        }
    }

    @Test func aPeriodBoundaryDecidesWhatCounts() throws {
        try withTemporaryDirectory { directory in
            let store = try ValueData.makeStore(in: directory)
            // 2026-06-01 to 2026-11-09: the moda purchase on the 10th is out, and recency is measured from the 9th.
            let period = try #require(
                Period(from: Day("2026-06-01") ?? Fixture.today, to: Day("2026-11-09") ?? Fixture.today))
            let scan = HistoryScan.run(state: try store.open(), figures: try store.figures(), period: period)
            let c1 = try #require(scan.customers.first { $0.customer == "C1" })
            #expect(c1.purchases == 1 && c1.spend == .euros(200))
            #expect(c1.rfm.recencyDays == 161)  // 2026-06-01 to 2026-11-09
            #expect(c1.compensationCost == .euros(10) && c1.rewardCost == Cents(180))
        }
    }

    @Test func eachSegmentHasItsRuleStrategyAndIncentive() {
        func value(_ purchases: [(String, Int, String)], period: Period = ValueData.year) -> CustomerValue {
            let moments = purchases.enumerated().map {
                ValueData.purchase(MomentID("M\($0.offset)"), $0.element.0, euros: $0.element.1, family: $0.element.2)
            }
            let summary = CustomerSummary(id: "C1", name: "José", tier: nil, lifecycle: .active, blocked: false)
            return CustomerValue.of(
                summary, moments: moments, ledger: [], compensations: .zero, program: nil, rewards: { _ in nil },
                period: period)
        }
        let monthly = (1...12).map { ("2026-\($0 < 10 ? "0" : "")\($0)-10", 150, $0 % 2 == 0 ? "moda" : "hogar") }
            .filter { $0.0 <= "2026-11-22" }
        #expect(monthly.count == 11)
        #expect(value(monthly + [("2026-11-20", 150, "moda")]).segment == .champions)
        #expect(value([("2026-04-01", 400, "hogar"), ("2026-05-01", 400, "hogar")]).segment == .valuableAtRisk)
        #expect(
            value([
                ("2026-08-01", 20, "moda"), ("2026-09-01", 20, "hogar"), ("2026-10-01", 20, "moda"),
                ("2026-11-01", 20, "hogar"),
            ]).segment == .potential)
        #expect(value([("2026-11-01", 50, "libros")]).segment == .crossSell)
        #expect(value([("2025-12-01", 50, "libros"), ("2026-01-01", 50, "moda")]).segment == .occasional)
        #expect(value([]).segment == .dormant)
        // Frequency is per year: one purchase in 30 days is twelve a year.
        #expect(value([("2026-11-01", 50, "libros")], period: .days(30, endingOn: Fixture.today)).rfm.frequency == 5)
        #expect(Segment.champions.strategy == .loyalty && Segment.valuableAtRisk.strategy == .retention)
        #expect(Segment.potential.strategy == .upgrading && Segment.crossSell.strategy == .crossSelling)
    }

    @Test func theSegmentsTableCountsEveryCustomerOnce() throws {
        try withTemporaryDirectory { directory in
            let store = try ValueData.makeStore(in: directory)
            let scan = HistoryScan.run(
                state: try store.open(), figures: try store.figures(), period: ValueData.year)
            let table = scan.segmentsTable()
            #expect(table.rows.count == Segment.allCases.count)
            let counts = table.rows.map { $0[table.header.firstIndex(of: "customers") ?? 0] }
            #expect(counts == [.number(0), .number(0), .number(0), .number(0), .number(1), .number(1)])
            let csv = table.rendered(as: .csv)
            #expect(csv.hasPrefix("segment,strategy,customers,share_pct"))
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(table.rendered(as: .json).utf8)) as? [[String: Any]])
            #expect(json.first { $0["segment"] as? String == "Occasional" }?["share_pct"] as? Double == 50)
        }
    }
}
