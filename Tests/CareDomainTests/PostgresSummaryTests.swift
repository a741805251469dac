import Foundation
import PostgresNIO
import Testing

@testable import CareDomain
@testable import CarePostgres

/// The summaries PostgreSQL keeps beside each record (`StoredSummary`):
/// written with every change, what a session lists its records from, cleared
/// by a change made outside care, compared by `care check` and written again
/// by `care reindex`, which also brings a store of schema 1 up to date.
@Suite(.enabled(if: PostgresBackend.serverURL != nil, PostgresBackend.skipReason))
struct PostgresSummaryTests {
    static let boss = Author(login: "boss")

    static func count(_ query: String, _ store: PostgresStore) throws -> Int {
        try store.link.withSQL { sql throws(StoreError) in
            let rows = try sql.rows(PostgresQuery(unsafeSQL: query))
            guard let row = rows.first else { return -1 }
            return try sql.decode(row, as: Int.self)
        }
    }

    static func unsummarised(_ store: PostgresStore) throws -> Int {
        try count(
            "SELECT (SELECT count(*) FROM customers WHERE summary IS NULL) + (SELECT count(*) FROM incidents WHERE summary IS NULL)",
            store)
    }

    /// C1's stored summary replaced by one that names `name`, as a writer
    /// of care would put it.
    static func forgeSummary(of store: PostgresStore, name: String) throws {
        var customer = try #require(try store.open().customers["C1"])
        customer.name = name
        let forged = try #require(StoredSummary.of([.customer(customer)])[.customers]?.summaries.first)
        try store.link.withSQL { sql throws(StoreError) in
            try sql.inTransaction { () throws(StoreError) in
                try sql.run(PostgresSchema.summariesWritten)
                var binds = PostgresBindings()
                binds.append(ByteBuffer(bytes: forged))
                let entry = PostgresSummaries.entry(version: "version", doc: "doc", summary: "$1")
                try sql.rows(
                    PostgresQuery(unsafeSQL: "UPDATE customers SET summary = \(entry) WHERE id = 'C1'", binds: binds))
            }
        }
    }

    @Test func everyRecordIsWrittenWithItsSummaryAndListedFromIt() throws {
        try PostgresBackend().withFixtureStore { sessions in
            let store = try #require(sessions.session() as? PostgresStore)
            _ = try store.transact(by: Self.boss, Fixture.note("kept"))
            #expect(try Self.unsummarised(store) == 0)
            // A summary that says another name is what a session lists: the
            // list came from the summaries, not from a scan of the JSON.
            try Self.forgeSummary(of: store, name: "Forged Name")
            let state = try sessions.session().open()
            #expect(state.customers.summary(of: "C1")?.name == "Forged Name")
            #expect(try state.customers.find("C1")?.name == "José Núñez")
            // `care check` names it; `care reindex` writes it again.
            let report = try PostgresCheck.check(store)
            #expect(report.problems.count == 1)
            #expect(report.problems.first?.contains("stored summaries of 1 records disagree") == true)
            _ = try store.reindex()
            #expect(try sessions.session().open().customers.summary(of: "C1")?.name == "José Núñez")
            #expect(try PostgresCheck.check(store).isClean)
        }
    }

    @Test func aReportReadsTheCustomersAndIncidentsSummariesAlone() throws {
        try PostgresBackend().withFixtureStore { sessions in
            let store = try #require(sessions.session() as? PostgresStore)
            let whole = try store.open()
            let (state, figures) = try store.openWithFigures()
            SnapshotIndexTests.expectSummariesSame(state.customers, whole.customers)
            SnapshotIndexTests.expectSummariesSame(state.incidents, whole.incidents)
            #expect(throws: StoreError.self) { try state.customers.find("C1") }
            #expect(try state.agents.find("boss")?.role == .supervisor)
            #expect(figures.customers.keys.sorted() == ["C1", "C2"])
            // The store's own state for writing is still read whole.
            let after = try store.transact(by: Self.boss, Fixture.note("after a report"))
            #expect(try after.customers.find("C1")?.name == "José Núñez")
        }
    }

    @Test func aChangeMadeOutsideCareClearsTheSummaryAndTheTableIsReadFromItsJSON() throws {
        try PostgresBackend().withFixtureStore { sessions in
            let store = try #require(sessions.session() as? PostgresStore)
            try store.link.withSQL { sql throws(StoreError) in
                try sql.run(
                    "UPDATE customers SET doc = replace(doc::text, 'José Núñez', 'José Núñez Edited')::json WHERE id = 'C1'"
                )
            }
            #expect(try Self.count("SELECT count(*) FROM customers WHERE summary IS NULL", store) == 1)
            let state = try sessions.session().open()
            #expect(state.customers.summary(of: "C1")?.name == "José Núñez Edited")
            #expect(state.customers.summary(of: "C2")?.name == "Emma Smith")
            // Cleared is no damage; reindex writes it again.
            #expect(try PostgresCheck.check(store).isClean)
            _ = try store.reindex()
            #expect(try Self.unsummarised(store) == 0)
            #expect(try sessions.session().open().customers.summary(of: "C1")?.name == "José Núñez Edited")
        }
    }

    @Test func aStoreOfSchemaOneIsRefusedUntilReindexBringsItUp() throws {
        try PostgresBackend().withFixtureStore { sessions in
            let store = try #require(sessions.session() as? PostgresStore)
            // The tables as care's schema 1 made them.
            try store.link.withSQL { sql throws(StoreError) in
                for collection in Collection.allCases {
                    try sql.run("DROP TRIGGER \(collection.rawValue)_summary ON \(collection.rawValue)")
                    try sql.run("ALTER TABLE \(collection.rawValue) DROP COLUMN summary")
                }
                try sql.run("DROP FUNCTION care_summary_kept()")
                try sql.run("UPDATE care_schema SET version = 1")
            }
            let refused = StoreError.olderSchema(
                store: store.location.description, found: 1, supported: PostgresSchema.version)
            #expect(throws: refused) { try sessions.session().open() }
            #expect(throws: refused) { try sessions.session().transact(by: Self.boss, Fixture.note("refused")) }
            #expect(refused.description.contains("care reindex --store"))
            _ = try store.reindex()
            #expect(try Self.count("SELECT max(version) FROM care_schema", store) == PostgresSchema.version)
            #expect(try Self.unsummarised(store) == 0)
            let state = try sessions.session().transact(by: Self.boss, Fixture.note("after"))
            #expect(state.seq == 2)
            #expect(try PostgresCheck.check(store).isClean)
        }
    }
}
