import Foundation
import Testing

@testable import CareDomain

/// `index/audit.bin`: one customer's audit trail read from the lines the
/// index lists and the journal after it, the same as from the whole journal.
@Suite struct AuditIndexTests {
    /// A seeded store, then changes on both sides of a compaction: some
    /// transactions are in the index, the newest only in the journal after it.
    static func storeWithATail(_ directory: String) throws -> FileStore {
        let store = FileStore(directory: directory, clock: Fixture.clock)
        _ = try Seeder.seed(
            SeedOptions(customers: 40, seed: 5, today: Fixture.today, supervisorLogin: "boss"), into: store)
        let boss = Author(login: "boss")
        let customers = try store.open().customers.ids.sorted()
        for (index, customer) in customers.prefix(12).enumerated() {
            if index == 6 { try store.compact() }
            _ = try store.transact(by: boss) { state, history in
                try LoyaltyRules.purchase(
                    in: state, ledger: try history.ledger(of: customer), customer: customer, amount: .euros(10 + index),
                    productFamily: nil, touchpoint: "store-purchase", channel: .counter, by: boss, at: Fixture.now)
            }
        }
        return store
    }

    /// Every customer's transactions, as the whole journal has them.
    static func expectEveryTrailAsTheWholeJournalHasIt(_ store: FileStore) throws {
        let all = try store.journalEntries()
        for customer in try store.open().customers.ids {
            let expected = all.filter { $0.concerns(customer) }.map(\.seq)
            #expect(try store.journalEntries(concerning: customer).map(\.seq) == expected, "\(customer)")
        }
    }

    @Test func aCustomersTrailIsTheWholeJournalsWithTheIndexWithoutItAndAfterIt() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.storeWithATail(directory)
            let header = try #require(try AuditIndex.current(store.layout)?.header)
            // Some transactions are after the index's cursor.
            #expect(header.cursor.seq < (try store.open().seq))
            try Self.expectEveryTrailAsTheWholeJournalHasIt(store)
            let first = try #require(try store.open().customers.ids.sorted().first)
            let lines = try AuditTrail.lines(in: store, customer: first)
            #expect(lines.contains { $0.summary.hasPrefix("purchase") })
            // Deleting it loses nothing.
            try FileManager.default.removeItem(atPath: store.layout.auditIndex)
            try Self.expectEveryTrailAsTheWholeJournalHasIt(store)
            #expect(try AuditTrail.lines(in: store, customer: first) == lines)
            // The next compaction makes it whole again, and check agrees with it.
            try store.compact()
            #expect(try AuditIndex.current(store.layout)?.header.cursor.seq == (try store.open().seq))
            try Self.expectEveryTrailAsTheWholeJournalHasIt(store)
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }

    @Test func anIndexThatLeadsElsewhereIsPassedOverAndNamedByCheck() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.storeWithATail(directory)
            let (data, header) = try #require(try AuditIndex.current(store.layout))
            var contents = try #require(AuditIndex.contents(of: data, header: header))
            let customer = try #require(contents.rows.keys.sorted().first)
            // Its rows swapped for another customer's: the lines do not concern them.
            let other = try #require(contents.rows.keys.first { $0 != customer })
            contents.rows[customer] = contents.rows[other]
            try AuditIndex.write(contents, store.layout)
            try Self.expectEveryTrailAsTheWholeJournalHasIt(store)
            let problems = try StoreChecker.check(directory: directory).problems
            #expect(
                problems == [
                    "index/audit.bin does not list the transactions of customer \(customer) as the journal has them; it is derived, so `care reindex` makes it again."
                ])
            _ = try store.reindex()
            #expect(try StoreChecker.check(directory: directory).isClean)
            // Cut short: named, and passed over.
            let path = store.layout.auditIndex
            let whole = try #require(FileManager.default.contents(atPath: path))
            try whole.prefix(whole.count - 40).write(to: URL(fileURLWithPath: path))
            try Self.expectEveryTrailAsTheWholeJournalHasIt(store)
            #expect(
                try StoreChecker.check(directory: directory).problems == [
                    "index/audit.bin cannot be read (cut or changed); it is derived, so `care reindex` makes it again."
                ])
        }
    }

    @Test func anErasureReplacesJournalFilesAndTheIndexOfThemIsNoLongerUsed() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.storeWithATail(directory)
            try store.compact()
            let boss = Author(login: "boss")
            let customer = try #require(try store.open().customers.ids.sorted().first)
            _ = try store.transact(by: boss) {
                try PrivacyRules.block(in: $0, customer: customer, by: boss, at: Fixture.now)
            }
            _ = try store.erase(customer, by: boss)
            // The journal's lines moved: the index names files that are no longer there as they were.
            #expect(try AuditIndex.current(store.layout) == nil)
            try Self.expectEveryTrailAsTheWholeJournalHasIt(store)
            try store.compact()
            #expect(try AuditIndex.current(store.layout) != nil)
            try Self.expectEveryTrailAsTheWholeJournalHasIt(store)
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }
}
