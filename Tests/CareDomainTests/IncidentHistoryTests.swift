import Foundation
import Testing

@testable import CareDomain

/// An incident's history is kept in its customer's `incident-events/` file,
/// not in the incident's snapshot line.
@Suite struct IncidentHistoryTests {
    static let opened = Incident.Event(at: Fixture.now, by: "ana", kind: .opened, text: "Late delivery")
    static let promised = Incident.Event(
        at: Fixture.now.addingTimeInterval(60), by: "ana", kind: .note, text: "promised a call")

    /// A store as an earlier care wrote it: I1 carries its two steps in its
    /// record, and there is no `incident-events/` directory yet.
    func storeFromBeforeHistoriesWereKeptApart(in directory: String) throws -> FileStore {
        let store = FileStore(directory: directory, clock: Fixture.clock)
        try store.create(by: Author(login: "boss")) { writer in
            try writer.write("C1", moments: [Fixture.c1Moment], ledger: [])
            try writer.write("C2", moments: [], ledger: Fixture.c2Ledger)
            var records = Fixture.records()
            records.incidents[0].embeddedHistory = [Self.opened, Self.promised]
            records.incidents[0].events = 2
            return (records, "fixture")
        }
        try FileManager.default.removeItem(atPath: directory + "/incident-events")
        return store
    }

    @Test func anEarlierStoresIncidentHistoriesMoveToTheCustomersFileAtTheNextCompaction() throws {
        try withTemporaryDirectory { directory in
            let store = try storeFromBeforeHistoriesWereKeptApart(in: directory)
            #expect(try text(directory + "/incidents.json").contains("\"history\":"))
            // Read as it is; a step added is numbered after what the record carries.
            _ = try store.transact(by: Fixture.ana, Fixture.note("third"))
            let texts = ["Late delivery", "promised a call", "third"]
            #expect(try store.steps(of: "I1").compactMap(\.text) == texts)
            let version = try #require(try store.open().incidents["I1"]?.version)

            // A crash after the steps were folded but before the snapshot was
            // replaced leaves both: each step is read once, and check is clean.
            let carrying = try #require(contents(directory + "/incidents.json"))
            try store.compact()
            try carrying.write(to: URL(fileURLWithPath: directory + "/incidents.json"))
            #expect(try FileStore(directory: directory).steps(of: "I1").compactMap(\.text) == texts)
            #expect(try StoreChecker.check(directory: directory).isClean)

            try FileStore(directory: directory, clock: Fixture.clock).compact()
            #expect(!(try text(directory + "/incidents.json").contains("\"history\":")))
            let fresh = FileStore(directory: directory)
            let incident = try #require(try fresh.open().incidents["I1"])
            // Only where the history is kept moved: the record is the same version.
            #expect(incident.version == version && incident.embeddedHistory == nil && incident.events == 3)
            #expect(try fresh.steps(of: "I1").compactMap(\.text) == texts)
            #expect(try fresh.incidentEvents(of: "C1").map(\.number).sorted() == [1, 2, 3])
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }

    @Test func aMergeTakesTheIncidentsStepsToTheKeptCustomer() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            _ = try store.transact(by: Fixture.ana, Fixture.note("promised a call"))
            let boss = Author(login: "boss")
            _ = try store.transact(by: boss) { state, history in
                try CustomerRules.merge(keep: "C2", other: "C1", in: state, history: history, by: boss, at: Fixture.now)
                    .transaction
            }
            try store.compact()
            let fresh = FileStore(directory: directory)
            #expect(try fresh.open().incidents["I1"]?.customer == "C2")
            #expect(try fresh.steps(of: "I1").compactMap(\.text) == ["promised a call"])
            #expect(try fresh.incidentEvents(of: "C2").allSatisfy { $0.customer == "C2" && $0.incident == "I1" })
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }

    @Test func checkNamesAnIncidentWhoseStepsAreMissing() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            _ = try store.transact(by: Fixture.ana, Fixture.note("first"))
            _ = try store.transact(by: Fixture.ana, Fixture.note("second"))
            try store.compact()
            #expect(try StoreChecker.check(directory: directory).isClean)
            let file = store.layout.history(.incidentEvents, of: "C1")
            let lines = try text(file).split(separator: "\n")
            try (lines.dropFirst().joined(separator: "\n") + "\n").write(
                toFile: file, atomically: true, encoding: .utf8)
            let problems = try StoreChecker.check(directory: directory).problems
            #expect(
                problems.contains {
                    $0.hasPrefix("Incident I1 counts 2 steps but incident-events/") && $0.contains("lacks 1 of them")
                }, "\(problems)")
        }
    }

    @Test func erasureLeavesWhoDidWhatAndWhenButNotWhatWasNoted() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            _ = try store.transact(by: Fixture.ana, Fixture.note("José lives at Calle Mayor 5"))
            try store.compact()
            let boss = Author(login: "boss")
            _ = try store.transact(by: boss) {
                try PrivacyRules.block(in: $0, customer: "C1", by: boss, at: Fixture.now)
            }
            _ = try store.erase("C1", by: boss)
            let steps = try FileStore(directory: directory).incidentEvents(of: "C1")
            #expect(steps.map(\.kind) == [.note] && steps.map(\.by) == ["ana"] && steps.allSatisfy { $0.text == nil })
            let file = store.layout.history(.incidentEvents, of: "C1")
            #expect(!(try text(file).contains("Calle Mayor")))
        }
    }
}
