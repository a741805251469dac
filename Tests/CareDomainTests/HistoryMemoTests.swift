import Foundation
import Testing

@testable import CareDomain

/// The writer's memo serves a history file only while it is the file it
/// read: appended to, replaced or gone, it is read again.
@Suite struct HistoryMemoTests {
    private func entry(_ number: Int, balance: Int) -> LedgerEntry {
        LedgerEntry(
            id: LedgerEntryID("L\(number)"), customer: "C1", at: Fixture.now, kind: .earn, points: 10,
            balanceAfter: balance, reason: "purchase")
    }

    private func lines(_ entries: [LedgerEntry]) throws -> Data {
        try HistoryFile.lines(entries, encoder: CareJSON.encoder())
    }

    @Test func aFileIsServedWhileItIsTheSameAndReadAgainOnceItChanges() throws {
        try withTemporaryDirectory { directory in
            let layout = StoreLayout(directory: directory)
            let path = layout.history(.ledger, of: "C1")
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let first = [entry(1, balance: 10), entry(2, balance: 20)]
            try lines(first).write(to: URL(fileURLWithPath: path))
            let memo = HistoryMemo()
            func read() throws -> [LedgerEntry] {
                try HistoryFile.readWithTail(
                    path, as: LedgerEntry.self, layout: layout, decoder: CareJSON.decoder(), memo: memo
                ).items
            }
            #expect(try read() == first)
            #expect(memo.itemsHeld == 2)
            #expect(try read() == first)

            // Appended to (another process's fold): read again.
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.seekToEnd()
            try handle.write(contentsOf: try lines([entry(3, balance: 30)]))
            try handle.close()
            #expect(try read().map(\.id) == ["L1", "L2", "L3"])
            #expect(memo.itemsHeld == 3)

            // Replaced whole (an erasure writes a new file): read again.
            let replacement = [entry(9, balance: 10)]
            try lines(replacement).write(to: URL(fileURLWithPath: path), options: .atomic)
            #expect(try read() == replacement)

            // Gone: nothing, and nothing held for it.
            try FileManager.default.removeItem(atPath: path)
            #expect(try read().isEmpty)
            #expect(memo.itemsHeld == 0)
        }
    }

    @Test func itHoldsNoMoreThanItsCapacity() {
        let memo = HistoryMemo(capacity: 3)
        let identity = FileIdentity(stat())
        memo.remember("a", .init(identity: identity, items: [1, 2], count: 2, completeLength: nil))
        memo.remember("b", .init(identity: identity, items: [1, 2], count: 2, completeLength: nil))
        #expect(memo.recall("a") != nil)
        #expect(memo.recall("b") == nil)
        #expect(memo.itemsHeld == 2)
        // A path remembered again replaces what it held.
        memo.remember("a", .init(identity: identity, items: [1, 2, 3], count: 3, completeLength: nil))
        #expect(memo.itemsHeld == 3)
        memo.clear()
        #expect(memo.itemsHeld == 0)
    }

    /// An expiry run's compaction empties the writer's memo, and the figures
    /// it wrote from it agree with the histories.
    @Test func aCompactionEmptiesItAndTheFiguresItServedAgree() throws {
        try withTemporaryDirectory { directory in
            _ = try FiguresTests.seeded(directory, customers: 200)
            // Compacting at the run's end, as a run of a store's size does.
            let writer = FileStore(
                directory: directory, clock: Fixture.clock, compactAfter: 1, compactsOnWrite: false)
            let due = Day(containing: Fixture.now).adding(days: 400)
            let report = try ExpiryRun.run(store: writer, today: due, by: Author(login: "boss"))
            #expect(report.customersChanged > 0)
            #expect(writer.historyMemo.itemsHeld == 0)
            let check = try StoreChecker.check(directory: directory)
            #expect(check.problems.isEmpty, "\(check.problems)")
        }
    }
}
