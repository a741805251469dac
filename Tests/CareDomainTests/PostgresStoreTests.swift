import Foundation
import Testing

@testable import CareDomain
@testable import CarePostgres

/// What only a store on a server can meet: a lost connection, a server
/// that is not there, a schema from a newer care.
@Suite(.enabled(if: PostgresBackend.serverURL != nil, PostgresBackend.skipReason))
struct PostgresStoreTests {
    @Test func aWriteWhoseConnectionIsLostIsNotSavedAndTheNextOneReconnects() throws {
        try PostgresBackend().withFixtureStore { sessions in
            let store = try #require(sessions.session() as? PostgresStore)
            _ = try store.open()
            let pids = try store.link.withSQL { sql throws(StoreError) in
                try sql.rows("SELECT pg_backend_pid()").map { row throws(StoreError) in
                    try sql.decode(row, as: Int32.self)
                }
            }
            let pid = try #require(pids.first)
            let admin = PostgresLink(location: store.location)
            defer { admin.close() }
            let lost = #expect(throws: StoreError.self) {
                try store.transact(by: Fixture.ana) { state in
                    // The server drops this session's connection mid-transaction.
                    try admin.withSQL { sql throws(StoreError) in try sql.run("SELECT pg_terminate_backend(\(pid))") }
                    return try IncidentRules.note(
                        in: state, incident: "I1", text: "lost", by: Fixture.ana, at: Fixture.now)
                }
            }
            guard case .unreachable? = lost else {
                Issue.record("expected the store to say it cannot be reached, got \(String(describing: lost))")
                return
            }
            #expect(lost?.description.contains("nothing was changed") == true)
            // Nothing of it was written, and the next write connects again.
            #expect(try sessions.session().journalEntries().count == 1)
            let after = try store.transact(by: Fixture.ana, Fixture.note("kept"))
            #expect(after.seq == 2)
            let incident = try #require(after.incidents["I1"])
            #expect(try store.history(of: incident).compactMap(\.text) == ["kept"])
        }
    }

    /// The text of the customers' records is most of an open's time: a
    /// console's first screen comes without it (the conformance suite
    /// checks the rest of the listing).
    @Test func aListingLeavesTheCustomersRecordsToTheNextRefresh() throws {
        try PostgresBackend().withFixtureStore { sessions in
            let store = sessions.session()
            // Even after a whole open: the listing is what the next refresh starts from.
            _ = try store.open()
            let listing = try store.openListing()
            #expect(!listing.holdsEveryRecord)
            #expect(!listing.customers.holdsRecords)
            #expect(listing.incidents.holdsRecords)
            #expect(throws: StoreError.self) { try listing.customers.find("C1") }
            #expect(
                listing.customers.summary(of: "C1")?.name == Fixture.records().customers.first { $0.id == "C1" }?.name)
            let read = try #require(try store.refresh())
            #expect(read.holdsEveryRecord)
            #expect(try read.customers.find("C1")?.id == "C1")
            // The same customers listed: what a console derived from the listing still fits.
            #expect(read.customers.revision == listing.customers.revision)
            #expect(try store.refresh() == nil)
        }
    }

    /// Its other tables are kept: the refresh reads the customers alone,
    /// then the transactions since the listing, so a change made meanwhile
    /// to a customer or to anything else is in what it gives.
    @Test func theRecordsReadAfterAListingIncludeWhatChangedMeanwhile() throws {
        try PostgresBackend().withFixtureStore { sessions in
            let store = sessions.session()
            let listing = try store.openListing()
            _ = try sessions.session().transact(by: Fixture.ana) { state in
                var customer = try #require(state.customers["C2"])
                customer.version += 1
                customer.name = "Renamed Meanwhile"
                return Transaction(summary: "rename C2", changes: [.customer(customer)])
            }
            _ = try sessions.session().transact(by: Fixture.ana, Fixture.note("meanwhile"))
            let read = try #require(try store.refresh())
            #expect(read.holdsEveryRecord)
            #expect(read.seq == listing.seq + 2)
            #expect(try read.customers.find("C2")?.name == "Renamed Meanwhile")
            #expect(read.customers.summary(of: "C2")?.name == "Renamed Meanwhile")
            #expect(read.incidents["I1"]?.version == 2)
            #expect(read.customers.sorted == (try sessions.session().open()).customers.sorted)
            #expect(read.customers.revision != listing.customers.revision)
        }
    }

    @Test func aNewerSchemaIsRefusedUntouched() throws {
        try PostgresBackend().withFixtureStore { sessions in
            let store = try #require(sessions.session() as? PostgresStore)
            try store.link.withSQL { sql throws(StoreError) in try sql.run("UPDATE care_schema SET version = 99") }
            #expect(
                throws: StoreError.newerFormat(
                    file: store.location.description, found: 99, supported: PostgresSchema.version)
            ) {
                try sessions.session().open()
            }
            #expect(throws: StoreError.self) {
                try sessions.session().transact(by: Fixture.ana, Fixture.note("refused"))
            }
            try store.link.withSQL { sql throws(StoreError) in
                try sql.run("UPDATE care_schema SET version = \(PostgresSchema.version)")
            }
            #expect(try sessions.session().open().seq == 1)
        }
    }

    @Test func aHistoryRowThatDoesNotReadIsNamedWithItsCustomer() throws {
        try PostgresBackend().withFixtureStore { sessions in
            let store = try #require(sessions.session() as? PostgresStore)
            let read = try store.link.withSQL { sql throws(StoreError) in
                try PostgresHistoryBatch(["C1", "C2"], sql)
            }
            #expect(read.moments["C1"]?.count == 1)
            #expect(read.ledgers["C2"]?.count == Fixture.c2Ledger.count)
            // JSON a person wrote by hand, over two lines.
            try store.link.withSQL { sql throws(StoreError) in
                try sql.run("INSERT INTO moments (customer, doc) VALUES ('C2', E'{\"broken\":\n true}')")
            }
            let error = #expect(throws: StoreError.self) {
                try store.link.withSQL { sql throws(StoreError) in _ = try PostgresHistoryBatch(["C1", "C2"], sql) }
            }
            #expect(error?.description.contains("moments (customer C2)") == true)
        }
    }

    @Test func aDatabaseThatHoldsAStoreIsNotMadeAgain() throws {
        try PostgresBackend().withFixtureStore { sessions in
            let store = try #require(sessions.session() as? PostgresStore)
            #expect(throws: StoreError.notEmpty(directory: store.location.description)) {
                try store.create(records: InitialRecords(), summary: "again", by: Fixture.ana)
            }
            #expect(try store.open().customers.count == 2)
        }
    }

    @Test func anEmptyDatabaseIsNoStore() throws {
        try PostgresBackend.withDatabase { location in
            #expect(throws: StoreError.noStore(directory: location.description)) {
                try PostgresStore(location: location).open()
            }
        }
    }

    @Test func aDatabaseThatIsNotThereIsTheServersAnswerNotOffline() throws {
        var location = try PostgresLocation(url: try #require(PostgresBackend.serverURL))
        location.database = "care_no_such_database"
        let error = #expect(throws: StoreError.self) { try PostgresStore(location: location).open() }
        guard case .server? = error else {
            Issue.record("expected the server's refusal, got \(String(describing: error))")
            return
        }
        #expect(error?.isUnreachable == false)
        #expect(error?.description.contains("does not exist") == true)
    }

    @Test func aServerThatIsNotThereIsOneSentence() throws {
        var location = try PostgresLocation(url: try #require(PostgresBackend.serverURL))
        location.endpoint = .socket(directory: "/nonexistent-care-socket")
        let error = #expect(throws: StoreError.self) { try PostgresStore(location: location).open() }
        guard case .unreachable? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("/nonexistent-care-socket") == true)
    }

    /// A console's refresh every second asks the server nothing while no
    /// one writes: it hears of a commit (LISTEN/NOTIFY) and only then asks.
    @Test func aRefreshAsksTheServerOnlyWhenACommitWasHeard() throws {
        try PostgresBackend().withFixtureStore { sessions in
            let watcher = try #require(sessions.session() as? PostgresStore)
            _ = try watcher.open()
            #expect(try watcher.refresh() == nil)
            let asked = watcher.refreshQueries
            for _ in 0..<20 { #expect(try watcher.refresh() == nil) }
            #expect(watcher.refreshQueries == asked)
            _ = try sessions.session().transact(by: Fixture.ana, Fixture.note("heard"))
            let seen = try StoreConformance.within(seconds: 1) { try watcher.refresh() }
            #expect(seen?.seq == 2)
            #expect(watcher.refreshQueries == asked + 1)
        }
    }
}
