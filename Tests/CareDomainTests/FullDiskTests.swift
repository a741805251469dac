import Foundation
import Synchronization
import Testing

@testable import CareDomain

/// A disk that fills up, through an injected writer that fails with ENOSPC
/// part-way: a change is acknowledged exactly when it is durable.
@Suite struct FullDiskTests {
    /// Bytes one note on I1 takes in the journal of a fresh fixture store.
    private func journalLineSize() throws -> Int {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            let space = DiskSpace(bytes: 1 << 20)
            _ = try DiskSpace.$current.withValue(space) {
                try store.transact(by: Fixture.ana, Fixture.note("promised a free resend"))
            }
            return (1 << 20) - space.remaining
        }
    }

    @Test func aCompactionThatFillsTheDiskLeavesTheChangeSavedAndSaysSo() throws {
        let line = try journalLineSize()
        try withTemporaryDirectory { directory in
            let heard = NoticeLog()
            _ = try Fixture.makeStore(in: directory)
            let store = FileStore(
                directory: directory, clock: Fixture.clock, compactAfter: 1, notify: { heard.add($0) })
            _ = try store.open()
            let snapshotsBefore = contents(directory + "/incidents.json")
            let state = try DiskSpace.$current.withValue(DiskSpace(bytes: line + 50)) {
                try store.transact(by: Fixture.ana, Fixture.note("promised a free resend"))
            }
            #expect(try store.history(of: #require(state.incidents["I1"])).last?.text == "promised a free resend")
            let notices = store.takeNotices()
            #expect(notices.count == 1)
            #expect(heard.all == notices)
            let said = try #require(notices.first).description
            #expect(said.hasPrefix("Saved; compaction failed: The disk that holds "), "\(said)")
            #expect(said.contains("is full; free some space and try again."), "\(said)")
            #expect(store.takeNotices().isEmpty)
            // Nothing half-written: the snapshot is the old one, no temp file stays.
            #expect(contents(directory + "/incidents.json") == snapshotsBefore)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).allSatisfy { !$0.contains(".tmp-") })
            // Durable: another session sees it, and the next compaction folds it.
            let other = FileStore(directory: directory)
            #expect(
                try other.history(of: #require(other.open().incidents["I1"])).last?.text == "promised a free resend")
            try store.compact()
            #expect(try FileStore(directory: directory).open().incidents["I1"]?.version == 2)
        }
    }

    @Test func aJournalAppendThatDoesNotFitIsRefusedAndLeavesNoTrace() throws {
        let line = try journalLineSize()
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            let journal = try #require(
                try FileManager.default.contentsOfDirectory(atPath: directory + "/journal").first {
                    $0.hasSuffix(".jsonl")
                })
            let before = contents(directory + "/journal/" + journal)
            #expect {
                _ = try DiskSpace.$current.withValue(DiskSpace(bytes: line / 2)) {
                    try store.transact(by: Fixture.ana, Fixture.note("promised a free resend"))
                }
            } throws: { error in
                guard let error = error as? StoreError, case .diskFull(let path) = error else { return false }
                return path == "journal/" + journal
            }
            // Cut back to where it was: no torn half line, nothing acknowledged.
            #expect(contents(directory + "/journal/" + journal) == before)
            #expect(try FileStore(directory: directory).open().incidents["I1"]?.version == 1)
            #expect(try store.open().incidents["I1"]?.version == 1)
            // With room again, the same change goes in once.
            _ = try store.transact(by: Fixture.ana, Fixture.note("promised a free resend"))
            let other = FileStore(directory: directory)
            #expect(
                try other.history(of: #require(other.open().incidents["I1"])).filter {
                    $0.text == "promised a free resend"
                }.count == 1)
        }
    }
}

/// Notices heard through `notify`, from whatever thread.
final class NoticeLog: Sendable {
    private let notices = Mutex<[StoreNotice]>([])
    func add(_ notice: StoreNotice) { notices.withLock { $0.append(notice) } }
    var all: [StoreNotice] { notices.withLock { $0 } }
}
