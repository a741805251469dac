import Foundation
import Testing

@testable import CareDomain

@Suite struct LedgerBookTests {
    @Test func theBalanceIsTheSumOfTheEntries() throws {
        var book = LedgerBook()
        try book.post(id: "L1", customer: "C1", at: Fixture.now, kind: .earn, points: 120, reason: "purchase")
        try book.post(id: "L2", customer: "C1", at: Fixture.now, kind: .redeem, points: -100, reason: "reward")
        try book.post(id: "L3", customer: "C1", at: Fixture.now, kind: .compensation, points: 30, reason: "late")
        #expect(book.balance == 50)
        #expect(book.entries.map(\.balanceAfter) == [120, 20, 50])
        #expect(book.entries.reduce(0) { $0 + $1.points } == book.balance)
    }

    @Test func takingMoreThanTheBalanceIsRefused() throws {
        var book = LedgerBook()
        try book.post(id: "L1", customer: "C1", at: Fixture.now, kind: .earn, points: 40, reason: "purchase")
        #expect(throws: LedgerBook.Refusal.insufficient(balance: 40, requested: 41)) {
            try book.post(id: "L2", customer: "C1", at: Fixture.now, kind: .redeem, points: -41, reason: "reward")
        }
        #expect(book.balance == 40)
        #expect(book.entries.count == 1)
    }

    @Test func anyRandomSequenceKeepsTheBalanceTheSumAndNeverNegative() {
        var random = SeedRandom(seed: 99)
        for _ in 0..<200 {
            var book = LedgerBook()
            for step in 0..<random.int(1...60) {
                let points = random.int(-300...300)
                _ = try? book.post(
                    id: LedgerEntryID("L\(step)"), customer: "C1", at: Fixture.now, kind: points >= 0 ? .earn : .redeem,
                    points: points, reason: "r")
                #expect(book.balance >= 0)
                #expect(book.balance == book.entries.reduce(0) { $0 + $1.points })
                #expect(book.entries.last.map { $0.balanceAfter == book.balance } ?? true)
            }
        }
    }
}

@Suite struct TierRulesTests {
    let program = Fixture.program

    func day(_ text: String) -> Day { Day(text) ?? Day(daysSinceEpoch: 0) }

    @Test func reachingAThresholdEarnsTheTierForATerm() {
        let standing = TierRules.standing(
            earnings: [(day("2025-03-01"), 200), (day("2025-06-10"), 150)], program: program, today: day("2025-07-01"))
        #expect(standing == TierRules.Standing(tier: "silver", since: day("2025-06-10"), until: day("2026-06-10")))
    }

    @Test func theTierLapsesAcrossTheYearBoundaryUnlessRequalified() {
        let earnings = [(day: day("2024-12-20"), points: 950)]
        let before = TierRules.standing(earnings: earnings, program: program, today: day("2025-12-19"))
        #expect(before.tier == "gold")
        #expect(before.until == day("2025-12-20"))
        let after = TierRules.standing(earnings: earnings, program: program, today: day("2025-12-20"))
        #expect(after == TierRules.Standing(tier: nil, since: nil, until: nil))
    }

    @Test func aLapseFallsToTheTierTheWindowStillSupports() {
        // Gold on 2025-01-10, requalified on 2025-06-01 (window 1050) until
        // 2026-06-01. The March 2026 purchase reaches only Silver, which does
        // not replace Gold; at the lapse the window holds those 400 points.
        let earnings = [
            (day: day("2025-01-10"), points: 950), (day: day("2025-06-01"), points: 100),
            (day: day("2026-03-01"), points: 400),
        ]
        let stillGold = TierRules.standing(earnings: earnings, program: program, today: day("2026-05-31"))
        #expect(stillGold == TierRules.Standing(tier: "gold", since: day("2025-01-10"), until: day("2026-06-01")))
        let standing = TierRules.standing(earnings: earnings, program: program, today: day("2026-07-01"))
        #expect(standing == TierRules.Standing(tier: "silver", since: day("2026-06-01"), until: day("2027-06-01")))
    }

    @Test func requalifyingExtendsTheTerm() {
        let earnings = [(day: day("2025-01-10"), points: 950), (day: day("2025-11-01"), points: 950)]
        let standing = TierRules.standing(earnings: earnings, program: program, today: day("2026-02-01"))
        #expect(standing == TierRules.Standing(tier: "gold", since: day("2025-01-10"), until: day("2026-11-01")))
    }
}

@Suite struct ServiceLevelTests {
    @Test func theDueTimeFollowsTheTouchpointAndTightensForPreferredTiers() {
        let opened = Fixture.now
        let counter = Fixture.counter  // 24 h
        #expect(
            ServiceLevelRules.dueAt(openedAt: opened, touchpoint: counter, tier: nil)
                == opened.addingTimeInterval(24 * 3600))
        #expect(
            ServiceLevelRules.dueAt(openedAt: opened, touchpoint: counter, tier: Fixture.program.tier("silver"))
                == opened.addingTimeInterval(24 * 3600))
        #expect(
            ServiceLevelRules.dueAt(openedAt: opened, touchpoint: counter, tier: Fixture.program.tier("gold"))
                == opened.addingTimeInterval(12 * 3600))
    }
}

@Suite struct IncidentRulesTests {
    @Test func openingUsesTheCustomersTierAndRecordsTheContact() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            let state = try store.open()
            // C2 is Gold: half the counter's 24 h.
            let (incident, transaction) = try IncidentRules.open(
                in: state, customer: "C2", touchpoint: "counter", kind: .complaint, subject: "  Broken zip  ",
                priority: .urgent,
                channel: .counter, by: Fixture.ana, at: Fixture.now)
            #expect(incident.id == "I000002")
            #expect(incident.subject == "Broken zip")
            #expect(incident.dueAt == Fixture.now.addingTimeInterval(12 * 3600))
            #expect(incident.status == .open)
            #expect(incident.contacts == 1)
            #expect(transaction.changes.count == 4)  // incident, its steps opened and assigned, the contact
            guard case .moment(let moment) = transaction.changes.last else {
                Issue.record("no moment recorded")
                return
            }
            #expect(moment.incident == incident.id)
            #expect(moment.cost == Fixture.counter.cost)
        }
    }

    @Test func refusalsNameWhatIsWrong() throws {
        try withTemporaryDirectory { directory in
            let state = try Fixture.makeStore(in: directory).open()
            #expect(throws: IncidentRefusal.unknownCustomer("C404")) {
                try IncidentRules.open(
                    in: state, customer: "C404", touchpoint: "counter", kind: .doubt, subject: "x", priority: .low,
                    channel: .phone, by: Fixture.ana, at: Fixture.now)
            }
            #expect(throws: IncidentRefusal.unknownTouchpoint("nowhere")) {
                try IncidentRules.open(
                    in: state, customer: "C1", touchpoint: "nowhere", kind: .doubt, subject: "x", priority: .low,
                    channel: .phone, by: Fixture.ana, at: Fixture.now)
            }
            #expect(throws: IncidentRefusal.emptyText("note")) {
                try IncidentRules.note(in: state, incident: "I1", text: "  ", by: Fixture.ana, at: Fixture.now)
            }
            #expect(throws: IncidentRefusal.unknownIncident("I9")) {
                try IncidentRules.note(in: state, incident: "I9", text: "x", by: Fixture.ana, at: Fixture.now)
            }
            #expect(throws: IncidentRefusal.notAnAgent("mallory")) {
                try IncidentRules.note(
                    in: state, incident: "I1", text: "x", by: Author(login: "mallory"), at: Fixture.now)
            }
            #expect(IncidentRefusal.unknownCustomer("C404").description.hasPrefix("There is no customer with id C404"))
        }
    }
}

@Suite struct ResolveRulesTests {
    static let generous = Playbook(
        id: "vip", touchpoint: "counter", situation: "A big mistake", solution: "Make it right",
        compensation: Compensation(kind: .points, points: 5000, value: .euros(50), description: "5,000 points"))
    static let small = Playbook(
        id: "small", touchpoint: "counter", situation: "A small delay", solution: "Apologise",
        compensation: Compensation(kind: .points, points: 100, value: 100, description: "100 points"))

    func store(_ directory: String) throws -> FileStore {
        let store = try Fixture.makeStore(in: directory)
        _ = try store.commit(
            Transaction(summary: "playbooks", changes: [.playbook(Self.generous), .playbook(Self.small)]),
            by: Fixture.ana)
        return store
    }

    @Test func takingAssignsToTheAgent() throws {
        try withTemporaryDirectory { directory in
            let store = try store(directory)
            let state = try store.transact(by: Fixture.ana) {
                try IncidentRules.take(in: $0, incident: "I1", by: Fixture.ana, at: Fixture.now)
            }
            #expect(state.incidents["I1"]?.assignee == "ana")
            #expect(state.incidents["I1"]?.status == .inProgress)
        }
    }

    @Test func resolvingGrantsPointsWithinAuthorityAndKeepsTheLedgerRight() throws {
        try withTemporaryDirectory { directory in
            let store = try store(directory)
            let state = try store.transact(by: Fixture.ana) {
                try IncidentRules.resolve(
                    in: $0, incident: "I1", playbook: "small", grant: true, rating: 4, by: Fixture.ana, at: Fixture.now)
            }
            let incident = try #require(state.incidents["I1"])
            #expect(incident.status == .resolved)
            #expect(incident.resolution?.playbook == "small")
            #expect(incident.compensation?.compensation.points == 100)
            #expect(incident.compensation?.forMissedServiceLevel == false)
            #expect(incident.rating?.score == 4)
            #expect(state.customers["C1"]?.loyalty.points == 100)
            #expect(try store.ledger(of: "C1").map(\.points) == [100])
            #expect(try StoreChecker.check(directory: directory).isClean)
            #expect(throws: IncidentRefusal.notOpen("I1")) {
                try IncidentRules.take(in: state, incident: "I1", by: Fixture.ana, at: Fixture.now)
            }
        }
    }

    @Test func anAgentCannotGrantAboveTheirAuthorityButASupervisorCan() throws {
        try withTemporaryDirectory { directory in
            let state = try store(directory).open()
            #expect(throws: IncidentRefusal.overAuthority(limit: .euros(20), value: .euros(50))) {
                try IncidentRules.resolve(
                    in: state, incident: "I1", playbook: "vip", grant: true, rating: nil, by: Fixture.ana,
                    at: Fixture.now)
            }
            let withoutIt = try IncidentRules.resolve(
                in: state, incident: "I1", playbook: "vip", grant: false, rating: nil, by: Fixture.ana, at: Fixture.now)
            #expect(withoutIt.changes.count == 2)  // incident, its step

            let boss = try IncidentRules.resolve(
                in: state, incident: "I1", playbook: "vip", grant: true, rating: nil, by: Author(login: "boss"),
                at: Fixture.now)
            #expect(boss.changes.count == 5)  // incident, ledger entry, customer, the steps resolved and compensated
            #expect(throws: IncidentRefusal.badRating(6)) {
                try IncidentRules.resolve(
                    in: state, incident: "I1", playbook: nil, grant: false, rating: 6, by: Fixture.ana, at: Fixture.now)
            }
        }
    }

    @Test func aMissedServiceLevelProposesWhatTheTouchpointOwes() throws {
        try withTemporaryDirectory { directory in
            let state = try store(directory).open()
            let incident = try #require(state.incidents["I1"])
            let late = incident.dueAt.addingTimeInterval(60)
            let proposal = try #require(
                IncidentRules.proposal(for: incident, playbook: Self.small, in: state, at: late))
            #expect(proposal.owed)
            #expect(proposal.compensation == Fixture.counter.compensation)
            #expect(
                IncidentRules.proposal(for: incident, playbook: nil, in: state, at: late)?.compensation
                    == Fixture.counter.compensation)
            #expect(IncidentRules.proposal(for: incident, playbook: nil, in: state, at: Fixture.now) == nil)
        }
    }

    @Test func aMissedServiceLevelIsCompensatedExactlyOnceHoweverOftenItIsReopened() throws {
        try withTemporaryDirectory { directory in
            let store = try store(directory)
            let due = try #require(store.open().incidents["I1"]?.dueAt)
            let late = due.addingTimeInterval(3600)
            for step in 0..<3 {
                let at = late.addingTimeInterval(Double(step) * 600)
                _ = try store.transact(by: Fixture.ana) {
                    try IncidentRules.resolve(
                        in: $0, incident: "I1", playbook: "small", grant: true, rating: nil, by: Fixture.ana, at: at)
                }
                _ = try store.transact(by: Fixture.ana) {
                    try IncidentRules.reopen(in: $0, incident: "I1", by: Fixture.ana, at: at.addingTimeInterval(60))
                }
            }
            let ledger = try store.ledger(of: "C1")
            #expect(ledger.map(\.points) == [100])  // the touchpoint's 100 points, owed; the playbook's never on top
            #expect(ledger.first?.incident == "I1")
            let incident = try #require(store.open().incidents["I1"])
            #expect(incident.compensation?.forMissedServiceLevel == true)
            #expect(try store.history(of: incident).filter { $0.kind == .compensated }.count == 1)
            #expect(incident.contacts == 4)
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }

    @Test func anotherContactCountsTowardsSecondContactResolution() throws {
        try withTemporaryDirectory { directory in
            let store = try store(directory)
            _ = try store.transact(by: Fixture.ana) {
                try IncidentRules.contact(
                    in: $0, incident: "I1", text: "called again", by: Fixture.ana, at: Fixture.now)
            }
            let state = try store.transact(by: Fixture.ana) {
                try IncidentRules.resolve(
                    in: $0, incident: "I1", playbook: nil, grant: false, rating: nil, by: Fixture.ana, at: Fixture.now)
            }
            #expect(state.incidents["I1"]?.resolvedOnContact == 2)
            #expect(try store.steps(of: "I1").contains { $0.kind == .contact && $0.text == "called again" })
            #expect(throws: IncidentRefusal.notOpen("I1")) {
                try IncidentRules.contact(in: state, incident: "I1", text: "", by: Fixture.ana, at: Fixture.now)
            }
        }
    }
}

@Suite struct ReopenRulesTests {
    @Test func aResolvedIncidentReopensWithOneMoreContact() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            _ = try store.transact(by: Fixture.ana) {
                try IncidentRules.resolve(
                    in: $0, incident: "I1", playbook: nil, grant: false, rating: 2, by: Fixture.ana, at: Fixture.now)
            }
            let stillOpen = try Fixture.makeStore(in: directory + "/fresh").open()
            #expect(throws: IncidentRefusal.stillOpen("I1")) {
                try IncidentRules.reopen(in: stillOpen, incident: "I1", by: Fixture.ana, at: Fixture.now)
            }
            let state = try store.transact(by: Fixture.ana) {
                try IncidentRules.reopen(in: $0, incident: "I1", by: Fixture.ana, at: Fixture.now)
            }
            let incident = try #require(state.incidents["I1"])
            #expect(incident.status == .inProgress)
            #expect(incident.contacts == 2)
            #expect(incident.resolution == nil)
            #expect(try store.history(of: incident).last?.kind == .reopened)
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }
}

@Suite struct TalkingPointsTests {
    func entry(_ id: String, _ points: Int, expires: String? = nil) -> LedgerEntry {
        LedgerEntry(
            id: LedgerEntryID(id), customer: "C2", at: Fixture.now, kind: points > 0 ? .earn : .redeem, points: points,
            balanceAfter: 0, reason: "", expiresOn: expires.flatMap { Day($0) })
    }

    @Test func spendingTakesTheOldestPointsSoTheNextToExpireAreTheRest() throws {
        // 100 expire in January, 50 in June; spending 120 takes January's
        // 100 and 20 of June's: 30 are left, expiring in June.
        let ledger = [
            entry("L1", 100, expires: "2027-01-10"), entry("L2", 50, expires: "2027-06-01"), entry("L3", -120),
        ]
        let account = PointsAccount(
            customer: "C2", program: Fixture.program, ledger: ledger, lastActivity: nil, idPrefix: "C2-")
        let next = try #require(account.nextExpiry(after: Fixture.today))
        #expect(next.points == 30)
        #expect(next.day == Day("2027-06-01"))
        let old = PointsAccount(
            customer: "C2", program: Fixture.program, ledger: [entry("L1", 10, expires: "2026-01-01")],
            lastActivity: nil, idPrefix: "C2-")
        #expect(old.nextExpiry(after: Fixture.today) == nil)
    }

    @Test func theProfileSaysWhatIsClosest() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            _ = try store.commit(
                Transaction(
                    summary: "rewards",
                    changes: [
                        .reward(Reward(id: "coffee", name: "Café", points: 40, cost: 100)),
                        .reward(Reward(id: "bag", name: "Bolsa", points: 75, cost: 300)),
                    ]), by: Fixture.ana)
            let state = try store.open()
            var customer = try #require(state.customers["C2"])  // 50 points, Gold
            customer.loyalty.tierUntil = Fixture.today.adding(days: 12)
            customer.loyalty.lastActivity = Fixture.today.adding(days: -156)
            let lines = TalkingPoints.lines(
                customer: customer, ledger: [entry("L1", 50, expires: "2026-12-31")], state: state, today: Fixture.today
            )
            #expect(
                lines == [
                    "50 points expire in 39 days",
                    "Gold until 2026-12-04, 12 days",
                    "850 more points keep Gold",
                    "inactive 156 days: buy within 24 days",
                    "can redeem Café now",
                    "25 points to Bolsa",
                ])
        }
    }

    @Test func newTiersAreThankedAndSuggestionsNeedMarketingConsent() throws {
        var program = Fixture.program
        program.crossSell = [CrossSell(productFamily: "libros", suggestion: "the reading club")]
        var book = MemoryBook(program: program)
        try book.buy(320, on: Fixture.today.adding(days: -3))
        var customer = try #require(book.state.customers["C1"])
        customer.usualProducts = ["libros"]
        let withoutConsent = TalkingPoints.points(
            customer: customer, ledger: book.ledger(), state: book.state, today: Fixture.today)
        #expect(withoutConsent.contains(TalkingPoint(kind: .tierReached, text: "thank them: Silver since 2026-11-19")))
        #expect(withoutConsent.contains(TalkingPoint(kind: .tierProgress, text: "580 points in 12 months to Gold")))
        #expect(!withoutConsent.contains { $0.kind.isMarketing })
        customer.consents = [Consent(purpose: .marketing, granted: true, at: Fixture.now)]
        let withConsent = TalkingPoints.points(
            customer: customer, ledger: book.ledger(), state: book.state, today: Fixture.today)
        #expect(
            withConsent.last == TalkingPoint(kind: .suggestion, text: "usually buys libros: suggest the reading club"))
    }
}
