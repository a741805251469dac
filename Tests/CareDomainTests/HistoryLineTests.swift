import Foundation
import Testing

@testable import CareDomain

/// The fast history lines are the same JSON as the store's coders, byte for
/// byte, and read back the same values.
@Suite struct HistoryLineTests {
    static let awkward = [
        "", "a", "José Núñez", "quote \" and \\ backslash", "slash / and tab\t", "new\nline\r", "\u{01}\u{1F}\u{7F}",
        "emoji 👍🏽", "\u{2028}\u{2029}", "ñ/€", "{\"json\":1}",
    ]

    struct Dice {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(1, bound)))
        }
        mutating func text() -> String { HistoryLineTests.awkward[next(HistoryLineTests.awkward.count)] }
        mutating func maybe<T>(_ value: T) -> T? { next(2) == 0 ? nil : value }
    }

    static func moment(_ dice: inout Dice) -> Moment {
        let at = Date(timeIntervalSince1970: Double(dice.next(2_000_000_000)) + Double(dice.next(1000)) / 1000)
        let survey = Survey(
            score: 1 + dice.next(5), expectationsMet: dice.maybe(dice.next(2) == 0), comment: dice.maybe(dice.text()),
            answeredBy: dice.next(2) == 0 ? .customer : .agent, recordedBy: AgentID(dice.text()), at: at)
        return Moment(
            id: MomentID(dice.text()), customer: CustomerID(dice.text()), touchpoint: TouchpointID(dice.text()), at: at,
            channel: Channel.allCases[dice.next(Channel.allCases.count)], agent: dice.maybe(AgentID(dice.text())),
            outcome: dice.text(), cost: Cents(dice.next(100_000) - 500), serviceLevelMet: dice.maybe(dice.next(2) == 0),
            satisfaction: dice.maybe(dice.next(6)), amount: dice.maybe(Cents(dice.next(1_000_000) - 50_000)),
            productFamily: dice.maybe(dice.text()), incident: dice.maybe(IncidentID(dice.text())),
            returnOf: dice.maybe(MomentID(dice.text())), surveyOf: dice.maybe(MomentID(dice.text())),
            survey: dice.maybe(survey))
    }

    static func entry(_ dice: inout Dice) -> LedgerEntry {
        LedgerEntry(
            id: LedgerEntryID(dice.text()), customer: CustomerID(dice.text()),
            at: Date(timeIntervalSince1970: Double(dice.next(2_000_000_000)) + Double(dice.next(1000)) / 1000),
            kind: LedgerEntry.Kind.allCases[dice.next(LedgerEntry.Kind.allCases.count)],
            points: dice.next(10_000) - 5000,
            balanceAfter: dice.next(100_000), reason: dice.text(),
            expiresOn: dice.maybe(Day(daysSinceEpoch: dice.next(30_000))), moment: dice.maybe(MomentID(dice.text())),
            incident: dice.maybe(IncidentID(dice.text())), reward: dice.maybe(RewardID(dice.text())),
            money: dice.maybe(Cents(dice.next(10_000))), by: dice.maybe(AgentID(dice.text())))
    }

    static func step(_ dice: inout Dice) -> IncidentEvent {
        IncidentEvent(
            incident: IncidentID(dice.text()), number: dice.next(1000) - 10, customer: CustomerID(dice.text()),
            event: Incident.Event(
                at: Date(timeIntervalSince1970: Double(dice.next(2_000_000_000)) + Double(dice.next(1000)) / 1000),
                by: AgentID(dice.text()),
                kind: Incident.EventKind.allCases[dice.next(Incident.EventKind.allCases.count)],
                text: dice.maybe(dice.text())))
    }

    func check<T: HistoryLine & Equatable>(_ value: T) throws {
        let coded = try CareJSON.encoder().encode(value)
        var bytes: [UInt8] = []
        value.appendLine(to: &bytes)
        #expect(
            bytes == Array(coded),
            "\(String(decoding: bytes, as: UTF8.self))\n\(String(decoding: coded, as: UTF8.self))")
        let read = coded.withUnsafeBytes { T.fromLine($0) }
        #expect(read == (try CareJSON.decoder().decode(T.self, from: coded)))
    }

    @Test func fastLinesAreTheCodersLinesAndReadBackTheSame() throws {
        var dice = Dice(state: 42)
        for _ in 0..<400 {
            try check(Self.moment(&dice))
            try check(Self.entry(&dice))
            try check(Self.step(&dice))
        }
        // A kind no care knows is left to the decoder, which names it.
        let unknown =
            #"{"at":"2026-01-19T12:51:56.146Z","by":"ana","customer":"C1","incident":"I1","kind":"teleported","number":2}"#
        #expect(Data(unknown.utf8).withUnsafeBytes { IncidentEvent.fromLine($0) } == nil)
    }

    /// A journal line of customers and history entries is the encoder's,
    /// byte for byte; one holding any other change is left to the encoder.
    @Test func journalLinesWrittenByHandAreTheEncodersLines() throws {
        var dice = Dice(state: 11)
        let encoder = CareJSON.encoder()
        for _ in 0..<200 {
            let changes: [Change] = (0..<dice.next(5)).map { _ in
                switch dice.next(4) {
                case 0: .customer(CustomerLineTests.customer(&dice))
                case 1: .moment(Self.moment(&dice))
                case 2: .ledger(Self.entry(&dice))
                default: .incidentEvent(Self.step(&dice))
                }
            }
            let entry = JournalEntry(
                seq: dice.next(1_000_000), at: Date(timeIntervalSince1970: Double(dice.next(2_000_000_000))),
                author: Author(login: dice.text(), actingAs: dice.maybe(AgentID(dice.text()))), summary: dice.text(),
                changes: changes, fields: dice.maybe([dice.text(), dice.text()]))
            let coded = try encoder.encode(entry)
            let bytes = try #require(entry.handLine())
            #expect(
                bytes == Array(coded),
                "\(String(decoding: bytes, as: UTF8.self))\n\(String(decoding: coded, as: UTF8.self))")
        }
        let other = JournalEntry(
            seq: 1, at: Date(timeIntervalSince1970: 0), author: Author(login: "ana"), summary: "x",
            changes: [
                .customer(CustomerLineTests.customer(&dice)),
                .agent(Agent(id: "ana", name: "Ana", role: .agent, area: "Counter", authorityLimit: .euros(20))),
            ])
        #expect(other.handLine() == nil)
    }

    /// What the fast path does not take whole goes to `JSONDecoder`, which
    /// names what is wrong (the damage tests hold the sentences).
    @Test func linesTheFastPathDoesNotTakeAreLeftToTheDecoder() {
        let lines = [
            #"{"at":"2026-01-19T12:51:56.146Z","channel":"counter","cost":"200","customer":"C1","id":"M1","outcome":"x","touchpoint":"t"}"#,
            #"{"at":"2026-01-19T12:51:56.146Z","channel":"pigeon","cost":200,"customer":"C1","id":"M1","outcome":"x","touchpoint":"t"}"#,
            #"{"at":"2026-01-19","channel":"counter","cost":200,"customer":"C1","id":"M1","outcome":"x","touchpoint":"t"}"#,
            #"{"at":"2026-01-19T12:51:56.146Z","channel":"counter","cost":200,"customer":"C1","id":"M1","outcome":"x","touchpoint":"t","survey":{}}"#,
            #"{"at":"2026-01-19T12:51:56.146Z","channel":"counter","cost":2.5,"customer":"C1","id":"M1","outcome":"x","touchpoint":"t"}"#,
            #"{"at":"2026-01-19T12:51:56.146Z","channel":"counter","cost":200,"customer":"C1","id":"M1","touchpoint":"t"}"#,
        ]
        for line in lines {
            let data = Data(line.utf8)
            #expect(data.withUnsafeBytes { Moment.fromLine($0) } == nil, "\(line)")
            #expect((try? CareJSON.decoder().decode(Moment.self, from: data)) == nil, "\(line)")
        }
        let good = Data(
            #"{"at":"2026-01-19T12:51:56.146Z","channel":"counter","cost":200,"customer":"C1","id":"M1","outcome":"x","touchpoint":"t","survey":null,"extra":[1,{"a":2}]}"#
                .utf8)
        #expect(
            good.withUnsafeBytes { Moment.fromLine($0) } == (try? CareJSON.decoder().decode(Moment.self, from: good)))
    }
}

/// Customers read by hand are the customers `JSONDecoder` reads.
@Suite struct CustomerLineTests {
    @Test func everySeededCustomerReadsTheSameByHandAndByTheDecoder() throws {
        try withTemporaryDirectory { directory in
            let store = try FiguresTests.seeded(directory, customers: 300)
            let state = try store.open()
            let encoder = CareJSON.encoder()
            var checked = 0
            for summary in state.customers.summaries {
                var customer = try #require(state.customers[summary.id])
                // Every optional field set, with awkward text, on some of them.
                if checked % 3 == 0 {
                    customer.lifecycleNote = "nota \"entre comillas\" \\ y\nsalto 👍🏽 \u{1}"
                    customer.socialHandles = [SocialHandle(network: "x", handle: "@ñandú/1")]
                    customer.tastes = ["café", ""]
                    customer.mergedInto = "C000001"
                    customer.blockedAt = Fixture.now
                    customer.erasedAt = Fixture.now
                    customer.maritalStatus = MaritalStatus.allCases.first
                    customer.preferredChannel = .email
                }
                let line = try encoder.encode(customer)
                let byHand = line.withUnsafeBytes { Customer.fromLine($0) }
                #expect(byHand == (try CareJSON.decoder().decode(Customer.self, from: line)), "\(summary.id)")
                checked += 1
            }
            #expect(checked == 300)
        }
    }

    static func customer(_ dice: inout HistoryLineTests.Dice) -> Customer {
        func day() -> Day { Day(daysSinceEpoch: dice.next(30_000)) }
        func instant() -> Date {
            Date(timeIntervalSince1970: Double(dice.next(2_000_000_000)) + Double(dice.next(1000)) / 1000)
        }
        func texts() -> [String]? { dice.maybe((0..<dice.next(4)).map { _ in dice.text() }) }
        var customer = Customer(
            id: CustomerID(dice.text()), version: dice.next(1000), name: dice.text(), phone: dice.maybe(dice.text()),
            email: dice.maybe(dice.text()), preferredChannel: dice.maybe(Channel.allCases[dice.next(8)]),
            birthDate: dice.maybe(day()), occupation: dice.maybe(dice.text()),
            maritalStatus: dice.maybe(MaritalStatus.allCases[dice.next(MaritalStatus.allCases.count)]),
            tastes: texts(), interests: texts(), hobbies: texts(), usualProducts: texts(),
            socialHandles: dice.maybe(
                (0..<dice.next(3)).map { _ in SocialHandle(network: dice.text(), handle: dice.text()) }),
            customerSince: day(), lifecycle: LifecycleStage.allCases[dice.next(LifecycleStage.allCases.count)],
            consents: dice.maybe(
                (0..<dice.next(4)).map { _ in
                    Consent(
                        purpose: ConsentPurpose.allCases[dice.next(3)], granted: dice.next(2) == 0, at: instant(),
                        by: dice.maybe(AgentID(dice.text())))
                }),
            loyalty: LoyaltyStanding(
                points: dice.next(100_000) - 100, tier: dice.maybe(TierID(dice.text())), tierSince: dice.maybe(day()),
                tierUntil: dice.maybe(day()), lastActivity: dice.maybe(day())))
        customer.lifecycleSince = dice.maybe(day())
        customer.lastPurchase = dice.maybe(day())
        customer.lifecycleNote = dice.maybe(dice.text())
        customer.mergedInto = dice.maybe(CustomerID(dice.text()))
        customer.blockedAt = dice.maybe(instant())
        customer.erasedAt = dice.maybe(instant())
        return customer
    }

    /// The hand writer's line is the encoder's, byte for byte, for every
    /// field present or absent, empty lists, and awkward text.
    @Test func customersWrittenByHandAreTheEncodersLines() throws {
        var dice = HistoryLineTests.Dice(state: 7)
        let encoder = CareJSON.encoder()
        for _ in 0..<400 {
            let customer = Self.customer(&dice)
            let coded = try encoder.encode(customer)
            var bytes: [UInt8] = []
            customer.appendLine(to: &bytes)
            #expect(
                bytes == Array(coded),
                "\(String(decoding: bytes, as: UTF8.self))\n\(String(decoding: coded, as: UTF8.self))")
        }
    }

    @Test func aCustomerTheHandReaderIsNotSureOfGoesToTheDecoder() {
        let base =
            #"{"customerSince":"2024-01-01","id":"C1","lifecycle":"active","loyalty":{"points":5},"name":"Ana","version":1"#
        let lines = [
            base + #","version":2}"#,  // a key twice
            #"{"customerSince":"2024-01-01","id":"C1","lifecycle":"asleep","loyalty":{"points":5},"name":"Ana","version":1}"#,
            #"{"customerSince":"2024-01-01","id":"C1","lifecycle":"active","loyalty":{},"name":"Ana","version":1}"#,
            #"{"customerSince":"2024-01-01","id":"C1","lifecycle":"active","loyalty":{"points":5},"name":"Ana","version":"1"}"#,
            base + #","tastes":["a",1]}"#,
            base + #","consents":[{"purpose":"service","granted":true}]}"#,
            base + #","phone":"\ud83d"}"#,
        ]
        for line in lines {
            let data = Data(line.utf8)
            #expect(data.withUnsafeBytes { Customer.fromLine($0) } == nil, "\(line)")
        }
        let tolerated = Data((base + #","phone":null,"unknown":{"a":[1,2,{"b":null}]},"email":"a\/b\u00e9"}"#).utf8)
        let byHand = tolerated.withUnsafeBytes { Customer.fromLine($0) }
        #expect(byHand != nil)
        #expect(byHand == (try? CareJSON.decoder().decode(Customer.self, from: tolerated)))
    }
}
