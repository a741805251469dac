import Foundation
import Testing

@testable import CareDomain

@Suite struct StoreRoundTripTests {
    // A store reads back as written, and keeps what was committed across a
    // reopen: StoreConformanceTests, on the file store and on PostgreSQL.

    @Test func everyChangeIsInTheJournalWithWhoAndWhen() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            let supervisorAsAna = Author(login: "boss", actingAs: "ana")
            _ = try store.transact(by: supervisorAsAna) { state in
                try IncidentRules.note(in: state, incident: "I1", text: "checked", by: supervisorAsAna, at: Fixture.now)
            }
            let read = try Journal.read(StoreLayout(directory: directory), after: .start, decoder: CareJSON.decoder())
            let last = try #require(read.entries.last)
            #expect(last.by == "boss")
            #expect(last.actingAs == "ana")
            #expect(last.at == Fixture.now)
            #expect(last.summary == "note on incident I1")
            guard case .incident = last.changes.first, case .incidentEvent(let step) = last.changes.last else {
                Issue.record("the journal entry does not hold the incident and its step")
                return
            }
            #expect(step.by == "ana" && step.incident == "I1")
        }
    }

    @Test func refreshShowsAnotherSessionsChange() throws {
        try withTemporaryDirectory { directory in
            let mine = try Fixture.makeStore(in: directory)
            let theirs = FileStore(directory: directory, clock: Fixture.clock)
            _ = try theirs.open()
            #expect(try mine.refresh() == nil)
            _ = try theirs.transact(by: Fixture.ana, Fixture.note("from the other counter"))
            _ = try #require(try mine.refresh())
            #expect(try mine.steps(of: "I1").last?.text == "from the other counter")
            #expect(try mine.refresh() == nil)
        }
    }
}

@Suite struct StaleWriteTests {
    @Test func aChangeMadeFromAnOldReadIsRefusedAndNothingIsWritten() throws {
        try withTemporaryDirectory { directory in
            let first = try Fixture.makeStore(in: directory)
            let second = FileStore(directory: directory, clock: Fixture.clock)
            let seenBySecond = try second.open()

            _ = try first.transact(by: Fixture.ana, Fixture.note("first"))
            let journalBefore = contents(directory + "/journal/2026-11.jsonl")

            // The second session edits the incident as it saw it (version 1).
            var stale = try #require(seenBySecond.incidents["I1"]).nextVersion()
            stale.subject = "Changed from a stale screen"
            #expect(throws: StoreError.stale(collection: .incidents, id: "I1", expected: 1, found: 2)) {
                try second.commit(Transaction(summary: "edit", changes: [.incident(stale)]), by: Fixture.ana)
            }
            #expect(contents(directory + "/journal/2026-11.jsonl") == journalBefore)
            let store = FileStore(directory: directory)
            #expect(try store.open().incidents["I1"]?.subject == "Late delivery")
            #expect(try store.steps(of: "I1").last?.text == "first")
        }
    }

    @Test func twoSessionsCreatingTheSameRecordCannotBothWin() throws {
        try withTemporaryDirectory { directory in
            let first = try Fixture.makeStore(in: directory)
            let second = FileStore(directory: directory, clock: Fixture.clock)
            _ = try second.open()
            let customer = Customer(id: "C9", name: "Íñigo Peña", customerSince: Fixture.today, lifecycle: .new)
            _ = try first.commit(Transaction(summary: "add", changes: [.customer(customer)]), by: Fixture.ana)
            #expect(throws: StoreError.stale(collection: .customers, id: "C9", expected: 0, found: 1)) {
                try second.commit(Transaction(summary: "add", changes: [.customer(customer)]), by: Fixture.ana)
            }
        }
    }

    @Test func historyForAnUnknownCustomerIsRefused() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            var moment = Fixture.c1Moment
            moment.customer = "C404"
            moment.id = "C404-M1"
            #expect(throws: StoreError.missing(collection: .customers, id: "C404")) {
                try store.commit(Transaction(summary: "x", changes: [.moment(moment)]), by: Fixture.ana)
            }
            moment.customer = "../../etc"
            #expect(throws: StoreError.self) {
                try store.commit(Transaction(summary: "x", changes: [.moment(moment)]), by: Fixture.ana)
            }
        }
    }
}

@Suite struct DamagedStoreTests {
    @Test func aTornLastJournalLineIsPassedOverThenSetAside() throws {
        try withTemporaryDirectory { directory in
            try Fixture.makeStore(in: directory)
            let journal = directory + "/journal/2026-11.jsonl"
            let handle = try #require(FileHandle(forWritingAtPath: journal))
            try handle.seekToEnd()
            let torn = Data("{\"at\":\"2026-11-22T10:00:00.000Z\",\"by\":\"ana\",\"chan".utf8)
            try handle.write(contentsOf: torn)
            try handle.close()

            // Readers go on; check names it.
            let store = FileStore(directory: directory, clock: Fixture.clock)
            #expect(try store.open().seq == 1)
            let report = try StoreChecker.check(directory: directory)
            #expect(report.problems.count == 1)
            #expect(
                report.problems.first?.contains(
                    "journal/2026-11.jsonl ends with an unfinished line of \(torn.count) bytes") == true)

            // The next writer keeps the bytes aside and carries on.
            _ = try store.transact(by: Fixture.ana, Fixture.note("after the crash"))
            let aside = try FileManager.default.contentsOfDirectory(atPath: directory + "/journal/torn")
            #expect(aside.count == 1)
            #expect(contents(directory + "/journal/torn/" + (aside.first ?? "")) == torn)
            #expect(try StoreChecker.check(directory: directory).problems.isEmpty)
            #expect(try FileStore(directory: directory).steps(of: "I1").last?.text == "after the crash")
        }
    }

    @Test func aCorruptSnapshotNamesFileLineAndFieldAndIsNeverOverwritten() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            let path = directory + "/customers.json"
            let original = try text(path)
            // Line 3 is the second customer.
            let damaged = original.replacingOccurrences(of: "\"name\":\"Emma Smith\"", with: "\"name\":42")
            #expect(damaged != original)
            try Data(damaged.utf8).write(to: URL(fileURLWithPath: path))

            // Reads go on without the bad record, and name it.
            let read = try FileStore(directory: directory).open()
            #expect(
                read.damage == [.corrupt(file: "customers.json", line: 3, field: "name", reason: "expected a string")])
            #expect(read.customers.count == 1)
            // A write is refused too: the store is not loaded from a bad file.
            #expect(throws: StoreError.self) {
                try FileStore(directory: directory).compact()
            }
            _ = try? store.transact(by: Fixture.ana, Fixture.note("x"))
            #expect(contents(path) == Data(damaged.utf8))
            let report = try StoreChecker.check(directory: directory)
            #expect(report.problems.contains { $0.hasPrefix("customers.json line 3, field name: expected a string") })
        }
    }

    @Test func aTruncatedSnapshotIsReportedNotRead() throws {
        try withTemporaryDirectory { directory in
            try Fixture.makeStore(in: directory)
            let path = directory + "/incidents.json"
            let original = try #require(contents(path))
            let truncated = original.prefix(original.count / 2)
            try truncated.write(to: URL(fileURLWithPath: path))
            let read = try FileStore(directory: directory).open()
            #expect(read.damage.count == 1 && read.incidents.isEmpty)
            #expect(throws: StoreError.self) { try FileStore(directory: directory).compact() }
            let report = try StoreChecker.check(directory: directory)
            #expect(report.problems.contains { $0.hasPrefix("incidents.json") })
            #expect(contents(path) == truncated)
        }
    }

    @Test func aCorruptJournalLineInTheMiddleStopsWithItsPlace() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            _ = try store.transact(by: Fixture.ana, Fixture.note("one"))
            _ = try store.transact(by: Fixture.ana, Fixture.note("two"))
            let path = directory + "/journal/2026-11.jsonl"
            var lines = try text(path).components(separatedBy: "\n")
            lines[1] = lines[1].replacingOccurrences(of: "\"seq\":2", with: "\"seq\":\"two\"")
            try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
            #expect(
                throws: StoreError.corrupt(
                    file: "journal/2026-11.jsonl", line: 2, field: "seq", reason: "expected a number")
            ) {
                try FileStore(directory: directory).open()
            }
        }
    }

    @Test func aStoreFromANewerCareIsRefused() throws {
        try withTemporaryDirectory { directory in
            try Fixture.makeStore(in: directory)
            let manifest = directory + "/store.json"
            let text = try text(manifest)
            try Data(text.replacingOccurrences(of: "\"format\" : 1", with: "\"format\" : 7").utf8).write(
                to: URL(fileURLWithPath: manifest))
            #expect(throws: StoreError.newerFormat(file: "store.json", found: 7, supported: 1)) {
                try FileStore(directory: directory).open()
            }
            #expect(throws: StoreError.newerFormat(file: "store.json", found: 7, supported: 1)) {
                try StoreChecker.check(directory: directory)
            }
        }
    }

    @Test func aMissingOrWrongDirectoryIsNamed() throws {
        try withTemporaryDirectory { directory in
            #expect(throws: StoreError.noStore(directory: directory + "/none")) {
                try FileStore(directory: directory + "/none").open()
            }
            let file = directory + "/file"
            #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
            #expect(throws: StoreError.notADirectory(path: file)) { try FileStore(directory: file).open() }
        }
    }
}

@Suite struct PermissionTests {
    @Test func dataFilesAreReadableByTheOwnerOnly() throws {
        try withTemporaryDirectory { parent in
            let directory = parent + "/store"
            let store = try Fixture.makeStore(in: directory)
            _ = try store.transact(by: Fixture.ana, Fixture.note("x"))
            #expect(mode(directory) & 0o077 == 0)
            for name in ["customers.json", "incidents.json", "store.json", "journal/2026-11.jsonl", "lock"] {
                #expect(mode(directory + "/" + name) == 0o600, "\(name)")
            }
            let history = StoreLayout(directory: directory).history(.moments, of: "C1")
            #expect(mode(history) == 0o600)
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }

    @Test func aGroupSharedStoreKeepsFilesGroupWritable() throws {
        try withTemporaryDirectory { directory in
            #expect(chmod(directory, 0o2770) == 0)
            let store = try Fixture.makeStore(in: directory)
            _ = try store.transact(by: Fixture.ana, Fixture.note("x"))
            try store.compact()
            for name in ["customers.json", "incidents.json", "journal/2026-11.jsonl"] {
                #expect(mode(directory + "/" + name) == 0o660, "\(name)")
            }
        }
    }

    @Test func aReplacedFileKeepsItsModeButNeverWorldBits() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            #expect(chmod(directory + "/customers.json", 0o644) == 0)
            #expect(
                try StoreChecker.check(directory: directory).problems.contains {
                    $0.hasPrefix("customers.json can be read or written by any user")
                })
            try store.compact()
            #expect(mode(directory + "/customers.json") == 0o640)
        }
    }
}

@Suite struct CompactionTests {
    @Test func foldingKeepsTheStateAndTheHistory() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory, compactAfter: 3)
            var moments: [IncidentID] = []
            for number in 1...7 {
                let (incident, transaction) = try IncidentRules.open(
                    in: try store.open(), customer: "C1", touchpoint: "counter", kind: .doubt,
                    subject: "Question \(number)",
                    priority: .low, channel: .phone, by: Fixture.ana, at: Fixture.now)
                _ = try store.commit(transaction, by: Fixture.ana)
                moments.append(incident.id)
            }
            let before = try store.open()
            let header = try text(directory + "/incidents.json").prefix(200)
            #expect(header.contains("\"seq\":7"))  // compacted after transactions 4 and 7
            let reopened = FileStore(directory: directory)
            #expect(try reopened.open() == before)
            #expect(try reopened.moments(of: "C1").compactMap(\.incident) == moments)
            // Folding again writes nothing twice.
            try reopened.compact()
            try reopened.compact()
            #expect(try FileStore(directory: directory).moments(of: "C1").count == 1 + moments.count)
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }

    @Test func aLargeJournalIsFoldedEvenWithFewTransactions() throws {
        try withTemporaryDirectory { directory in
            let store = FileStore(
                directory: directory, clock: Fixture.clock, compactAfter: 1000, compactAfterBytes: 5000)
            try Fixture.makeStore(in: directory)
            let long = String(repeating: "Long note. ", count: 150)  // about 2.2 kB a line with the record
            _ = try store.transact(by: Fixture.ana, Fixture.note(long))
            #expect(try text(directory + "/incidents.json").prefix(200).contains("\"seq\":1"))
            _ = try store.transact(by: Fixture.ana, Fixture.note(long))
            _ = try store.transact(by: Fixture.ana, Fixture.note(long))
            // The third line took the journal past 5,000 bytes: folded through 4.
            #expect(try text(directory + "/incidents.json").prefix(200).contains("\"seq\":4"))
            #expect(try FileStore(directory: directory).steps(of: "I1").count == 3)
        }
    }

    @Test func aFoldCutShortIsRepairedByTheNext() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            let (_, transaction) = try IncidentRules.open(
                in: try store.open(), customer: "C1", touchpoint: "counter", kind: .doubt, subject: "Question",
                priority: .low,
                channel: .phone, by: Fixture.ana, at: Fixture.now)
            _ = try store.commit(transaction, by: Fixture.ana)
            // A crash in the middle of a fold: half a line at the end of the history.
            let history = StoreLayout(directory: directory).history(.moments, of: "C1")
            let handle = try #require(FileHandle(forWritingAtPath: history))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("{\"agent\":\"ana\",\"at\":".utf8))
            try handle.close()
            // The half line is passed over; the new moment comes from the journal.
            #expect(try FileStore(directory: directory).moments(of: "C1").count == 2)
            #expect(
                try StoreChecker.check(directory: directory).problems == [
                    "\(StoreLayout(directory: directory).relative(history)) ends with an unfinished line (a fold cut short); the next compaction writes it again whole."
                ])
            try FileStore(directory: directory).compact()
            #expect(try FileStore(directory: directory).moments(of: "C1").count == 2)
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }
}

@Suite struct RecordKindTests {
    /// The registry is the one list of kinds: each collection once, each
    /// with the journal word its changes are keyed by.
    @Test func everyCollectionHasExactlyOneRecordKind() throws {
        #expect(
            RecordKinds.all.map(\.collection).sorted { $0.rawValue < $1.rawValue }
                == Collection.allCases.sorted {
                    $0.rawValue < $1.rawValue
                })
        for collection in Collection.allCases {
            #expect(RecordKinds.named(collection.singular)?.collection == collection)
        }
        // A change of each kind reads back as written, keyed by its word.
        let change = Change.agent(
            Agent(id: "ana", name: "Ana", role: .agent, area: "Counter", authorityLimit: .euros(20)))
        let data = try CareJSON.encoder().encode(change)
        #expect(String(decoding: data, as: UTF8.self).hasPrefix("{\"agent\":"))
        #expect(try CareJSON.decoder().decode(Change.self, from: data) == change)
        #expect(change.recordKey?.collection == .agents && change.recordKey?.id == "ana")
    }
}
