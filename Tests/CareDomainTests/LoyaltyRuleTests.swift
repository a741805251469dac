import Foundation
import Testing

@testable import CareDomain

/// A store held in memory: rules are applied as the file store would apply
/// them, ledgers kept per customer. Fast enough for thousands of steps.
struct MemoryBook {
    var state = StoreState()
    var ledgers: [CustomerID: [LedgerEntry]] = [:]
    var moments: [CustomerID: [Moment]] = [:]
    var incidentSteps: [CustomerID: [IncidentEvent]] = [:]

    init(program: LoyaltyProgram = Fixture.program, customers: [Customer] = [], rewards: [Reward] = []) {
        var records = Fixture.records()
        records.program = program
        let changes: [Change] =
            [.program(program)] + records.agents.map(Change.agent) + records.touchpoints.map(Change.touchpoint)
            + (customers.isEmpty
            ? [
                Customer(
                    id: "C1", name: "José Núñez", customerSince: Fixture.today.adding(days: -900), lifecycle: .active)
            ] : customers)
            .map(Change.customer) + rewards.map(Change.reward)
        for change in changes { state.apply(change) }
    }

    func ledger(_ customer: CustomerID = "C1") -> [LedgerEntry] { ledgers[customer] ?? [] }
    func points(_ customer: CustomerID = "C1") -> Int { state.customers[customer]?.loyalty.points ?? -1 }

    mutating func apply(_ transaction: Transaction) throws {
        try state.validate(transaction.changes)
        for change in transaction.changes {
            state.apply(change)
            if case .ledger(let entry) = change { ledgers[entry.customer, default: []].append(entry) }
            if case .moment(let moment) = change { moments[moment.customer, default: []].append(moment) }
            if case .incidentEvent(let step) = change { incidentSteps[step.customer, default: []].append(step) }
        }
    }

    /// An incident's history as a store keeps it: its steps, filed apart.
    func history(of incident: Incident) -> [Incident.Event] {
        incident.history(filed: incidentSteps[incident.customer] ?? [])
    }

    mutating func buy(
        _ euros: Int, on day: Day, family: String? = nil, touchpoint: TouchpointID = "counter",
        customer: CustomerID = "C1"
    ) throws {
        try apply(
            LoyaltyRules.purchase(
                in: state, ledger: ledger(customer), customer: customer, amount: .euros(euros), productFamily: family,
                touchpoint: touchpoint,
                channel: .counter, by: Fixture.ana, at: day.start.addingTimeInterval(11 * 3600)))
    }

    mutating func redeem(_ reward: RewardID, on day: Day, customer: CustomerID = "C1") throws {
        try apply(
            LoyaltyRules.redeem(
                in: state, ledger: ledger(customer), customer: customer, reward: reward, by: Fixture.ana,
                at: day.start.addingTimeInterval(12 * 3600)))
    }

    /// Runs expiry for every customer; how many customers it changed.
    @discardableResult
    mutating func expire(on day: Day) throws -> Int {
        guard let program = state.program else { return 0 }
        var changed = 0
        for customer in state.customers.sorted {
            if let expiry = LoyaltyRules.expire(
                customer: customer, ledger: ledger(customer.id), program: program, today: day)
            {
                try apply(expiry.transaction)
                changed += 1
            }
        }
        return changed
    }
}

func day(_ text: String) -> Day { Day(text) ?? Day(daysSinceEpoch: 0) }

@Suite struct EarningTests {
    @Test func aPurchaseEarnsTheBaseRateTimesTierTimesTheBestRule() throws {
        var program = Fixture.program
        program.earnRules = [
            EarnRule(productFamily: "libros", percent: 200), EarnRule(touchpoint: "counter", percent: 150),
        ]
        #expect(program.points(for: Cents(4590), tier: nil, touchpoint: "web", productFamily: nil) == 45)
        // 45.90 × 1.5
        #expect(program.points(for: Cents(4590), tier: nil, touchpoint: "counter", productFamily: nil) == 68)
        // the best rule, 2×
        #expect(program.points(for: Cents(4590), tier: nil, touchpoint: "counter", productFamily: "libros") == 91)
        // 1.25×
        #expect(
            program.points(for: Cents(4590), tier: program.tier("gold"), touchpoint: "web", productFamily: nil) == 57)
        #expect(program.points(for: Cents(-100), tier: nil, touchpoint: nil, productFamily: nil) == 0)
    }

    @Test func aPurchaseRecordsTheMomentThePointsAndTheActivity() throws {
        var book = MemoryBook()
        try book.buy(120, on: day("2026-03-01"), family: "hogar")
        let customer = try #require(book.state.customers["C1"])
        #expect(customer.loyalty.points == 120)
        #expect(customer.loyalty.lastActivity == day("2026-03-01"))
        let entry = try #require(book.ledger().first)
        #expect(entry.kind == .earn)
        #expect(entry.expiresOn == day("2027-03-01"))
        #expect(entry.moment == book.moments["C1"]?.first?.id)
        #expect(book.moments["C1"]?.first?.amount == .euros(120))
        #expect(book.moments["C1"]?.first?.productFamily == "hogar")
        #expect(throws: LoyaltyRefusal.badAmount(.zero)) {
            try LoyaltyRules.purchase(
                in: book.state, ledger: [], customer: "C1", amount: .zero, productFamily: nil, touchpoint: "counter",
                channel: .counter,
                by: Fixture.ana, at: Fixture.now)
        }
        #expect(throws: LoyaltyRefusal.unknownTouchpoint("moon")) {
            try LoyaltyRules.purchase(
                in: book.state, ledger: [], customer: "C1", amount: 100, productFamily: nil, touchpoint: "moon",
                channel: .counter,
                by: Fixture.ana, at: Fixture.now)
        }
        #expect(throws: LoyaltyRefusal.unknownCustomer("C404")) {
            try LoyaltyRules.purchase(
                in: book.state, ledger: [], customer: "C404", amount: 100, productFamily: nil, touchpoint: "counter",
                channel: .counter,
                by: Fixture.ana, at: Fixture.now)
        }
    }

    @Test func reachingAThresholdEarnsTheTierAndItsRateOnTheNextPurchase() throws {
        var book = MemoryBook()
        try book.buy(300, on: day("2026-02-01"))
        #expect(book.state.customers["C1"]?.loyalty.tier == "silver")
        #expect(book.state.customers["C1"]?.loyalty.tierSince == day("2026-02-01"))
        #expect(book.state.customers["C1"]?.loyalty.tierUntil == day("2027-02-01"))
        try book.buy(100, on: day("2026-02-02"))
        #expect(book.ledger().last?.points == 110)  // Silver earns 110 %
    }
}

@Suite struct RedeemingTests {
    static let rewards = [
        Reward(id: "coffee", name: "Café", points: 100, cost: 180),
        Reward(id: "phones", name: "Auriculares", points: 250, money: .euros(15), cost: .euros(30)),
        Reward(id: "old", name: "Retired", points: 10, cost: 10, active: false),
    ]

    @Test func redeemingTakesThePointsAndRecordsTheMoney() throws {
        var book = MemoryBook(rewards: Self.rewards)
        try book.buy(280, on: day("2026-05-01"))
        try book.redeem("phones", on: day("2026-05-02"))
        let entry = try #require(book.ledger().last)
        #expect(entry.kind == .redeem)
        #expect(entry.points == -250)
        #expect(entry.money == .euros(15))
        #expect(entry.reward == "phones")
        #expect(book.points() == 30)
        #expect(book.state.customers["C1"]?.loyalty.lastActivity == day("2026-05-02"))
    }

    @Test func redeemingMoreThanTheBalanceOrAWithdrawnRewardIsRefused() throws {
        var book = MemoryBook(rewards: Self.rewards)
        try book.buy(80, on: day("2026-05-01"))
        let refusal = LoyaltyRefusal.short(balance: 80, needed: 100, for: "Café")
        #expect(throws: refusal) { try book.redeem("coffee", on: day("2026-05-02")) }
        #expect(refusal.description == "The customer has 80 points; Café needs 100 (20 more).")
        #expect(throws: LoyaltyRefusal.rewardWithdrawn("Retired")) { try book.redeem("old", on: day("2026-05-02")) }
        #expect(throws: LoyaltyRefusal.unknownReward("nope")) { try book.redeem("nope", on: day("2026-05-02")) }
        #expect(book.points() == 80)
        #expect(book.ledger().count == 1)
    }

    @Test func expiredPointsCannotBeSpent() throws {
        var book = MemoryBook(rewards: Self.rewards)
        try book.buy(150, on: day("2025-01-10"))
        try book.buy(10, on: day("2025-12-01"))
        // On 2026-01-10 the January lot lapsed, even though no expiry run happened.
        #expect(throws: LoyaltyRefusal.short(balance: 10, needed: 100, for: "Café")) {
            try book.redeem("coffee", on: day("2026-01-12"))
        }
    }

    @Test func aTiersFreeRewardIsFreeOncePerTerm() throws {
        var program = Fixture.program
        program.tiers[1].freeRewards = ["coffee"]
        var book = MemoryBook(program: program, rewards: Self.rewards)
        try book.buy(950, on: day("2026-06-01"))  // Gold
        try book.redeem("coffee", on: day("2026-06-02"))
        #expect(book.ledger().last?.points == 0)
        #expect(book.ledger().last?.reason.contains("free with the tier") == true)
        try book.redeem("coffee", on: day("2026-06-03"))
        #expect(book.ledger().last?.points == -100)
        #expect(book.points() == 850)
    }

    @Test func couponsAreUsedOnceWithinTheirDates() throws {
        var book = MemoryBook()
        let coupon = Coupon(
            id: "CP1", customer: "C1", discountPercent: 10, validFrom: day("2026-11-01"), validUntil: day("2026-11-30"),
            reason: "late")
        try book.apply(Transaction(summary: "coupon", changes: [.coupon(coupon)]))
        let early = day("2026-10-31").start
        #expect(throws: LoyaltyRefusal.couponNotYetValid("CP1", from: day("2026-11-01"))) {
            try LoyaltyRules.useCoupon(in: book.state, code: "CP1", by: Fixture.ana, at: early)
        }
        #expect(throws: LoyaltyRefusal.couponExpired("CP1", on: day("2026-11-30"))) {
            try LoyaltyRules.useCoupon(in: book.state, code: "CP1", by: Fixture.ana, at: day("2026-12-01").start)
        }
        try book.apply(LoyaltyRules.useCoupon(in: book.state, code: "CP1", by: Fixture.ana, at: Fixture.now))
        #expect(book.state.coupons["CP1"]?.usedAt == Fixture.now)
        #expect(throws: LoyaltyRefusal.couponUsed("CP1", on: Fixture.today)) {
            try LoyaltyRules.useCoupon(in: book.state, code: "CP1", by: Fixture.ana, at: Fixture.now)
        }
        #expect(throws: LoyaltyRefusal.unknownCoupon("CP2")) {
            try LoyaltyRules.useCoupon(in: book.state, code: "CP2", by: Fixture.ana, at: Fixture.now)
        }
    }
}

@Suite struct AdjustingTests {
    @Test func onlyASupervisorAdjustsAndAlwaysWithAReason() throws {
        var book = MemoryBook()
        try book.buy(50, on: day("2026-11-01"))
        let boss = Author(login: "boss")
        func adjust(_ points: Int, _ reason: String, by author: Author) throws(LoyaltyRefusal) -> Transaction {
            try LoyaltyRules.adjust(
                in: book.state, ledger: book.ledger(), customer: "C1", points: points, reason: reason, by: author,
                at: Fixture.now)
        }
        #expect(throws: LoyaltyRefusal.supervisorsOnly("adjust a customer's points")) {
            try adjust(10, "goodwill", by: Fixture.ana)
        }
        #expect(throws: LoyaltyRefusal.emptyReason) { try adjust(10, "  ", by: boss) }
        #expect(throws: LoyaltyRefusal.noPoints) { try adjust(0, "nothing", by: boss) }
        #expect(throws: LoyaltyRefusal.short(balance: 50, needed: 60, for: "this adjustment")) {
            try adjust(-60, "typo", by: boss)
        }
        #expect(throws: LoyaltyRefusal.notAnAgent("mallory")) { try adjust(10, "x", by: Author(login: "mallory")) }
        try book.apply(adjust(-20, "receipt scanned twice", by: boss))
        try book.apply(adjust(5, "goodwill", by: boss))
        #expect(book.ledger().map(\.points) == [50, -20, 5])
        #expect(book.ledger().last?.by == "boss")
        #expect(book.ledger().last?.reason == "goodwill")
        #expect(book.points() == 35)
    }
}

@Suite struct ExpiryTests {
    /// A program whose inactivity window is long enough not to interfere.
    static let patient = {
        var program = Fixture.program
        program.inactivityDays = 1000
        // Lifecycle stages move on their own days; these tests count expiries only.
        program.lifecycle = LifecycleThresholds(atRiskAfterDays: 1000, lapsedAfterDays: 1001, churnedAfterDays: 1002)
        return program
    }()

    @Test func pointsExpireOldestFirstAfterTheirMonths() throws {
        var book = MemoryBook(
            program: Self.patient, rewards: [Reward(id: "coffee", name: "Café", points: 120, cost: 1)])
        try book.buy(100, on: day("2025-01-10"))
        try book.buy(50, on: day("2025-06-01"))
        try book.redeem("coffee", on: day("2025-07-01"))  // takes January's 100 and 20 of June's
        #expect(try book.expire(on: day("2026-01-10")) == 0)  // January's lot is spent: nothing lapses
        #expect(try book.expire(on: day("2026-06-01")) == 1)
        #expect(book.ledger().last?.kind == .expire)
        #expect(book.ledger().last?.points == -30)
        #expect(book.ledger().last?.reason == "points earned on 2025-06-01 expired on 2026-06-01")
        #expect(book.points() == 0)
    }

    @Test func theWholeBalanceLapsesAfterTheInactivityWindow() throws {
        var program = Fixture.program
        program.inactivityDays = 90
        var book = MemoryBook(program: program)
        try book.buy(40, on: day("2026-01-05"))
        try book.buy(30, on: day("2026-02-01"))
        #expect(try book.expire(on: day("2026-05-01")) == 0)  // day 89
        #expect(try book.expire(on: day("2026-05-02")) == 1)  // day 90
        #expect(book.ledger().last?.points == -70)
        #expect(book.ledger().last?.reason == "inactive for 90 days since 2026-02-01")
    }

    @Test func theTierLapsesAcrossTheYearBoundaryUnlessRequalified() throws {
        var book = MemoryBook(
            program: Self.patient,
            customers: [
                Customer(id: "C1", name: "José", customerSince: day("2020-01-01"), lifecycle: .active),
                Customer(id: "C2", name: "Emma", customerSince: day("2020-01-01"), lifecycle: .active),
            ])
        try book.buy(320, on: day("2025-12-30"), customer: "C1")
        try book.buy(320, on: day("2025-12-30"), customer: "C2")
        try book.buy(300, on: day("2026-12-29"), customer: "C2")  // requalifies the day before the term ends
        #expect(try book.expire(on: day("2026-12-29")) == 0)
        try book.expire(on: day("2026-12-30"))
        #expect(book.state.customers["C1"]?.loyalty.tier == nil)
        #expect(book.state.customers["C1"]?.loyalty.tierUntil == nil)
        #expect(book.state.customers["C2"]?.loyalty.tier == "silver")
        #expect(book.state.customers["C2"]?.loyalty.tierUntil == day("2027-12-29"))
        // The points were earned twelve months ago: they lapsed with the tier.
        #expect(book.points("C1") == 0)
    }

    @Test func runningExpiryTwiceOnTheSameDayDoesNothingTheSecondTime() throws {
        var book = MemoryBook()
        try book.buy(100, on: day("2025-01-10"))
        try book.buy(400, on: day("2025-03-10"))
        #expect(try book.expire(on: day("2026-04-01")) == 1)
        let after = book.ledger()
        let customer = book.state.customers["C1"]
        #expect(try book.expire(on: day("2026-04-01")) == 0)
        #expect(book.ledger() == after)
        #expect(book.state.customers["C1"] == customer)
    }
}

@Suite struct LedgerPropertyTests {
    /// Any mix of purchases, redemptions, adjustments, compensations and
    /// expiry runs over two years: the balance is always the sum of the
    /// entries, every entry's running balance is right, and it never goes
    /// below zero. Refused steps change nothing.
    @Test func anyRandomSequenceOfOperationsKeepsTheLedgerRight() throws {
        var random = SeedRandom(seed: 2026)
        let rewards = [
            Reward(id: "small", name: "S", points: 60, cost: 1),
            Reward(id: "big", name: "B", points: 700, money: .euros(5), cost: 1),
        ]
        var refused = 0
        for _ in 0..<40 {
            var book = MemoryBook(rewards: rewards)
            var today = day("2025-01-01")
            for _ in 0..<random.int(20...120) {
                today = today.adding(days: random.int(0...20))
                let at = today.start.addingTimeInterval(Double(random.int(8...20)) * 3600)
                let before = book.ledger()
                let transaction: Transaction
                do {
                    switch random.int(0...4) {
                    case 0:
                        transaction = try LoyaltyRules.purchase(
                            in: book.state, ledger: before, customer: "C1", amount: Cents(random.int(-500...40_000)),
                            productFamily: nil,
                            touchpoint: "counter", channel: .counter, by: Fixture.ana, at: at)
                    case 1:
                        transaction = try LoyaltyRules.redeem(
                            in: book.state, ledger: before, customer: "C1",
                            reward: random.chance(0.5) ? "small" : "big", by: Fixture.ana, at: at)
                    case 2:
                        transaction = try LoyaltyRules.adjust(
                            in: book.state, ledger: before, customer: "C1", points: random.int(-400...400),
                            reason: "test", by: Author(login: "boss"), at: at)
                    case 3:
                        guard let customer = book.state.customers["C1"], let program = book.state.program,
                            let expiry = LoyaltyRules.expire(
                                customer: customer, ledger: before, program: program, today: today)
                        else { continue }
                        transaction = expiry.transaction
                    default:
                        let account = PointsAccount(
                            of: try #require(book.state.customers["C1"]), program: Fixture.program, ledger: before)
                        var credited = account
                        credited.credit(random.int(1...300), at: at, kind: .compensation, reason: "late")
                        transaction = Transaction(
                            summary: "compensation",
                            changes: [
                                .customer(
                                    LoyaltyRules.updatedCustomer(
                                        try #require(book.state.customers["C1"]), credited, today: nil))
                            ]
                                + credited.book.entries.map(Change.ledger))
                    }
                } catch {
                    refused += 1
                    #expect(book.ledger() == before)
                    continue
                }
                try book.apply(transaction)
                let ledger = book.ledger()
                var running = 0
                for entry in ledger {
                    running += entry.points
                    #expect(entry.balanceAfter == running)
                    #expect(running >= 0)
                }
                #expect(book.points() == running)
                #expect(Set(ledger.map(\.id)).count == ledger.count)
            }
        }
        #expect(refused > 0)  // the sequences did try to overdraw
    }
}

@Suite struct ProgramCheckTests {
    @Test func checkFindsAProgramOrTouchpointEditedOutOfTheRules() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            var program = try #require(try store.open().program).nextVersion()
            program.tiers[1].threshold = 100  // below Silver's 300
            var touchpoint = Fixture.counter.nextVersion()
            touchpoint.impact = 7
            // Written around the rules, as a hand edit of the files would be.
            _ = try store.commit(
                Transaction(summary: "hand edit", changes: [.program(program), .touchpoint(touchpoint)]),
                by: Author(login: "boss"))
            let problems = try StoreChecker.check(directory: directory).problems
            #expect(
                problems.contains(
                    "program.json: Tier gold must have a higher threshold than silver: list tiers lowest first."))
            #expect(problems.contains("Touchpoint counter: impact must be 1 to 5, not 7."))
        }
    }
}
