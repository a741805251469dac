import Foundation
import Synchronization
import Testing

@testable import CareDomain
@testable import CarePostgres

/// A kind of store the conformance suite runs on: it makes the fixture
/// store, and opens more sessions on the same one (what another agent's
/// `care` would be).
protocol StoreBackend: Sendable {
    /// Makes the fixture store, runs `body` with a way to open sessions on
    /// it, and removes it after.
    func withFixtureStore(_ body: (StoreSessions) throws -> Void) throws
}

/// Opens another session on the store under test.
struct StoreSessions: Sendable {
    let open: @Sendable () -> any CareStore
    func session() -> any CareStore { open() }
}

struct FileBackend: StoreBackend {
    func withFixtureStore(_ body: (StoreSessions) throws -> Void) throws {
        try withTemporaryDirectory { directory in
            try Fixture.makeStore(in: directory)
            try body(StoreSessions { FileStore(directory: directory, clock: Fixture.clock) })
        }
    }
}

/// A database of its own per test on the server `CARE_TEST_POSTGRES`
/// names, dropped after.
struct PostgresBackend: StoreBackend {
    static let serverURL = ProcessInfo.processInfo.environment["CARE_TEST_POSTGRES"]
    static let skipReason: Comment =
        "CARE_TEST_POSTGRES is not set: the PostgreSQL conformance tests need a server (see README, \"Testing on PostgreSQL\")"

    func withFixtureStore(_ body: (StoreSessions) throws -> Void) throws {
        try Self.withDatabase { location in
            try PostgresStore(location: location, clock: Fixture.clock).create(
                records: Fixture.records(),
                histories: [.moment(Fixture.c1Moment)] + Fixture.c2Ledger.map(Change.ledger), summary: "fixture",
                by: Author(login: "boss"))
            try body(StoreSessions { PostgresStore(location: location, clock: Fixture.clock) })
        }
    }

    /// An empty database of its own on the test server, dropped after.
    static func withDatabase(_ body: (PostgresLocation) throws -> Void) throws {
        try ScratchDatabase.with(on: try PostgresLocation(url: try #require(serverURL)), body)
    }
}

/// What every store promises, one function per promise, run by each
/// backend's suite below.
enum StoreConformance: String, CaseIterable, Sendable {
    case readsBackAsWritten
    case committedChangesSurviveAReopen
    case aStaleWriteIsRefused
    case refreshSeesAnotherSessionsChange
    case aListingListsEveryRecordAndTheNextRefreshReadsThemAll
    case everyChangeIsJournaledWithWhoAndWhen
    case transactReadsHistoriesAsTheyAreNow
    case aHistoryForAnUnknownCustomerIsRefused
    case concurrentWritersLoseNothing
    case figuresAgreeWithTheHistories
    case erasureLeavesNoTraceButTheFigures

    func run(on backend: any StoreBackend) throws {
        try backend.withFixtureStore { sessions in
            switch self {
            case .readsBackAsWritten: try Self.readsBackAsWritten(sessions)
            case .committedChangesSurviveAReopen: try Self.committedChangesSurviveAReopen(sessions)
            case .aStaleWriteIsRefused: try Self.aStaleWriteIsRefused(sessions)
            case .refreshSeesAnotherSessionsChange: try Self.refreshSeesAnotherSessionsChange(sessions)
            case .aListingListsEveryRecordAndTheNextRefreshReadsThemAll:
                try Self.aListingListsEveryRecordAndTheNextRefreshReadsThemAll(sessions)
            case .everyChangeIsJournaledWithWhoAndWhen: try Self.everyChangeIsJournaledWithWhoAndWhen(sessions)
            case .transactReadsHistoriesAsTheyAreNow: try Self.transactReadsHistoriesAsTheyAreNow(sessions)
            case .aHistoryForAnUnknownCustomerIsRefused: try Self.aHistoryForAnUnknownCustomerIsRefused(sessions)
            case .concurrentWritersLoseNothing: try Self.concurrentWritersLoseNothing(sessions)
            case .figuresAgreeWithTheHistories: try Self.figuresAgreeWithTheHistories(sessions)
            case .erasureLeavesNoTraceButTheFigures: try Self.erasureLeavesNoTraceButTheFigures(sessions)
            }
        }
    }

    static func readsBackAsWritten(_ sessions: StoreSessions) throws {
        let store = sessions.session()
        let state = try store.open()
        let records = Fixture.records()
        #expect(state.customers.sorted == records.customers.sorted { $0.id < $1.id })
        #expect(state.incidents.sorted == records.incidents)
        #expect(state.agents.count == 2)
        #expect(state.program == Fixture.program)
        #expect(state.seq == 1)
        #expect(try store.moments(of: "C1") == [Fixture.c1Moment])
        #expect(try store.ledger(of: "C2") == Fixture.c2Ledger)
        #expect(try store.ledger(of: "C1").isEmpty)
        #expect(try store.incidentEvents(of: "C1").isEmpty)
    }

    static func committedChangesSurviveAReopen(_ sessions: StoreSessions) throws {
        let store = sessions.session()
        let (incident, transaction) = try IncidentRules.open(
            in: try store.open(), customer: "C2", touchpoint: "counter", kind: .inquiry, subject: "Points question",
            priority: .high, channel: .phone, by: Fixture.ana, at: Fixture.now)
        _ = try store.commit(transaction, by: Fixture.ana)
        _ = try store.transact(by: Fixture.ana, Fixture.note("called back"))

        let reopened = sessions.session()
        let state = try reopened.open()
        #expect(state.seq == 3)
        #expect(state.incidents[incident.id] == incident)
        #expect(state.incidents["I1"]?.version == 2)
        let noted = try #require(state.incidents["I1"])
        #expect(try reopened.history(of: noted).last?.text == "called back")
        #expect(try reopened.moments(of: "C2").map(\.incident) == [incident.id])
    }

    static func aStaleWriteIsRefused(_ sessions: StoreSessions) throws {
        let mine = sessions.session()
        let theirs = sessions.session()
        let read = try mine.open()
        _ = try theirs.open()
        _ = try theirs.transact(by: Fixture.ana, Fixture.note("theirs first"))
        // A change made from what was read before theirs.
        let late = try IncidentRules.note(in: read, incident: "I1", text: "mine", by: Fixture.ana, at: Fixture.now)
        #expect(throws: StoreError.stale(collection: .incidents, id: "I1", expected: 1, found: 2)) {
            try mine.commit(late, by: Fixture.ana)
        }
        // Nothing of the refused change was written.
        let state = try sessions.session().open()
        #expect(state.seq == 2)
        let incident = try #require(state.incidents["I1"])
        #expect(try sessions.session().history(of: incident).map(\.text).contains("mine") == false)
    }

    static func refreshSeesAnotherSessionsChange(_ sessions: StoreSessions) throws {
        let watcher = sessions.session()
        _ = try watcher.open()
        #expect(try watcher.refresh() == nil)
        _ = try sessions.session().transact(by: Fixture.ana, Fixture.note("from elsewhere"))
        // Seen within a second (a store on a server hears of it a moment later).
        let seen = try #require(try Self.within(seconds: 1) { try watcher.refresh() })
        #expect(seen.seq == 2)
        #expect(seen.incidents["I1"]?.version == 2)
        #expect(try watcher.refresh() == nil)
    }

    /// A console's first screen (`openListing`): every record's summary,
    /// every table but the customers' whole; when it left records unread,
    /// the next refresh reads the store whole, though nothing changed; a
    /// write made then is checked against the store as it is.
    static func aListingListsEveryRecordAndTheNextRefreshReadsThemAll(_ sessions: StoreSessions) throws {
        let whole = try sessions.session().open()
        let store = sessions.session()
        let listing = try store.openListing()
        #expect(listing.seq == whole.seq)
        #expect(listing.customers.ids == whole.customers.ids)
        for id in whole.customers.ids {
            #expect(listing.customers.summary(of: id) == whole.customers.summary(of: id))
            #expect(listing.customers.version(of: id) == whole.customers.version(of: id))
        }
        #expect(listing.incidents.sorted == whole.incidents.sorted)
        #expect(listing.agents.sorted == whole.agents.sorted)
        #expect(listing.program == whole.program)
        if !listing.holdsEveryRecord {
            let read = try #require(try store.refresh())
            #expect(read.holdsEveryRecord)
            #expect(read.seq == whole.seq)
            #expect(read.customers.sorted == whole.customers.sorted)
        }
        let written = try store.transact(by: Fixture.ana, Fixture.note("after the first screen"))
        #expect(written.holdsEveryRecord)
        #expect(written.incidents["I1"]?.version == 2)
    }

    /// The first non-nil answer of `ask`, asked until `seconds` have passed.
    static func within<T>(seconds: Double, _ ask: () throws -> T?) throws -> T? {
        let end = Date().addingTimeInterval(seconds)
        repeat {
            if let answer = try ask() { return answer }
            Thread.sleep(forTimeInterval: 0.01)
        } while Date() < end
        return nil
    }

    static func everyChangeIsJournaledWithWhoAndWhen(_ sessions: StoreSessions) throws {
        let store = sessions.session()
        _ = try store.open()
        let supervisorAsAna = Author(login: "boss", actingAs: "ana")
        _ = try store.transact(by: supervisorAsAna, Fixture.note("checked"))
        let entries = try store.journalEntries()
        #expect(entries.map(\.seq) == [1, 2])
        let last = try #require(entries.last)
        #expect(last.by == "boss")
        #expect(last.actingAs == "ana")
        #expect(last.at == Fixture.now)
        #expect(last.summary.contains("I1"))
        // The store's first fill holds no change (its records are the
        // snapshot); the note is on C1's incident, and none on C2.
        #expect(try store.journalEntries(concerning: "C1").map(\.seq) == [2])
        #expect(try store.journalEntries(concerning: "C2").isEmpty)
        #expect(try store.journalEntries(concerning: "C9").isEmpty)
    }

    static func transactReadsHistoriesAsTheyAreNow(_ sessions: StoreSessions) throws {
        let store = sessions.session()
        _ = try store.open()
        // Another session adds to C2's ledger after this one opened.
        let other = sessions.session()
        let entry = LedgerEntry(
            id: "C2-L3", customer: "C2", at: Fixture.now, kind: .adjust, points: 5, balanceAfter: 55, reason: "goodwill"
        )
        _ = try other.transact(by: Fixture.ana) { state in
            var customer = try #require(state.customers["C2"])
            customer.version += 1
            customer.loyalty.points = 55
            return Transaction(summary: "adjust C2", changes: [.customer(customer), .ledger(entry)])
        }
        var seen: [LedgerEntry] = []
        let after = try store.transact(by: Fixture.ana) { state, history in
            seen = try history.ledger(of: "C2")
            #expect(state.customers["C2"]?.loyalty.points == 55)
            return Transaction(summary: "nothing", changes: [])
        }
        #expect(seen == Fixture.c2Ledger + [entry])
        // A transaction without changes writes nothing.
        #expect(after.seq == 2)
        #expect(try store.journalEntries().count == 2)
    }

    static func aHistoryForAnUnknownCustomerIsRefused(_ sessions: StoreSessions) throws {
        let store = sessions.session()
        _ = try store.open()
        var moment = Fixture.c1Moment
        moment.id = "C9-M1"
        moment.customer = "C9"
        #expect(throws: StoreError.missing(collection: .customers, id: "C9")) {
            try store.commit(Transaction(summary: "stray", changes: [.moment(moment)]), by: Fixture.ana)
        }
        #expect(try store.moments(of: "C9").isEmpty)
        #expect(try store.journalEntries().count == 1)
    }

    /// Four sessions, each in its own thread, each adding notes to the
    /// same incident: every note is kept, in one order, none twice.
    static func concurrentWritersLoseNothing(_ sessions: StoreSessions) throws {
        let writers = 4
        let notes = 8
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            let store = sessions.session()
            for note in 0..<notes {
                do {
                    _ = try store.transact(by: Fixture.ana, Fixture.note("w\(writer)n\(note)"))
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        #expect(failures.all.isEmpty)
        let store = sessions.session()
        let state = try store.open()
        #expect(state.seq == 1 + writers * notes)
        let incident = try #require(state.incidents["I1"])
        #expect(incident.version == 1 + writers * notes)
        let texts = try store.history(of: incident).compactMap(\.text).filter { $0.hasPrefix("w") }
        #expect(Set(texts).count == writers * notes)
        #expect(texts.count == writers * notes)
        // Each writer's notes in the order it made them.
        for writer in 0..<writers {
            let own = texts.filter { $0.hasPrefix("w\(writer)n") }
            #expect(own == (0..<notes).map { "w\(writer)n\($0)" })
        }
    }

    static func figuresAgreeWithTheHistories(_ sessions: StoreSessions) throws {
        let store = sessions.session()
        let state = try store.open()
        let figures = try store.figures()
        let recomputed = try StoreFigures.recomputed(
            state: state, history: store, today: Fixture.today, cursor: figures.cursor)
        let kept = FiguresTests.canonical(figures, today: Fixture.today)
        #expect(kept == FiguresTests.canonical(recomputed, today: Fixture.today))
        #expect(kept.count == 2)
        // C1's moment is a row of their figures.
        #expect(kept["C1"]?.count == 2)
        // Both at once, as a report reads them: the same.
        let (both, bothFigures) = try sessions.session().openWithFigures()
        #expect(both.seq == state.seq && both.customers.count == state.customers.count)
        #expect(FiguresTests.canonical(bothFigures, today: Fixture.today) == kept)
    }
}

extension StoreConformance {
    /// A blocked customer erased the store's own way: their name and phone
    /// in no record, history or journal entry another session reads; their
    /// anonymous figures kept.
    static func erasureLeavesNoTraceButTheFigures(_ sessions: StoreSessions) throws {
        let store = sessions.session()
        let boss = Author(login: "boss")
        _ = try store.transact(by: boss) { state in
            try MomentRules.log(
                in: state, customer: "C1", touchpoint: "counter", channel: .phone,
                outcome: "José Núñez called from +34 600 000 001", serviceLevelMet: nil, by: boss, at: Fixture.now
            ).transaction
        }
        let rows = try #require(try store.figures().customers["C1"]).rows.count
        _ = try store.transact(by: boss) { state in
            try PrivacyRules.block(in: state, customer: "C1", by: boss, at: Fixture.now)
        }
        switch store {
        case let files as FileStore: _ = try files.erase("C1", by: boss)
        case let server as PostgresStore: _ = try server.erase("C1", by: boss)
        default: Issue.record("no erasure for \(type(of: store))")
        }
        let reader = sessions.session()
        let state = try reader.open()
        let record = try #require(state.customers["C1"])
        #expect(record.erasedAt != nil && !record.name.contains("Núñez"))
        let encoder = CareJSON.encoder()
        var texts = try reader.journalEntries().map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        texts += try reader.moments(of: "C1").map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        texts += try state.incidents.sorted.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        for text in texts {
            #expect(!text.contains("Núñez") && !text.contains("600 000 001"), "\(text.prefix(200))")
        }
        #expect(try reader.figures().customers["C1"]?.rows.count == rows)
    }
}

/// Errors met on several threads, for one expectation after.
final class Failures: Sendable {
    private let kept = Mutex<[String]>([])
    func add(_ failure: String) { kept.withLock { $0.append(failure) } }
    var all: [String] { kept.withLock { $0 } }
}

@Suite struct FileStoreConformanceTests {
    @Test(arguments: StoreConformance.allCases)
    func theFileStoreKeepsItsPromises(_ promise: StoreConformance) throws {
        try promise.run(on: FileBackend())
    }
}

@Suite(.enabled(if: PostgresBackend.serverURL != nil, PostgresBackend.skipReason))
struct PostgresStoreConformanceTests {
    @Test(arguments: StoreConformance.allCases)
    func postgreSQLKeepsTheSamePromises(_ promise: StoreConformance) throws {
        try promise.run(on: PostgresBackend())
    }
}
