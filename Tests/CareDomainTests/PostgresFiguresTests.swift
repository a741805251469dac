import Foundation
import PostgresNIO
import Testing

@testable import CareDomain
@testable import CarePostgres

/// The figures and erasure on PostgreSQL: kept in the same transaction as
/// each change, equal to a full recomputation from the history tables; an
/// erased person found in no table and no table file.
@Suite(.enabled(if: PostgresBackend.serverURL != nil, PostgresBackend.skipReason))
struct PostgresFiguresTests {
    static let boss = FiguresTests.boss

    /// The file store's property test (`FiguresTests`), on a store migrated
    /// to PostgreSQL: every kind of change, a program's own rebuild
    /// (`compactIfDue`) and `care reindex` in between.
    @Test(arguments: [1, 2] as [UInt64])
    func theKeptFiguresEqualARecomputationAfterAnySequenceOfChanges(seed: UInt64) throws {
        try withTemporaryDirectory { directory in
            let files = try FiguresTests.seeded(directory, customers: 30)
            try PostgresBackend.withDatabase { location in
                let store = PostgresStore(location: location, clock: Fixture.clock)
                _ = try StoreMigration.copy(from: files, to: store, by: Self.boss, from: directory)
                var dice = FiguresTests.Dice(state: seed)
                var now = Fixture.now
                var done: [String: Int] = [:]
                for step in 0..<90 {
                    now = now.addingTimeInterval(Double(dice.next(30_000)))
                    let ids = try store.open().customers.summaries { !$0.blocked }.map(\.id).sorted()
                    guard ids.count > 2 else { break }
                    let customer = ids[dice.next(ids.count)]
                    let kind = dice.next(11)
                    let made: Bool
                    if kind == 10 {
                        _ = try store.reindex()
                        made = true
                    } else {
                        made = try RandomChange(kind: kind).make(
                            on: store, customer: customer, customers: ids, dice: &dice, now: now, by: Self.boss,
                            erase: { _ = try store.erase($0, by: Self.boss) })
                    }
                    if made { done["\(kind)", default: 0] += 1 }
                    let kept = FiguresTests.canonical(try store.figures(), today: Fixture.today)
                    let fresh = FiguresTests.canonical(
                        try StoreFigures.recomputed(
                            state: try PostgresStore(location: location).open(), history: store, today: Fixture.today,
                            cursor: .start),
                        today: Fixture.today)
                    let differing = Set(kept.keys).union(fresh.keys).filter { kept[$0] != fresh[$0] }.sorted()
                    #expect(differing.isEmpty, "step \(step), change \(kind): \(differing.prefix(3))")
                    if !differing.isEmpty { return }
                }
                #expect(done.count == 11, "\(done)")
            }
        }
    }

    /// A store of schema 2 holds its figures' rows fixed-width, as
    /// `figures.bin` does: refused (not misread) until `care reindex`
    /// writes them compact, after which they read as they did.
    @Test func figuresOfSchemaTwoAreRefusedUntilReindexWritesThemCompact() throws {
        try PostgresBackend().withFixtureStore { sessions in
            let store = try #require(sessions.session() as? PostgresStore)
            let before = try store.figures()
            #expect(before.customers.values.contains { !$0.rows.isEmpty })
            // Each block as schema 2 wrote it: figures.bin's block of that customer.
            try store.link.withSQL { sql throws(StoreError) in
                for (id, customer) in before.customers {
                    var one = StoreFigures()
                    one.customers[id] = customer
                    let file = try FiguresFile.encode(one)
                    let headerLength = file[8..<12].reversed().reduce(0) { $0 << 8 | Int($1) }
                    let block = ByteBuffer(bytes: file[(12 + headerLength + 8)..<(file.count - 8)])
                    try sql.rows("UPDATE figures SET block = \(block) WHERE customer = \(id.rawValue)")
                }
                try sql.run("UPDATE care_schema SET version = 2")
            }
            let refused = StoreError.olderSchema(store: store.location.description, found: 2, supported: 3)
            #expect(throws: refused) { try sessions.session().figures() }
            #expect(throws: refused) { try sessions.session().openWithFigures() }
            _ = try store.reindex()
            #expect(try PostgresSummaryTests.count("SELECT max(version) FROM care_schema", store) == 3)
            #expect(try sessions.session().figures().customers == before.customers)
        }
    }

    /// A quiet expiry run reads the figures' days, not every ledger; after
    /// another program they are not trusted until the store works them out
    /// again, which it does on its own after the next write.
    @Test func anotherProgramIsTrustedAgainOnceTheStoreWorksTheFiguresOut() throws {
        try PostgresBackend().withFixtureStore { sessions in
            let store = try #require(sessions.session() as? PostgresStore)
            let state = try store.open()
            var program = try #require(state.program)
            #expect(try store.figures(withRows: false).expiryDaysHold(for: program, today: Fixture.today))
            program = program.nextVersion()
            program.pointsExpiryMonths = 6
            let changed = program
            _ = try store.commit(Transaction(summary: "program", changes: [.program(changed)]), by: Self.boss)
            #expect(try store.figures(withRows: false).expiryDaysHold(for: changed, today: Fixture.today) == false)
            #expect(try store.compactIfDue())
            #expect(try store.figures(withRows: false).expiryDaysHold(for: changed, today: Fixture.today))
            #expect(try store.compactIfDue() == false)
        }
    }

    /// Erasure: the name and phone in no table (records, histories,
    /// journal), no old row version left in the table files, and the
    /// anonymous figures kept.
    @Test func anErasedCustomerIsInNoTableAndNoTableFile() throws {
        try PostgresBackend().withFixtureStore { sessions in
            let store = try #require(sessions.session() as? PostgresStore)
            _ = try store.transact(by: Self.boss) { state in
                try MomentRules.log(
                    in: state, customer: "C1", touchpoint: "counter", channel: .phone,
                    outcome: "José Núñez asked about +34 600 000 001", serviceLevelMet: nil, by: Self.boss,
                    at: Fixture.now
                ).transaction
            }
            let rowsBefore = try #require(try store.figures().customers["C1"]).rows.count
            _ = try store.transact(by: Self.boss) { state in
                try PrivacyRules.block(in: state, customer: "C1", by: Self.boss, at: Fixture.now)
            }
            // A transaction of another session, in another database, begun
            // before the erasure: the vacuum waits for it to end.
            let holder = PostgresLink(location: try PostgresLocation(url: try #require(PostgresBackend.serverURL)))
            defer { holder.close() }
            let begun = DispatchSemaphore(value: 0)
            let ended = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                _ = try? holder.withSQL { sql throws(StoreError) in
                    try sql.run("BEGIN")
                    try sql.run("SELECT txid_current()")
                    begun.signal()
                    Thread.sleep(forTimeInterval: 1.5)
                    try sql.run("COMMIT")
                }
                ended.signal()
            }
            begun.wait()
            let erasure = try store.erase("C1", by: Self.boss)
            ended.wait()
            #expect(erasure.olderTransactionsOpen == 0)
            // Rows: the new moment and the block; histories: both moments.
            #expect(erasure.journalRowsRewritten == 2)
            #expect(erasure.historyRowsRewritten == 2)
            #expect(erasure.tablesVacuumed.contains("journal"))
            let state = try sessions.session().open()
            #expect(try #require(state.customers["C1"]).erasedAt != nil)
            #expect(try store.figures().customers["C1"]?.rows.count == rowsBefore)
            try store.link.withConnection { sql in
                for table in ["customers", "incidents", "moments", "ledger", "incident_events", "journal"] {
                    let text = table == "journal" ? "entry::text || summary" : "doc::text"
                    let found = try sql.rows(
                        "SELECT count(*)::bigint FROM \(unescaped: table) WHERE strpos(\(unescaped: text), 'Núñez') > 0 OR strpos(\(unescaped: text), '600 000 001') > 0"
                    )
                    #expect(try sql.decode(try #require(found.first), as: Int.self) == 0, "\(table)")
                }
                // The bytes on disk, when this process may read the server's files.
                try sql.run("CHECKPOINT")
                let paths = try sql.rows(
                    "SELECT current_setting('data_directory') || '/' || pg_relation_filepath(c) FROM unnest(ARRAY['customers', 'journal', 'moments']) c"
                )
                for row in paths {
                    let path = try sql.decode(row, as: String.self)
                    guard let bytes = FileManager.default.contents(atPath: path) else { continue }
                    #expect(bytes.range(of: Data("600 000 001".utf8)) == nil, "\(path)")
                }
            }
            // Again: nothing left to do, and it says so.
            let again = try store.erase("C1", by: Self.boss)
            #expect(again.recordsWereErased)
            #expect(again.journalRowsRewritten == 0)
        }
    }
}
