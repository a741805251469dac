import Foundation
import Testing

@testable import CareDomain

@Suite struct PrivacyTests {
    static let boss = Author(login: "boss")

    /// The fixture store with a life for José Núñez (C1): an import that
    /// set his email, an incident whose subject and note name him, a
    /// purchase, a supervisor's adjustment naming him, a coupon, part of it
    /// folded by a compaction and part still in the journal, and a torn
    /// journal tail that quotes him.
    func storeWithAHistory(_ directory: String) throws -> FileStore {
        let store = try Fixture.makeStore(in: directory)
        _ = try CustomerImport(
            csv: Data("id,name,email,occupation\nC1,José Núñez,jose.nunez@example.es,fontanero\n".utf8)
        )
        .run(on: store, by: Self.boss, source: "alta.csv", at: Fixture.now)
        _ = try store.transact(by: Fixture.ana) {
            try IncidentRules.note(
                in: $0, incident: "I1", text: "José Núñez llamó desde el +34 600 000 001", by: Fixture.ana,
                at: Fixture.now)
        }
        _ = try store.transact(by: Fixture.ana) { state, history in
            try LoyaltyRules.purchase(
                in: state, ledger: try history.ledger(of: "C1"), customer: "C1", amount: .euros(80),
                productFamily: "hogar", touchpoint: "counter",
                channel: .counter, by: Fixture.ana, at: Fixture.now)
        }
        try store.compact()
        _ = try store.transact(by: Self.boss) { state, history in
            try LoyaltyRules.adjust(
                in: state, ledger: try history.ledger(of: "C1"), customer: "C1", points: 5,
                reason: "gesto con José Núñez", by: Self.boss, at: Fixture.now)
        }
        _ = try store.transact(by: Fixture.ana) {
            try IncidentRules.resolve(
                in: $0, incident: "I1", playbook: nil, grant: false, rating: 4, by: Fixture.ana, at: Fixture.now)
        }
        let coupon = Coupon(
            id: "CP-1", customer: "C1", discountPercent: 10, validFrom: Fixture.today,
            validUntil: Fixture.today.adding(days: 30), reason: "late")
        _ = try store.commit(Transaction(summary: "coupon", changes: [.coupon(coupon)]), by: Self.boss)
        let journal = try #require(
            try FileManager.default.contentsOfDirectory(atPath: directory + "/journal").first { $0.hasSuffix(".jsonl") }
        )
        let handle = try #require(FileHandle(forWritingAtPath: directory + "/journal/" + journal))
        try handle.seekToEnd()
        try handle.write(
            contentsOf: Data("{\"changes\":[{\"customer\":{\"name\":\"José Núñez\",\"phone\":\"+34 600".utf8))
        try handle.close()
        _ = try store.transact(by: Fixture.ana, Fixture.note("after the torn tail"))  // sets the tail aside
        return store
    }

    @Test func aPersonsExportHoldsEverythingAboutThem() throws {
        try withTemporaryDirectory { directory in
            let store = try storeWithAHistory(directory)
            let document = try PersonalDataExport.of("C1", in: store, at: Fixture.now)
            #expect(document.customer.email == "jose.nunez@example.es")
            #expect(document.moments.map(\.id) == (try store.moments(of: "C1")).map(\.id))
            #expect(document.moments.count == 2)  // the fixture's and the purchase
            #expect(document.ledger.map(\.points) == [80, 5])
            #expect(document.incidents.map(\.id) == ["I1"])
            #expect(document.coupons.map(\.id) == ["CP-1"])
            let expected = try store.journalEntries().filter { entry in entry.changes.contains { $0.customer == "C1" } }
                .map(\.seq)
            #expect(document.audit.map(\.seq) == expected)
            #expect(document.audit.count == 7)
            #expect(document.audit.first?.summary.hasPrefix("import customers from alta.csv") == true)
            #expect(document.audit.contains { $0.by == "boss" && $0.changed.contains("points C1-v4-1") })
            let json = try JSONSerialization.jsonObject(with: document.json()) as? [String: Any]
            #expect(
                Set(json?.keys.map { $0 } ?? []) == [
                    "exportedAt", "customer", "moments", "ledger", "incidents", "incidentEvents", "coupons", "audit",
                ])
        }
    }

    @Test func erasureBlocksFirstThenLeavesNoTraceButKeepsTheFigures() throws {
        try withTemporaryDirectory { directory in
            let store = try storeWithAHistory(directory)
            let figures = try anonymousFigures(store)
            #expect(throws: PrivacyRefusal.notBlocked("C1")) { try store.erase("C1", by: Self.boss) }
            #expect(throws: PrivacyRefusal.supervisorsOnly) {
                try PrivacyRules.block(in: try store.open(), customer: "C1", by: Fixture.ana, at: Fixture.now)
            }
            _ = try store.transact(by: Self.boss) {
                try PrivacyRules.block(in: $0, customer: "C1", by: Self.boss, at: Fixture.now)
            }
            #expect(try store.open().customers.summary(of: "C1")?.blocked == true)
            #expect(throws: IncidentRefusal.blockedCustomer("C1")) {
                try IncidentRules.open(
                    in: try store.open(), customer: "C1", touchpoint: "counter", kind: .inquiry, subject: "x",
                    priority: .low, channel: .phone, by: Fixture.ana, at: Fixture.now)
            }

            let erasure = try store.erase("C1", by: Self.boss)
            #expect(erasure.journalLinesRewritten >= 6)
            for needle in ["José Núñez", "jose.nunez@example.es", "+34 600 000 001", "600 000 001", "fontanero"] {
                #expect(
                    filesContaining(needle, under: directory).isEmpty,
                    "\(needle) is still in \(filesContaining(needle, under: directory))")
            }
            #expect(try StoreChecker.check(directory: directory).problems == [])
            let fresh = FileStore(directory: directory, clock: Fixture.clock)
            #expect(try anonymousFigures(fresh) == figures)
            let kept = try #require(try fresh.open().customers["C1"])
            #expect(kept.name == PrivacyRules.erasedName)
            #expect(kept.phone == nil && kept.email == nil && kept.occupation == nil && kept.consents == nil)
            #expect(kept.loyalty.points == 85)
            #expect(try fresh.ledger(of: "C1").map(\.points) == [80, 5])
            // A second run finds nothing left to do.
            let again = try fresh.erase("C1", by: Self.boss)
            #expect(again.recordsWereErased && again.filesRewritten.isEmpty && again.journalLinesRewritten == 0)
            // Other sessions' offsets into the journal still hold: it reads on.
            _ = try store.transact(by: Fixture.ana, Fixture.note("after the erasure"))
            #expect(try FileStore(directory: directory).steps(of: "I1").last?.text == "after the erasure")
        }
    }

    /// What agent scores and reports count, per incident and per moment.
    func anonymousFigures(_ store: FileStore) throws -> [String] {
        let state = try store.open()
        let incidents = try state.incidents.sorted.map { incident in
            let history = try store.history(of: incident)
            return
                "\(incident.id) \(incident.status) \(incident.assignee?.rawValue ?? "-") \(incident.openedAt) \(incident.dueAt) \(incident.contacts) "
                + "\(incident.resolution.map { "\($0.at) \($0.by)" } ?? "-") \(incident.rating?.score ?? 0) \(incident.compensation?.compensation.value.rawValue ?? 0) "
                + "\(history.map { "\($0.kind) \($0.by)" })"
        }
        let moments = try state.customers.ids.sorted().flatMap { id in
            try store.moments(of: id).map {
                "\($0.id) \($0.at) \($0.touchpoint) \($0.cost.rawValue) \($0.amount?.rawValue ?? 0) \($0.satisfaction ?? 0) \($0.agent?.rawValue ?? "-")"
            }
        }
        return incidents + moments
    }

    func filesContaining(_ needle: String, under directory: String) -> [String] {
        let bytes = Data(needle.utf8)
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: directory + "/" + relative), data.range(of: bytes) != nil
            {
                found.append(relative)
            }
        }
        return found
    }
}

@Suite struct RosterRulesTests {
    @Test func aSupervisorChangesTheCatalogAndABadTouchpointIsRefusedWhole() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            var faster = Fixture.counter
            faster.serviceLevel = ServiceLevel(promise: "within 4 h", responseMinutes: 240)
            #expect(throws: RosterRefusal.supervisorsOnly("change the touchpoint catalog")) {
                try RosterRules.setTouchpoint(faster, in: try store.open(), by: Fixture.ana)
            }
            let state = try store.transact(by: Author(login: "boss")) {
                try RosterRules.setTouchpoint(faster, in: $0, by: Author(login: "boss"))
            }
            #expect(state.touchpoints["counter"]?.version == 2)
            #expect(state.touchpoints["counter"]?.serviceLevel.responseMinutes == 240)
            var bad = faster
            bad.impact = 9
            bad.serviceLevel.responseMinutes = 0
            bad.ownerArea = " "
            #expect(
                throws: RosterRefusal.badTouchpoint([
                    "It needs an owner area (rule 1).", "impact must be 1 to 5, not 9.",
                    "serviceLevel.responseMinutes must be at least 1.",
                ])
            ) { try RosterRules.setTouchpoint(bad, in: state, by: Author(login: "boss")) }
            // New incidents at the counter are now due in 4 hours.
            let (incident, _) = try IncidentRules.open(
                in: state, customer: "C1", touchpoint: "counter", kind: .inquiry, subject: "¿Horario?", priority: .low,
                channel: .counter,
                by: Fixture.ana, at: Fixture.now)
            #expect(incident.dueAt == Fixture.now.addingTimeInterval(4 * 3600))
        }
    }
}
