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

    /// The process that wrote the transactions extends the index and the
    /// figures from what it applied (`JournalTouches`), not from the journal
    /// read again: what it writes must be what a reading of the journal says.
    @Test func aCompactionAddsWhatItsProcessAppliedAsTheJournalHasIt() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.storeWithATail(directory)
            try store.compact()
            #expect(try AuditIndex.current(store.layout)?.header.cursor.seq == (try store.open().seq))
            #expect(try StoreChecker.check(directory: directory).isClean)
            try Self.expectEveryTrailAsTheWholeJournalHasIt(store)
            // Another session's transactions come in through refresh, then this one's.
            let other = FileStore(directory: directory, clock: Fixture.clock)
            let customer = try #require(try other.open().customers.ids.sorted().last)
            _ = try other.transact(by: Author(login: "boss")) { state, history in
                try LoyaltyRules.purchase(
                    in: state, ledger: try history.ledger(of: customer), customer: customer, amount: .euros(40),
                    productFamily: nil, touchpoint: "store-purchase", channel: .counter, by: Author(login: "boss"),
                    at: Fixture.now)
            }
            _ = try store.refresh()
            let boss = Author(login: "boss")
            _ = try store.transact(by: boss) {
                try IncidentRules.note(in: $0, incident: "I000001", text: "a note", by: boss, at: Fixture.now)
            }
            try store.compact()
            #expect(try StoreChecker.check(directory: directory).isClean)
            try Self.expectEveryTrailAsTheWholeJournalHasIt(store)
        }
    }

    @Test func touchesAreOnlyTrustedWhenNoneIsMissing() {
        var touches = JournalTouches(after: 1)
        func entry(_ seq: Int) -> JournalEntry {
            JournalEntry(seq: seq, at: Fixture.now, author: Fixture.ana, summary: "x", changes: [])
        }
        let place = JournalPlace(file: "2026-11.jsonl", offset: 0, length: 10)
        touches.record(entry(2), at: place)
        touches.record(entry(3), at: place)
        #expect(touches.since(1, through: 3)?.map(\.seq) == [2, 3])
        #expect(touches.since(2, through: 3)?.map(\.seq) == [3])
        #expect(touches.since(0, through: 3) == nil)  // before what it holds
        #expect(touches.since(1, through: 4) == nil)  // the journal has more than it
        touches.record(entry(5), at: place)  // a gap: it begins again after 5
        #expect(touches.since(3, through: 5) == nil)
        #expect(touches.since(5, through: 5)?.isEmpty == true)
        touches.record(entry(6), at: nil)  // no place known
        #expect(touches.since(5, through: 6) == nil)

        // Past the ids it may hold, it begins again after the entry.
        var bounded = JournalTouches(after: 1, mostHeld: 3)
        func purchase(_ seq: Int) -> JournalEntry {
            let entry = LedgerEntry(
                id: LedgerEntryID("L\(seq)"), customer: "C1", at: Fixture.now, kind: .earn, points: 1,
                balanceAfter: seq,
                reason: "purchase")
            return JournalEntry(seq: seq, at: Fixture.now, author: Fixture.ana, summary: "x", changes: [.ledger(entry)])
        }
        bounded.record(purchase(2), at: place)
        #expect(bounded.since(1, through: 2)?.map(\.customers) == [["C1"]])
        bounded.record(purchase(3), at: place)
        #expect(bounded.since(1, through: 3) == nil && bounded.since(3, through: 3)?.isEmpty == true)
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
