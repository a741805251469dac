import Foundation
import Testing

@testable import CareDomain

/// The counter day's rules: amounts as typed, registering with duplicate
/// detection, correcting with consent history, lifecycle by rule, purchase
/// and return, a logged contact and its survey.
@Suite struct AmountParsingTests {
    @Test func amountsAreReadAsPeopleTypeThem() {
        let read: [(String, Int?)] = [
            ("45,90", 4590), ("45.90", 4590), ("45", 4500), ("45,9", 4590), ("1.234,50", 123_450),
            ("1,234.50", 123_450), ("1 234,50", 123_450), ("1.234", 123_400), ("12.345.678", 1_234_567_800),
            ("45,90 €", 4590), ("€45.90", 4590), ("-3,00", -300),
            ("", nil), ("abc", nil), ("45,", nil), ("1,2,3", nil), ("12345,678", nil), ("1.234.5", nil),
            ("1,234,50", nil), ("1.2345,00", nil), ("45,901", 4_590_100), ("4 5x", nil),
        ]
        for (text, cents) in read {
            #expect(Cents(parsing: text)?.rawValue == cents, "\(text)")
        }
    }
}

@Suite struct RegisterTests {
    var book = MemoryBook(customers: [
        Customer(
            id: "C1", name: "José Núñez", phone: "624 612 113", email: "Jose@Example.com", birthDate: day("1980-05-01"),
            customerSince: day("2020-01-01"), lifecycle: .active)
    ])

    @Test func duplicatesAreFoundByPhoneDigitsEmailOrNameAndBirthDate() {
        func reasons(_ fields: [CustomerField: String]) -> [String] {
            CustomerRules.duplicates(of: CustomerDraft(fields: fields), in: book.state).flatMap(\.reasons)
        }
        #expect(reasons([.name: "Ana", .phone: "+34624612113"]) == ["same phone"])
        #expect(reasons([.name: "Ana", .email: "jose@example.COM"]) == ["same email"])
        #expect(reasons([.name: "jose nunez", .birthDate: "01/05/1980"]) == ["same name and birth date"])
        #expect(reasons([.name: "jose nunez", .birthDate: "1981-05-01"]).isEmpty)
        #expect(reasons([.name: "Ana", .phone: "611 000 222", .email: "ana@example.com"]).isEmpty)
    }

    @Test func anyAgentRegistersAProspectWithTheConsentsAsked() throws {
        var draft = CustomerDraft(fields: [.name: "Lucía Pérez", .phone: "611 222 333", .preferredChannel: "teléfono"])
        draft.consents = [.service: true, .marketing: false]
        var book = self.book
        let (transaction, id) = try CustomerRules.register(draft, in: book.state, by: Fixture.ana, at: Fixture.now)
        try book.apply(transaction)
        let customer = try #require(book.state.customers[id])
        #expect(id == "C000002")
        #expect(customer.lifecycle == .prospect && customer.lifecycleSince == Fixture.today)
        #expect(customer.preferredChannel == .phone)
        #expect(customer.consents?.map(\.purpose) == [.service, .marketing])
        #expect(customer.consents?.allSatisfy { $0.by == "ana" && $0.at == Fixture.now } == true)
        #expect(!customer.hasConsented(to: .marketing) && customer.hasConsented(to: .service))
    }

    @Test func aBadValueNamesItsFieldAndANameIsRequired() {
        let badEmail = CustomerDraft(fields: [.name: "Ana", .email: "ana@"])
        #expect(throws: CustomerRefusal.badValue(.email, "\"ana@\" is not an email address")) {
            try CustomerRules.register(badEmail, in: book.state, by: Fixture.ana, at: Fixture.now)
        }
        #expect(throws: CustomerRefusal.noName) {
            try CustomerRules.register(
                CustomerDraft(fields: [.name: "  "]), in: book.state, by: Fixture.ana, at: Fixture.now)
        }
        let future = CustomerDraft(fields: [.name: "Ana", .birthDate: "2030-01-01"])
        #expect(throws: CustomerRefusal.badValue(.birthDate, "2030-01-01 is in the future")) {
            try CustomerRules.register(future, in: book.state, by: Fixture.ana, at: Fixture.now)
        }
    }
}

@Suite struct CorrectTests {
    @Test func consentChangesKeepTheirHistoryAndFieldsSayOldAndNew() throws {
        var book = MemoryBook()
        let first = try CustomerRules.edit(
            "C1", CustomerDraft(fields: [.phone: "624 612 113"], consents: [.marketing: true]), in: book.state,
            by: Fixture.ana, at: Fixture.now)
        try book.apply(first)
        let later = Fixture.now.addingTimeInterval(3600)
        let second = try CustomerRules.edit(
            "C1", CustomerDraft(fields: [.phone: "611 000 222"], consents: [.marketing: false]), in: book.state,
            by: Author(login: "boss"), at: later)
        try book.apply(second)
        #expect(second.fields == ["phone: 624 612 113 → 611 000 222", "consent to marketing: granted → withdrawn"])
        #expect(second.summary == "correct customer C1: phone, consent to marketing")
        let consents = try #require(book.state.customers["C1"]?.consents)
        #expect(consents.map(\.granted) == [true, false])
        #expect(consents.map(\.by) == ["ana", "boss"])
        #expect(consents.map(\.at) == [Fixture.now, later])
        #expect(throws: CustomerRefusal.nothingChanged("C1")) {
            try CustomerRules.edit(
                "C1", CustomerDraft(fields: [.phone: "611 000 222"]), in: book.state, by: Fixture.ana, at: later)
        }
    }

    @Test func aBlockedCustomerIsNotCorrected() throws {
        var customer = Customer(id: "C1", name: "José", customerSince: Fixture.today, lifecycle: .active)
        customer.blockedAt = Fixture.now
        let book = MemoryBook(customers: [customer])
        #expect(throws: CustomerRefusal.blocked("C1")) {
            try CustomerRules.edit(
                "C1", CustomerDraft(fields: [.phone: "611 000 222"]), in: book.state, by: Fixture.ana, at: Fixture.now)
        }
    }
}

@Suite struct LifecycleTests {
    @Test func purchasesAndDaysWithoutThemMoveTheStage() throws {
        var book = MemoryBook(customers: [
            Customer(id: "C1", name: "José", customerSince: day("2025-01-01"), lifecycle: .prospect)
        ])
        func stage() -> LifecycleStage? { book.state.customers["C1"]?.lifecycle }
        try book.buy(10, on: day("2025-01-10"))
        #expect(stage() == .new)
        #expect(book.state.customers["C1"]?.lifecycleSince == day("2025-01-10"))
        try book.buy(10, on: day("2025-02-10"))
        #expect(stage() == .active)
        // 90 days without a purchase by default: at risk on the 90th, not the 89th.
        try book.expire(on: day("2025-02-10").adding(days: 89))
        #expect(stage() == .active)
        try book.expire(on: day("2025-02-10").adding(days: 90))
        #expect(stage() == .atRisk)
        try book.expire(on: day("2025-02-10").adding(days: 180))
        #expect(stage() == .lapsed)
        try book.expire(on: day("2025-02-10").adding(days: 365))
        #expect(stage() == .churned)
        #expect(book.state.customers["C1"]?.lifecycleSince == day("2025-02-10").adding(days: 365))
        try book.buy(10, on: day("2026-03-01"))
        #expect(stage() == .renewed)
        try book.buy(10, on: day("2026-03-02"))
        #expect(stage() == .active)
    }

    @Test func theProgramsThresholdsAreUsedAndChecked() throws {
        var program = Fixture.program
        program.lifecycle = LifecycleThresholds(atRiskAfterDays: 30, lapsedAfterDays: 60, churnedAfterDays: 90)
        var book = MemoryBook(
            program: program,
            customers: [
                Customer(id: "C1", name: "José", customerSince: day("2025-01-01"), lifecycle: .prospect)
            ])
        try book.buy(10, on: day("2025-01-10"))
        try book.expire(on: day("2025-01-10").adding(days: 30))
        #expect(book.state.customers["C1"]?.lifecycle == .atRisk)
        var wrong = program
        wrong.lifecycle = LifecycleThresholds(atRiskAfterDays: 30, lapsedAfterDays: 20, churnedAfterDays: 90)
        #expect(
            ProgramRules.problems(wrong, in: book.state) == [
                "lifecycle.lapsedAfterDays must be more than atRiskAfterDays."
            ])
    }

    @Test func aSupervisorSetsAStageByHandWithAReason() throws {
        var book = MemoryBook()
        #expect(throws: CustomerRefusal.supervisorsOnly("set a lifecycle stage by hand")) {
            try CustomerRules.setLifecycle(
                "C1", to: .churned, reason: "moved abroad", in: book.state, by: Fixture.ana, at: Fixture.now)
        }
        #expect(throws: CustomerRefusal.emptyReason) {
            try CustomerRules.setLifecycle(
                "C1", to: .churned, reason: " ", in: book.state, by: Author(login: "boss"), at: Fixture.now)
        }
        try book.apply(
            CustomerRules.setLifecycle(
                "C1", to: .churned, reason: "moved abroad", in: book.state, by: Author(login: "boss"), at: Fixture.now))
        let customer = try #require(book.state.customers["C1"])
        #expect(
            customer.stageLine(today: Fixture.today.adding(days: 40))
                == "churned for 40 days (since 2026-11-22), set by hand: moved abroad")
        #expect(
            customer.stageLine(today: Fixture.today, withDay: false) == "churned for 0 days, set by hand: moved abroad")
        Language.with(.es) {
            #expect(
                customer.stageLine(today: Fixture.today.adding(days: 40))
                    == "\(LifecycleStage.churned.shown) desde hace 40 días (desde 2026-11-22), fijado a mano: moved abroad"
            )
            #expect(
                customer.stageLine(today: Fixture.today, withDay: false)
                    == "\(LifecycleStage.churned.shown) desde hoy, fijado a mano: moved abroad")
        }
    }
}

@Suite struct PurchaseAndReturnTests {
    static let shop = Touchpoint(
        id: "shop", name: "Shop", stage: .active, ownerArea: "Counter", participants: [], process: [], cost: 50,
        impact: 3, serviceLevel: ServiceLevel(promise: "now", responseMinutes: 10),
        compensation: Compensation(kind: .points, points: 10, value: 10, description: "10 points"),
        records: .purchases)
    static let returns = Touchpoint(
        id: "returns", name: "Returns", stage: .active, ownerArea: "Counter", participants: [], process: [], cost: 70,
        impact: 3, serviceLevel: ServiceLevel(promise: "now", responseMinutes: 10),
        compensation: Compensation(kind: .points, points: 10, value: 10, description: "10 points"),
        records: .returns)

    func book() -> MemoryBook {
        var book = MemoryBook(rewards: [Reward(id: "mug", name: "Mug", points: 80, cost: 300)])
        book.state.apply(.touchpoint(Self.shop))
        book.state.apply(.touchpoint(Self.returns))
        return book
    }

    @Test func purchasesGoOnlyToPurchaseTouchpoints() throws {
        var book = book()
        #expect(throws: LoyaltyRefusal.notAPurchaseTouchpoint("counter", ["shop"])) {
            try book.buy(10, on: Fixture.today, touchpoint: "counter")
        }
        try book.buy(10, on: Fixture.today, touchpoint: "shop")
        #expect(book.points() == 10)
    }

    @Test func aPartialReturnTakesBackItsShareAndNeverLeavesTheBalanceBelowZero() throws {
        var book = book()
        try book.buy(100, on: Fixture.today, touchpoint: "shop")
        let purchase = try #require(book.moments["C1"]?.first { $0.isPurchase })
        try book.redeem("mug", on: Fixture.today)
        #expect(book.points() == 20)
        func give(_ euros: Int?) throws -> LoyaltyRules.Return {
            try LoyaltyRules.returnPurchase(
                in: book.state, moments: book.moments["C1"] ?? [], ledger: book.ledger(), customer: "C1",
                purchase: purchase.id, amount: euros.map(Cents.euros), by: Fixture.ana,
                at: Fixture.now.addingTimeInterval(7200))
        }
        let half = try give(50)
        try book.apply(half.transaction)
        #expect((half.pointsDue, half.pointsTaken, half.pointsShort, half.balance) == (50, 20, 30, 0))
        #expect(book.points() == 0)
        let moment = try #require(book.moments["C1"]?.last)
        #expect(moment.returnOf == purchase.id && moment.amount == .zero - .euros(50) && moment.touchpoint == "returns")
        #expect(moment.cost == 70 && !moment.isPurchase)
        #expect(throws: LoyaltyRefusal.returnTooLarge(.euros(60), left: .euros(50))) { try give(60) }
        let rest = try give(nil)
        try book.apply(rest.transaction)
        #expect((rest.pointsDue, rest.pointsTaken) == (50, 0))
        #expect(throws: LoyaltyRefusal.returnTooLarge(.zero, left: .zero)) { try give(nil) }
        #expect(book.ledger().allSatisfy { $0.balanceAfter >= 0 })
    }

    @Test func aReturnComesOffTheSpend() throws {
        var book = book()
        try book.buy(100, on: Fixture.today, touchpoint: "shop")
        let purchase = try #require(book.moments["C1"]?.first)
        try book.apply(
            LoyaltyRules.returnPurchase(
                in: book.state, moments: book.moments["C1"] ?? [], ledger: book.ledger(), customer: "C1",
                purchase: purchase.id, amount: .euros(30), by: Fixture.ana, at: Fixture.now
            ).transaction)
        let summary = try #require(book.state.customers.summary(of: "C1"))
        let value = CustomerValue.of(
            summary, moments: book.moments["C1"] ?? [], ledger: book.ledger(), compensations: .zero,
            program: book.state.program, rewards: { _ in nil }, period: .days(30, endingOn: Fixture.today))
        #expect(value.purchases == 1 && value.spend == .euros(70))
    }
}

@Suite struct ContactAndSurveyTests {
    @Test func aLoggedContactCostsWhatTheCatalogSaysAndTakesOneSurvey() throws {
        var book = MemoryBook()
        let logged = try MomentRules.log(
            in: book.state, customer: "C1", touchpoint: "counter", channel: .phone, outcome: "Asked about a delivery",
            serviceLevelMet: true, by: Fixture.ana, at: Fixture.now)
        try book.apply(logged.transaction)
        #expect(logged.moment.cost == 100 && logged.moment.channel == .phone && logged.moment.serviceLevelMet == true)
        #expect(throws: MomentRefusal.emptyOutcome) {
            try MomentRules.log(
                in: book.state, customer: "C1", touchpoint: "counter", channel: .phone, outcome: " ",
                serviceLevelMet: nil, by: Fixture.ana, at: Fixture.now)
        }
        func ask(_ score: Int, _ source: Survey.Source) throws -> Transaction {
            try MomentRules.survey(
                in: book.state, moments: book.moments["C1"] ?? [], customer: "C1", of: logged.moment.id,
                answer: SurveyAnswer(score: score, expectationsMet: true, comment: "rápido", answeredBy: source),
                by: Fixture.ana, at: Fixture.now)
        }
        #expect(throws: MomentRefusal.badScore(6)) { try ask(6, .customer) }
        try book.apply(ask(4, .customer))
        #expect(throws: MomentRefusal.alreadySurveyed(logged.moment.id)) { try ask(5, .customer) }
        let survey = try #require(book.moments["C1"]?.last)
        #expect(survey.surveyOf == logged.moment.id && survey.cost == .zero)
        #expect(survey.survey?.comment == "rápido" && survey.customerScore == 4)
        var tally = TouchpointTally()
        var names = FigureNames()
        for row in CustomerFigures.of(moments: book.moments["C1"] ?? [], ledger: [], names: &names).rows {
            tally.add(row)
        }
        #expect((tally.moments, tally.ratings, tally.ratingTotal) == (1, 1, 4))
    }

    @Test func anAgentsJudgementIsNotTheCustomersAnswer() {
        let survey = Survey(score: 2, answeredBy: .agent, recordedBy: "ana", at: Fixture.now)
        let moment = Moment(
            id: "S", customer: "C1", touchpoint: "counter", at: Fixture.now, channel: .counter, outcome: "survey",
            cost: .zero, surveyOf: "M", survey: survey)
        #expect(moment.customerScore == nil)
        var tally = TouchpointTally()
        var names = FigureNames()
        for row in CustomerFigures.of(moments: [moment], ledger: [], names: &names).rows { tally.add(row) }
        #expect(tally.ratings == 0 && tally.moments == 0)
    }
}

@Suite struct MergeTests {
    /// Found by the figures' property test: merging a customer who already
    /// had a duplicate merged into them left that pointer leading to a pointer.
    @Test func aDuplicateMergedEarlierLeadsToTheCustomerKeptInTheEnd() throws {
        try withTemporaryDirectory { directory in
            let store = try FiguresTests.seeded(directory, customers: 5)
            let boss = FiguresTests.boss
            func merge(keep: CustomerID, other: CustomerID) throws -> StoreState {
                try store.transact(by: boss) { state, history in
                    try CustomerRules.merge(
                        keep: keep, other: other, in: state, history: history, by: boss, at: Fixture.now
                    )
                    .transaction
                }
            }
            _ = try merge(keep: "C000002", other: "C000001")
            let state = try merge(keep: "C000003", other: "C000002")
            #expect(state.customers["C000001"]?.mergedInto == "C000003")
            #expect(state.customers["C000002"]?.mergedInto == "C000003")
            #expect(try StoreChecker.check(directory: directory).problems.isEmpty)
        }
    }

    @Test func aMergeMovesEverythingLeavesAPointerAndKeepsCheckCleanAndScoresUnchanged() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            let boss = Author(login: "boss")
            _ = try store.transact(by: Fixture.ana) { state, history in
                try LoyaltyRules.purchase(
                    in: state, ledger: try history.ledger(of: "C1"), customer: "C1", amount: .euros(40),
                    productFamily: nil, touchpoint: "counter", channel: .counter, by: Fixture.ana, at: Fixture.now)
            }
            _ = try store.transact(by: Fixture.ana) { state in
                try CustomerRules.edit(
                    "C1", CustomerDraft(consents: [.marketing: true]), in: state, by: Fixture.ana, at: Fixture.now)
            }
            let period = Period.days(30, endingOn: Fixture.today)
            func board() throws -> Scoreboard {
                let state = try store.open()
                return Scoreboard(incidents: state.incidents.summaries, agents: state.agents.sorted, period: period)
            }
            let before = try board()
            let moments = try store.moments(of: "C1")
            #expect(throws: CustomerRefusal.supervisorsOnly("merge customers")) {
                try store.transact(by: Fixture.ana) { state, history in
                    try CustomerRules.merge(
                        keep: "C2", other: "C1", in: state, history: history, by: Fixture.ana, at: Fixture.now
                    ).transaction
                }
            }
            var merge: CustomerRules.Merge?
            let after = try store.transact(by: boss) { state, history in
                let done = try CustomerRules.merge(
                    keep: "C2", other: "C1", in: state, history: history, by: boss, at: Fixture.now)
                merge = done
                return done.transaction
            }
            #expect(merge?.moments == moments.count && merge?.points == 40 && merge?.incidents == 1)
            let kept = try #require(after.customers["C2"])
            let pointer = try #require(after.customers["C1"])
            #expect(kept.loyalty.points == 90 && pointer.loyalty.points == 0)
            #expect(pointer.mergedInto == "C2" && after.customers.summary(of: "C1")?.blocked == true)
            #expect(kept.phone == "+34 600 000 001" && kept.email == "emma@example.com")
            #expect(kept.hasConsented(to: .marketing))
            #expect(after.incidents["I1"]?.customer == "C2")
            #expect(Set(try store.moments(of: "C2").map(\.id)).isSuperset(of: moments.map(\.id)))
            #expect(try StoreChecker.check(directory: directory).problems == [])
            #expect(try board() == before)
            #expect(throws: CustomerRefusal.merged("C1", into: "C2")) {
                try store.transact(by: Fixture.ana) { state in
                    try CustomerRules.edit(
                        "C1", CustomerDraft(fields: [.phone: "611 000 222"]), in: state, by: Fixture.ana,
                        at: Fixture.now)
                }
            }
            let audit = try AuditTrail.lines(in: store, customer: "C2")
            #expect(audit.last?.summary.hasPrefix("merge customer C1 into C2: ") == true)
        }
    }
}

@Suite struct IncidentSurveyTests {
    /// Resolves I1 as ana with a rating, answered by `source` (nil: a bare rating).
    func resolved(_ source: Survey.Source?) throws -> IncidentSummary {
        var book = MemoryBook()
        for incident in Fixture.records().incidents { book.state.apply(.incident(incident)) }
        try book.apply(
            IncidentRules.resolve(
                in: book.state, incident: "I1", playbook: nil, grant: false, rating: 4,
                survey: source.map { SurveyAnswer(score: 4, expectationsMet: false, comment: "tarde", answeredBy: $0) },
                by: Fixture.ana, at: Fixture.now.addingTimeInterval(600)))
        let incident = try #require(book.state.incidents["I1"])
        return incident.summary
    }

    @Test func theCustomersAnswersCountAndTheAgentsJudgementIsKeptApart() throws {
        let period = Period.days(7, endingOn: Fixture.today)
        let agents = Fixture.records().agents
        func ana(_ summary: IncidentSummary) throws -> AgentScore {
            try #require(
                Scoreboard(incidents: [summary], agents: agents, period: period).rows.first { $0.agent == "ana" }
            )
            .current
        }
        let customer = try resolved(.customer)
        #expect(customer.ratingAnsweredBy == .customer)
        let byCustomer = try ana(customer)
        #expect(byCustomer.ratings == 1 && byCustomer.ownRatings == 0)
        let judged = try ana(try resolved(.agent))
        #expect(judged.ratings == 0 && judged.ownRatings == 1)
        // A bare rating recorded by the resolver counts as their own, as before.
        let bare = try resolved(nil)
        let bareScore = try ana(bare)
        #expect(bare.ratingAnsweredBy == nil && bareScore.ownRatings == 1)
    }
}

@Suite struct MergedErasureTests {
    @Test func erasingACustomerErasesTheDuplicatesMergedIntoThem() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            let boss = Author(login: "boss")
            _ = try store.transact(by: boss) { state in
                try CustomerRules.edit(
                    "C1", CustomerDraft(fields: [.phone: "611 987 654"]), in: state, by: boss, at: Fixture.now)
            }
            _ = try store.transact(by: boss) { state, history in
                try CustomerRules.merge(keep: "C2", other: "C1", in: state, history: history, by: boss, at: Fixture.now)
                    .transaction
            }
            let blocked = try store.transact(by: boss) { state in
                try PrivacyRules.block(in: state, customer: "C2", by: boss, at: Fixture.now)
            }
            #expect(blocked.customers["C1"]?.blockedAt != nil)
            _ = try store.erase("C2", by: boss)
            let state = try store.open()
            #expect(state.customers["C1"]?.erasedAt != nil && state.customers["C2"]?.erasedAt != nil)
            // No file of the store holds either record's phone or name any more.
            let files = FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? []
            for file in files {
                guard let data = contents(directory + "/" + file), let text = String(data: data, encoding: .utf8)
                else { continue }
                for secret in ["611 987 654", "+34 600 000 001", "José Núñez", "Emma Smith"] {
                    #expect(!text.contains(secret), "\(file) holds \(secret)")
                }
            }
            #expect(try StoreChecker.check(directory: directory).problems == [])
        }
    }
}

@Suite struct AuditLabelTests {
    @Test func manyMomentsOrPointsMovementsAreCountedNotListed() {
        let moments = (1...5).map { number in
            Change.moment(
                Moment(
                    id: MomentID("C1-M\(number)"), customer: "C1", touchpoint: "counter", at: Fixture.now,
                    channel: .counter, outcome: "", cost: .zero))
        }
        let customer = Change.customer(Customer(id: "C1", name: "José", customerSince: Fixture.today, lifecycle: .new))
        #expect(Change.labels([customer] + moments) == ["customer", "5 moments"])
        #expect(Change.labels([customer] + moments.prefix(2)) == ["customer", "moment C1-M1", "moment C1-M2"])
    }
}

@Suite struct IncidentSheetTests {
    @Test func theSheetSaysWhenItIsDueWhatIsOwedAndEveryNoteWithWhoAndWhen() throws {
        var book = MemoryBook()
        for incident in Fixture.records().incidents { book.state.apply(.incident(incident)) }
        try book.apply(
            IncidentRules.note(
                in: book.state, incident: "I1", text: "Prometido: reenvío gratis", by: Fixture.ana,
                at: Fixture.now.addingTimeInterval(60)))
        let incident = try #require(book.state.incidents["I1"])
        let early = incident.sheet(
            in: book.state, history: book.history(of: incident), at: Fixture.now.addingTimeInterval(3600))
        #expect(early.fields.first { $0.name == "due" }?.value == "2026-11-23 10:00, in 23 h")
        #expect(early.fields.first { $0.name == "owed" } == nil)
        #expect(early.events.map(\.line).last == "2026-11-22 10:01  ana  note  Prometido: reenvío gratis")
        let late = incident.sheet(
            in: book.state, history: book.history(of: incident), at: Fixture.now.addingTimeInterval(2 * 86_400))
        #expect(late.fields.first { $0.name == "due" }?.value == "2026-11-23 10:00, overdue by 24 h")
        #expect(late.fields.first { $0.name == "owed" }?.value.hasPrefix("100 points") == true)
        #expect(early.fields.first { $0.name == "customer" }?.value == "C1 José Núñez")
    }
}

@Suite struct OpeningTests {
    @Test func priorityTightensOrLoosensTheDueTimeAndTheOpenerWorksOnIt() throws {
        var program = Fixture.program
        program.priorityTimes = .demo
        let book = MemoryBook(program: program)
        func open(_ priority: Incident.Priority, _ assignee: IncidentRules.Assignee = .opener) throws -> Incident {
            try IncidentRules.open(
                in: book.state, customer: "C1", touchpoint: "counter", kind: .complaint, subject: "Factura",
                priority: priority, channel: .phone, assignee: assignee, by: Fixture.ana, at: Fixture.now
            ).0
        }
        // The counter's level is 24 h: urgent a quarter, high half, low half as long again.
        let hours = { (incident: Incident) in incident.dueAt.timeIntervalSince(Fixture.now) / 3600 }
        #expect(try hours(open(.normal)) == 24 && hours(open(.urgent)) == 6)
        #expect(try hours(open(.high)) == 12 && hours(open(.low)) == 36)
        let (opened, transaction) = try IncidentRules.open(
            in: book.state, customer: "C1", touchpoint: "counter", kind: .complaint, subject: "Factura",
            priority: .normal, channel: .phone, by: Fixture.ana, at: Fixture.now)
        #expect(opened.assignee == "ana" && opened.channel == .phone)
        // The steps go into the transaction, numbered, beside a record that counts them.
        let steps = transaction.changes.compactMap { if case .incidentEvent(let step) = $0 { step } else { nil } }
        #expect(steps.map(\.kind) == [.opened, .assigned] && steps.map(\.number) == [1, 2] && opened.events == 2)
        #expect(try open(.normal, .nobody).assignee == nil)
        #expect(try open(.normal, .agent("boss")).assignee == "boss")
        #expect(throws: IncidentRefusal.notAnAgent("nobody-here")) { try open(.normal, .agent("nobody-here")) }
        var wrong = program
        wrong.priorityTimes = PriorityTimes(low: 150, normal: 100, high: 0, urgent: 25)
        #expect(
            ProgramRules.problems(wrong, in: book.state) == [
                "priorityTimes.high must be 1 to 1000 (percent of the service-level time)."
            ])
    }
}

@Suite struct HandoverTests {
    @Test func theNewAssigneeReadsTheHandoverNoteFirst() throws {
        var book = MemoryBook()
        for incident in Fixture.records().incidents { book.state.apply(.incident(incident)) }
        try book.apply(
            IncidentRules.assign(
                in: book.state, incident: "I1", to: "boss", handover: " Prometido: reenvío gratis ", by: Fixture.ana,
                at: Fixture.now))
        let incident = try #require(book.state.incidents["I1"])
        let history = book.history(of: incident)
        #expect(history.last?.kind == .handover && history.last?.text == "Prometido: reenvío gratis")
        let sheet = incident.sheet(in: book.state, history: history, at: Fixture.now)
        #expect(sheet.fields[1].name == "handover")
        #expect(sheet.fields[1].value == "from ana, 2026-11-22 10:00: Prometido: reenvío gratis")
        // Handed on again without a note: the old note is no longer the first thing shown.
        try book.apply(
            IncidentRules.assign(in: book.state, incident: "I1", to: "ana", by: Fixture.ana, at: Fixture.now))
        let reassigned = try #require(book.state.incidents["I1"])
        let again = reassigned.sheet(in: book.state, history: book.history(of: reassigned), at: Fixture.now)
        #expect(!again.fields.contains { $0.name == "handover" })
    }
}
