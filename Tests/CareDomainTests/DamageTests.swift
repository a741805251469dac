import Foundation
import Testing

@testable import CareDomain

/// Damage stops every write and export with a sentence naming it, reads
/// go on without what could not be read, and nothing is rewritten from a
/// file that was not read whole.
@Suite struct DamageTests {
    private func expectWritesRefused(
        _ directory: String, naming text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let store = FileStore(directory: directory, clock: Fixture.clock)
        let before = snapshotFiles(directory)
        #expect(sourceLocation: sourceLocation) {
            _ = try store.transact(by: Fixture.ana, Fixture.note("a note"))
        } throws: { error in
            "\(error)".hasPrefix("Nothing is written or exported while the store is damaged")
                && "\(error)".contains(text)
        }
        #expect(throws: StoreError.self, sourceLocation: sourceLocation) { try store.compact() }
        #expect(throws: StoreError.self, sourceLocation: sourceLocation) {
            _ = try StoreExport.table(.customers, state: try store.open(), history: store)
        }
        #expect(snapshotFiles(directory) == before, sourceLocation: sourceLocation)
        let report = try StoreChecker.check(directory: directory)
        #expect(report.problems.contains { $0.contains(text) }, "\(report.problems)", sourceLocation: sourceLocation)
    }

    @Test(arguments: ["incidents.json", "agents.json", "coupons.json", "customers.json"])
    func aMissingSnapshotIsDamageNotAnEmptyCollection(file: String) throws {
        try withTemporaryDirectory { directory in
            _ = try Fixture.makeStore(in: directory)
            try FileManager.default.removeItem(atPath: directory + "/" + file)
            try expectWritesRefused(directory, naming: "\(file) is missing from the store")
            #expect(!FileManager.default.fileExists(atPath: directory + "/" + file))
        }
    }

    /// A bad byte (not UTF-8) in one customer's line: that customer is left
    /// out of reads, with the line named, and nothing is written.
    @Test func aBadByteInOneRecordStopsWritesAndExports() throws {
        try withTemporaryDirectory { directory in
            _ = try Fixture.makeStore(in: directory)
            try replaceBytes(in: directory + "/customers.json", of: "José", with: [0x4A, 0xFF, 0x73, 0xE9])
            let state = try FileStore(directory: directory).open()
            #expect(state.customers.count == 1)
            #expect(state.damage.count == 1)
            try expectWritesRefused(
                directory, naming: "customers.json line 2: not valid JSON (a byte that is not UTF-8 text)")
        }
    }

    /// A record that scans but does not decode (a field of the wrong kind)
    /// is damage from the moment it is found; a compaction decodes every
    /// line before it rewrites a file, so it is found then at the latest.
    @Test func aRecordThatDoesNotDecodeStopsWritesOnceFound() throws {
        try withTemporaryDirectory { directory in
            _ = try Fixture.makeStore(in: directory)
            try replaceText(
                in: directory + "/customers.json", "\"customerSince\":\"2020-01-15\"",
                "\"customerSince\":\"X020-01-15\"")
            let before = try #require(contents(directory + "/customers.json"))
            let store = FileStore(directory: directory, clock: Fixture.clock)
            #expect(throws: StoreError.self) { _ = try store.open().customers.find("C1") }
            #expect(throws: StoreError.self) { _ = try store.transact(by: Fixture.ana, Fixture.note("a note")) }
            // Another process that has not read C1 yet: its compaction finds it.
            let other = FileStore(directory: directory, clock: Fixture.clock, compactAfter: 1)
            let state = try other.transact(by: Fixture.ana, Fixture.note("a note"))
            #expect(state.incidents["I1"]?.version == 2)
            #expect(
                other.takeNotices().first?.description.contains("customers.json line 2, field customerSince") == true)
            #expect(throws: StoreError.self) { _ = try other.transact(by: Fixture.ana, Fixture.note("another")) }
            #expect(contents(directory + "/customers.json") == before)
            #expect(throws: StoreError.self) {
                _ = try StoreExport.table(.customers, state: try FileStore(directory: directory).open(), history: store)
            }
            #expect(
                try StoreChecker.check(directory: directory).problems.contains {
                    $0.contains("customers.json line 2, field customerSince")
                })
        }
    }

    /// A console verifies in the background once it is open: the bad record
    /// is found without a compaction, and writes stop.
    @Test func aBackgroundVerifyFindsARecordThatDoesNotDecode() throws {
        try withTemporaryDirectory { directory in
            _ = try Fixture.makeStore(in: directory)
            try replaceText(
                in: directory + "/customers.json", "\"customerSince\":\"2020-01-15\"",
                "\"customerSince\":\"X020-01-15\"")
            let store = FileStore(directory: directory, clock: Fixture.clock)
            let state = try store.open()
            #expect(state.damage.isEmpty)
            store.verifyInBackground()
            let deadline = Date().addingTimeInterval(10)
            while state.damage.isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            #expect(state.damage.first?.description.hasPrefix("customers.json line 2, field customerSince") == true)
            #expect(throws: StoreError.self) { _ = try store.transact(by: Fixture.ana, Fixture.note("a note")) }
        }
    }

    @Test func aDuplicateIdIsDamage() throws {
        try withTemporaryDirectory { directory in
            _ = try Fixture.makeStore(in: directory)
            let path = directory + "/customers.json"
            var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
            lines.insert(lines[1].replacingOccurrences(of: "José Núñez", with: "EVIL TWIN"), at: 3)
            try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
            let state = try FileStore(directory: directory).open()
            #expect(state.customers["C1"]?.name == "José Núñez")
            try expectWritesRefused(
                directory,
                naming: "customers.json line 4, field id: a second record with id C1 (the first is on line 2)")
        }
    }

    @Test func aDuplicatedKeyInARecordIsDamage() throws {
        try withTemporaryDirectory { directory in
            _ = try Fixture.makeStore(in: directory)
            try replaceText(in: directory + "/incidents.json", "\"id\":\"I1\"", "\"id\":\"I1\",\"id\":\"I9\"")
            try expectWritesRefused(
                directory, naming: "incidents.json line 2: not valid JSON (the key \"id\" appears twice)")
        }
    }

    @Test func aSnapshotHeaderAheadOfTheJournalIsDamage() throws {
        try withTemporaryDirectory { directory in
            _ = try Fixture.makeStore(in: directory)
            try replaceText(in: directory + "/agents.json", "\"seq\":1", "\"seq\":6")
            try expectWritesRefused(
                directory, naming: "agents.json line 1, field journal: says it holds every transaction up to 6")
        }
    }

    /// Zeroed media at the journal's end is not a torn line: the committed
    /// transactions in it are not set aside, and their numbers not reused.
    @Test func aZeroedJournalEndIsDamageNotATornTail() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            for index in 1...4 { _ = try store.transact(by: Fixture.ana, Fixture.note("note \(index)")) }
            let journal = try journalPath(directory)
            var bytes = try #require(contents(journal))
            let zeroed = min(900, bytes.count / 2)
            bytes.replaceSubrange((bytes.count - zeroed)..<bytes.count, with: Data(count: zeroed))
            try bytes.write(to: URL(fileURLWithPath: journal))
            try expectWritesRefused(
                directory, naming: "NUL bytes (damaged media or a file zeroed), not a line cut short")
            #expect(!FileManager.default.fileExists(atPath: directory + "/journal/torn"))
            #expect(contents(journal) == bytes)
        }
    }

    /// A real torn line (a crash mid-append) is still set aside and the store goes on.
    @Test func aTornLineIsStillSetAside() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: try journalPath(directory)))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("{\"seq\":2,\"at\":\"2026-11-2".utf8))
            try handle.close()
            _ = try store.transact(by: Fixture.ana, Fixture.note("after the crash"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/journal/torn").count == 1)
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }

    private func journalPath(_ directory: String) throws -> String {
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: directory + "/journal").first { $0.hasSuffix(".jsonl") }
        )
        return directory + "/journal/" + name
    }

    private func replaceText(in path: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: false, encoding: .utf8)
    }

    private func replaceBytes(in path: String, of text: String, with bytes: [UInt8]) throws {
        var data = try #require(contents(path))
        let range = try #require(data.range(of: Data(text.utf8)))
        data.replaceSubrange(range, with: bytes)
        try data.write(to: URL(fileURLWithPath: path))
    }

    private func snapshotFiles(_ directory: String) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            if let data = contents(directory + "/" + relative) { files[relative] = data }
        }
        return files
    }
}

/// A customer's ledger file that was deleted is not begun again from the
/// newest entries: the compaction refuses and says which file.
@Suite struct MissingHistoryTests {
    @Test func aDeletedLedgerIsNotWrittenOnAsIfWhole() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory, compactAfter: 1000)
            let path = store.layout.history(.ledger, of: "C2")
            try FileManager.default.removeItem(atPath: path)
            // A write that reads the ledger finds it short of the balance.
            let boss = Author(login: "boss")
            #expect {
                _ = try store.transact(by: boss) { state, history in
                    try LoyaltyRules.adjust(
                        in: state, ledger: try history.ledger(of: "C2"), customer: "C2", points: 10, reason: "goodwill",
                        by: boss, at: Fixture.now)
                }
            } throws: { error in
                "\(error)".contains("ledger/") && "\(error)".contains("add up to 0 points but customer C2 shows 50")
            }
            #expect(try FileStore(directory: directory).open().customers["C2"]?.loyalty.points == 50)
            #expect(!FileManager.default.fileExists(atPath: path))
            // A ledger cut at its start is refused when read.
            let entries = Fixture.c2Ledger.dropFirst().map { entry in
                (try? CareJSON.encoder().encode(entry)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            }
            try (entries.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
            #expect(throws: StoreError.self) { _ = try FileStore(directory: directory).ledger(of: "C2") }
        }
    }
}

/// Messages that say what is wrong, and where.
@Suite struct DamageMessageTests {
    /// A journal line with a kind of change only a newer care writes is
    /// named as such, not as a malformed line, and nothing is written.
    @Test func aChangeFromANewerCareIsNamedAsOne() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            _ = try store.transact(by: Fixture.ana, Fixture.note("one"))
            let path = directory + "/journal/2026-11.jsonl"
            let line =
                "{\"at\":\"2026-11-22T10:00:00.000Z\",\"by\":\"ana\",\"changes\":[{\"survey\":{\"id\":\"S1\"}}],\"seq\":3,\"summary\":\"survey\"}\n"
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(line.utf8))
            try handle.close()
            let expected = StoreError.newerChange(file: "journal/2026-11.jsonl", line: 3, kind: "survey")
            #expect(throws: expected) { _ = try FileStore(directory: directory).open() }
            #expect(throws: expected) { try StoreChecker.check(directory: directory) }
            #expect(expected.description.contains("a newer care wrote it: upgrade care"))
        }
    }

    /// A snapshot reformatted by hand (`jq .`) whose JSON is broken names the line.
    @Test func aBrokenReformattedSnapshotNamesItsLine() throws {
        try withTemporaryDirectory { directory in
            _ = try Fixture.makeStore(in: directory)
            let path = directory + "/touchpoints.json"
            let pretty =
                "{\n  \"collection\": \"touchpoints\",\n  \"format\": 1,\n  \"records\": [\n    {\"id\": \"counter\" \"version\": 1}\n  ]\n}\n"
            try pretty.write(toFile: path, atomically: false, encoding: .utf8)
            let state = try FileStore(directory: directory).open()
            #expect(
                state.damage.first
                    == .corrupt(
                        file: "touchpoints.json", line: 5, field: nil,
                        reason: "not valid JSON (expected , between values)"))
        }
    }
}

/// A customer's timeline file that was deleted: the ledger names the
/// purchases that earned points, so the loss is seen, not made permanent.
@Suite struct MissingTimelineTests {
    @Test func aDeletedTimelineIsNotBegunAgain() throws {
        try withTemporaryDirectory { directory in
            let today = Fixture.today
            let store = FileStore(directory: directory, clock: Fixture.clock)
            _ = try Seeder.seed(SeedOptions(customers: 20, seed: 3, today: today, supervisorLogin: "boss"), into: store)
            let state = try store.open()
            let id = try #require(
                try state.customers.ids.first { try !store.ledger(of: $0).compactMap(\.moment).isEmpty })
            let path = store.layout.history(.moments, of: id)
            try FileManager.default.removeItem(atPath: path)
            let fresh = FileStore(directory: directory, clock: Fixture.clock)
            #expect(throws: StoreError.self) { _ = try fresh.moments(of: id) }
            let report = try StoreChecker.check(directory: directory)
            #expect(
                report.problems.contains { $0.contains("which is not in \(store.layout.relative(path))") },
                "\(report.problems)")
            // A purchase's moment waits in the journal; the compaction refuses to begin the file again.
            let boss = Author(login: "boss")
            _ = try fresh.transact(by: boss) { current, history in
                try LoyaltyRules.purchase(
                    in: current, ledger: try history.ledger(of: id), customer: id, amount: Cents(1000),
                    productFamily: nil,
                    touchpoint: "store-purchase", channel: .counter, by: boss, at: Fixture.now)
            }
            #expect(throws: StoreError.self) { try fresh.compact() }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }
}
