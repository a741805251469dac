import Foundation
import Testing

@testable import CareDomain

/// The snapshots' indexes (`index/*.bin`): a store opened from them holds
/// what a scan of its snapshots finds, a snapshot changed since is scanned,
/// and `care check` names an index that cannot be trusted.
@Suite struct SnapshotIndexTests {
    static func seeded(_ directory: String) throws -> FileStore {
        let store = FileStore(directory: directory, clock: Fixture.clock, compactAfter: 1)
        _ = try Seeder.seed(
            SeedOptions(customers: 60, seed: 11, today: Fixture.today, supervisorLogin: "boss"), into: store)
        return store
    }

    /// Whether the index of `R` describes its snapshot as it is now.
    static func indexIsUsable<R: Record>(_: R.Type, _ layout: StoreLayout) throws -> Bool {
        guard let data = try layout.files.map(layout.index(R.collection)),
            let mapped = try layout.files.mapped(layout.snapshot(R.collection), eager: false)
        else { return false }
        return SnapshotIndex.decode(R.self, data, snapshot: mapped.identity) != nil
    }

    /// Everything a table says without decoding, and every record decoded.
    static func expectSame<R: Record>(_ mine: Table<R>, _ theirs: Table<R>) {
        expectSummariesSame(mine, theirs)
        for id in theirs.ids { #expect(mine[id] == theirs[id]) }
    }

    /// Everything a table says without decoding.
    static func expectSummariesSame<R: Record>(_ mine: Table<R>, _ theirs: Table<R>) {
        #expect(mine.ids == theirs.ids)
        #expect(mine.count == theirs.count)
        for id in theirs.ids {
            #expect(mine.version(of: id) == theirs.version(of: id))
            #expect(mine.summary(of: id) == theirs.summary(of: id))
        }
        #expect(mine.summaries.count == theirs.summaries.count)
    }

    /// The incidents snapshot as mapped now, and what its index says of it.
    static func incidentsIndex(_ layout: StoreLayout) throws -> (MappedFile, SnapshotIndex.Contents<Incident>) {
        let mapped = try #require(try layout.files.mapped(layout.snapshot(.incidents), eager: true))
        let data = try #require(try layout.files.map(layout.index(.incidents)))
        return (mapped, try #require(SnapshotIndex.decode(Incident.self, data, snapshot: mapped.identity)))
    }

    static func scanned(_ directory: String) throws -> StoreState {
        let copy = directory + "-scanned"
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: directory, toPath: copy)
        try FileManager.default.removeItem(atPath: copy + "/index")
        defer { try? FileManager.default.removeItem(atPath: copy) }
        return try FileStore(directory: copy, clock: Fixture.clock).open()
    }

    @Test func aStoreOpenedFromItsIndexesHoldsWhatAScanFinds() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.seeded(directory)
            #expect(try Self.indexIsUsable(Customer.self, store.layout))
            #expect(try Self.indexIsUsable(Incident.self, store.layout))
            #expect(try Self.indexIsUsable(Coupon.self, store.layout))
            let indexed = try FileStore(directory: directory, clock: Fixture.clock).open()
            let scanned = try Self.scanned(directory)
            #expect(indexed.incidents.count > 0)
            Self.expectSame(indexed.customers, scanned.customers)
            Self.expectSame(indexed.incidents, scanned.incidents)
            Self.expectSame(indexed.coupons, scanned.coupons)
            Self.expectSame(indexed.agents, scanned.agents)
            #expect(indexed == scanned)
            #expect(try StoreChecker.check(directory: directory).problems == [])
        }
    }

    @Test func compactionWritesTheIndexOfWhatItWrote() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.seeded(directory)
            let first = try #require(try store.open().customers.ids.first)
            _ = try store.transact(by: Author(login: "boss")) { state, _ in
                guard var customer = state.customers[first]?.nextVersion() else {
                    throw StoreError.noStore(directory: "")
                }
                customer.name = "Zoë Índice"
                return Transaction(summary: "rename", changes: [.customer(customer)])
            }
            // A time held to the microsecond is written to the millisecond:
            // the index says what the file says.
            let odd = Fixture.now.addingTimeInterval(0.123_456_7)
            _ = try store.transact(by: Author(login: "boss")) { state, _ in
                try IncidentRules.open(
                    in: state, customer: first, touchpoint: "phone-support", kind: .complaint, subject: "late",
                    priority: .high, channel: .phone, by: Author(login: "boss"), at: odd
                ).1
            }
            #expect(try Self.indexIsUsable(Customer.self, store.layout))
            #expect(try Self.indexIsUsable(Incident.self, store.layout))
            #expect(try StoreChecker.check(directory: directory).problems == [])
            Self.expectSame(
                try FileStore(directory: directory, clock: Fixture.clock).open().incidents,
                try Self.scanned(directory).incidents)
            let reopened = try FileStore(directory: directory, clock: Fixture.clock).open()
            #expect(reopened.customers.summary(of: first)?.name == "Zoë Índice")
            #expect(reopened.customers[first]?.name == "Zoë Índice")
            Self.expectSame(reopened.customers, try Self.scanned(directory).customers)
        }
    }

    /// A compaction writes the snapshot's lines in id order: each line not
    /// changed copied as it was, one changed in its place, and new records
    /// before the first, between two and after the last.
    @Test func compactionKeepsIdOrderWithRecordsChangedAndAddedAnywhere() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.seeded(directory)
            let ids = try store.open().customers.ids
            let middle = ids[ids.count / 2]
            let fresh = [CustomerID("A000001"), CustomerID(middle.rawValue + "5"), CustomerID("Z000001")]
            _ = try store.transact(by: Author(login: "boss")) { state, _ in
                guard var changed = state.customers[middle]?.nextVersion(), let template = state.customers[ids[0]]
                else { throw StoreError.noStore(directory: "") }
                changed.name = "Otro Nombre"
                let added = fresh.enumerated().map { number, id in
                    var customer = template
                    customer.id = id
                    customer.version = 1
                    customer.name = "Nuevo \(number)"
                    customer.loyalty.points = 0
                    return Change.customer(customer)
                }
                return Transaction(summary: "change and add", changes: [.customer(changed)] + added)
            }
            let reopened = try FileStore(directory: directory, clock: Fixture.clock).open()
            #expect(reopened.customers.ids == (ids + fresh).sorted())
            #expect(reopened.customers[middle]?.name == "Otro Nombre")
            #expect(fresh.map { reopened.customers[$0]?.name } == ["Nuevo 0", "Nuevo 1", "Nuevo 2"])
            #expect(reopened.customers[ids[1]] == (try Self.scanned(directory)).customers[ids[1]])
            Self.expectSame(reopened.customers, try Self.scanned(directory).customers)
            let problems = try StoreChecker.check(directory: directory).problems
            #expect(problems == [], "\(problems)")
        }
    }

    @Test func aSnapshotEditedByHandIsScannedAndItsIndexPassedOver() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.seeded(directory)
            let state = try store.open()
            let id = try #require(state.customers.ids.first)
            let name = try #require(state.customers[id]?.name)
            // Edited in place, as an editor that writes over the file would.
            let path = store.layout.snapshot(.customers)
            var text = try String(contentsOfFile: path, encoding: .utf8)
            let renamed = String(repeating: "Q", count: name.count)
            let range = try #require(text.range(of: "\"name\":\"\(name)\""))
            text.replaceSubrange(range, with: "\"name\":\"\(renamed)\"")
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
            #expect(!(try Self.indexIsUsable(Customer.self, store.layout)))
            let reopened = try FileStore(directory: directory, clock: Fixture.clock).open()
            #expect(reopened.customers.summary(of: id)?.name == renamed)
            #expect(reopened.customers[id]?.name == renamed)
            // Out of date is not wrong: the index is simply not used.
            #expect(try StoreChecker.check(directory: directory).problems == [])
        }
    }

    @Test func aDamagedIndexIsNamedByCheckPassedOverAndMadeAgainByReindex() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.seeded(directory)
            let path = store.layout.index(.customers)
            var bytes = try #require(FileManager.default.contents(atPath: path))
            bytes[bytes.count / 2] ^= 0x5A
            try bytes.write(to: URL(fileURLWithPath: path))
            let reopened = try FileStore(directory: directory, clock: Fixture.clock).open()
            Self.expectSame(reopened.customers, try Self.scanned(directory).customers)
            let problems = try StoreChecker.check(directory: directory).problems
            #expect(problems.count == 1)
            #expect(problems.first?.contains("index/customers.bin cannot be read") == true)
            _ = try store.reindex()
            #expect(try Self.indexIsUsable(Customer.self, store.layout))
            #expect(try StoreChecker.check(directory: directory).problems == [])
        }
    }

    @Test func anIndexThatDisagreesWithItsSnapshotIsReportedByCheck() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.seeded(directory)
            let layout = store.layout
            let (mapped, indexed) = try Self.incidentsIndex(layout)
            var contents = indexed
            contents.summaries[3].status = contents.summaries[3].status == .open ? .closed : .open
            try SnapshotIndex.write(contents, identity: mapped.identity, layout)
            let problems = try StoreChecker.check(directory: directory).problems
            #expect(
                problems == [
                    "index/incidents.bin does not agree with incidents.json at line \(contents.lines[3].number) (\(contents.ids[3])); it is derived, so `care reindex` makes it again."
                ])
        }
    }

    @Test func aSnapshotAsACompactionWroteItIsVouchedForByItsChecksumInsteadOfDecodedAgain() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.seeded(directory)
            let layout = store.layout
            let (mapped, indexed) = try Self.incidentsIndex(layout)
            let written = try #require(indexed.written)
            #expect(written == mapped.data.withUnsafeBytes { BinaryChecksum.of($0) })
            // care reindex vouches for no line: the next compaction decodes them all.
            _ = try store.reindex()
            let again = try #require(try layout.files.map(layout.index(.incidents)))
            #expect(SnapshotIndex.decode(Incident.self, again, snapshot: mapped.identity)?.written == nil)

            // A line that scans but does not decode (a kind no care knows):
            // decoded and named, unless the checksum vouches for the bytes.
            let text = try #require(String(data: mapped.data, encoding: .utf8))
            let kind = try #require(text.range(of: #""kind":""#))
            var edited = text
            edited.insert(contentsOf: "x", at: kind.upperBound)
            let data = Data(edited.utf8)
            let (_, _, scanned) = try SnapshotFile.scan(Incident.self, from: data, file: "incidents.json")
            var contents = try #require(scanned)
            contents.written = data.withUnsafeBytes { BinaryChecksum.of($0) }
            let vouched = SnapshotSource<Incident>(file: "incidents.json", data: data, indexed: contents)
            vouched.verify()
            #expect(vouched.damage.isEmpty)
            contents.written = written
            let changed = SnapshotSource<Incident>(file: "incidents.json", data: data, indexed: contents)
            changed.verify()
            #expect(changed.damage.count == 1)
        }
    }

    @Test func checkNamesASnapshotWhoseBytesChangedUnderTheSameSizeAndTimes() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.seeded(directory)
            let layout = store.layout
            let (mapped, indexed) = try Self.incidentsIndex(layout)
            var contents = indexed
            contents.written = (contents.written ?? 0) &+ 1
            try SnapshotIndex.write(contents, identity: mapped.identity, layout)
            #expect(
                try StoreChecker.check(directory: directory).problems == [
                    "incidents.json is not as care wrote it, though its size and times are (damaged media?); compare it with a backup, then run care reindex."
                ])
        }
    }

    @Test func recordsOfASnapshotOutOfOrderAreAllFound() throws {
        try withTemporaryDirectory { directory in
            let store = try Self.seeded(directory)
            let path = store.layout.snapshot(.customers)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // Lines 2 and 3 are the first two records (both end with a comma).
            lines.swapAt(1, 2)
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let reopened = try FileStore(directory: directory, clock: Fixture.clock).open()
            let before = try Self.scanned(directory)
            #expect(reopened.customers.count == before.customers.count)
            for id in before.customers.ids { #expect(reopened.customers[id] == before.customers[id]) }
            #expect(reopened.customers.ids == before.customers.ids)
        }
    }
}
