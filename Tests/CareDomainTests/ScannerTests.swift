import Foundation
import Testing

@testable import CareDomain

@Suite struct LineScannerTests {
    func scan(_ line: String, _ paths: [String]) throws -> [ScannedValue?] {
        let scanner = LineScanner(paths: paths)
        return try Array(line.utf8).withUnsafeBytes { buffer in try scanner.scan(buffer) }
    }

    @Test func picksTopLevelAndNestedValuesAndSkipsTheRest() throws {
        let line =
            #"{"a":{"name":"inner"},"id":"C1","list":[1,{"x":[true,null]},"s"],"loyalty":{"points":5,"tier":"gold"},"name":"José","version":3},"#
        let values = try scan(line, ["id", "version", "name", "loyalty.tier", "missing"])
        #expect(values == [.string("C1"), .number("3"), .string("José"), .string("gold"), nil])
    }

    @Test func resolvesEscapes() throws {
        let line = #"{"name":"a \"quoted\" \\ back\/slash \u00f1 \ud83d\ude00 tab\t"}"#
        #expect(try scan(line, ["name"]) == [.string("a \"quoted\" \\ back/slash ñ 😀 tab\t")])
    }

    @Test(arguments: [
        #"{"name":"unterminated}"#, #"{"name":}"#, #"{"name":"x"} trailing"#, #"{"name":"x",}"#, #"{name:"x"}"#,
        #"{"n":tru}"#, #"{"n":[1,2}"#, #"{"n":"\x"}"#, "{\"n\":\"a\u{01}b\"}", "",
    ])
    func refusesLinesThatAreNotOneObject(_ line: String) {
        #expect(throws: ScanError.self) { try scan(line, ["name"]) }
    }

    @Test func agreesWithJSONDecoderOnEncodedRecords() throws {
        var customer = Fixture.records().customers[0]
        customer.name = "Ramón \"el Tío\" Peña \\ 🎉"
        customer.email = nil
        customer.loyalty.tier = "gold"
        let line = String(decoding: try CareJSON.encoder().encode(customer), as: UTF8.self)
        let values = try scan(line, ["id", "version"] + Customer.summaryKeys)
        #expect(try Customer.summary(id: customer.id, fields: Array(values[2...])) == customer.summary)
    }
}

@Suite struct LazySnapshotTests {
    @Test func oddCharactersSurviveACompactionAndShowInSummaries() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            var customer = try #require(try store.open().customers["C1"]).nextVersion()
            customer.name = "Ramón \"el Tío\" Peña \\ 🎉 \u{1}"
            _ = try store.commit(Transaction(summary: "rename", changes: [.customer(customer)]), by: Fixture.ana)
            try store.compact()
            let state = try FileStore(directory: directory).open()
            #expect(state.customers.summary(of: "C1")?.name == customer.name)
            #expect(state.customers["C1"] == customer)
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }

    @Test func aSnapshotReformattedByHandIsStillRead() throws {
        try withTemporaryDirectory { directory in
            try Fixture.makeStore(in: directory)
            let path = directory + "/customers.json"
            let object = try JSONSerialization.jsonObject(with: try #require(contents(path)))
            try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]).write(
                to: URL(fileURLWithPath: path))
            let state = try FileStore(directory: directory).open()
            #expect(state.customers.count == 2)
            #expect(state.customers["C1"]?.name == "José Núñez")
        }
    }

    @Test func aBadFieldOutsideTheSummaryIsFoundWhenTheRecordIsRead() throws {
        try withTemporaryDirectory { directory in
            try Fixture.makeStore(in: directory)
            let path = directory + "/customers.json"
            let damaged = try text(path).replacingOccurrences(
                of: "\"customerSince\":\"2022-06-01\"", with: "\"customerSince\":\"June\"")
            try Data(damaged.utf8).write(to: URL(fileURLWithPath: path))
            // The store opens (lines are scanned, not decoded) and the list shows the customer…
            let state = try FileStore(directory: directory).open()
            #expect(state.customers.summary(of: "C2")?.name == "Emma Smith")
            // …but reading the record names the place, and check reports it.
            #expect(
                throws: StoreError.corrupt(
                    file: "customers.json", line: 3, field: "customerSince",
                    reason: "expected a day as YYYY-MM-DD, found \"June\"")
            ) {
                try state.customers.find("C2")
            }
            #expect(state.customers["C2"] == nil)
            let problems = try StoreChecker.check(directory: directory).problems
            #expect(problems.contains { $0.hasPrefix("customers.json line 3, field customerSince") })
        }
    }

    @Test func aBrokenHistoryDoesNotStopOtherCustomers() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            try Data("not json\n".utf8).write(to: URL(fileURLWithPath: store.layout.history(.ledger, of: "C2")))
            let reopened = FileStore(directory: directory)
            #expect(try reopened.open().customers.count == 2)
            #expect(try reopened.moments(of: "C1").count == 1)
            #expect(throws: StoreError.self) { try reopened.ledger(of: "C2") }
        }
    }
}

@Suite struct JournalFileTests {
    @Test func aNewMonthStartsANewFileAndAClockGoingBackDoesNotReuseTheOld() throws {
        try withTemporaryDirectory { directory in
            try Fixture.makeStore(in: directory)
            let december = Clock.fixed(Fixture.now.addingTimeInterval(20 * 86_400))
            _ = try FileStore(directory: directory, clock: december).transact(
                by: Fixture.ana, Fixture.note("in December"))
            // A machine whose clock is behind writes after December still.
            _ = try FileStore(directory: directory, clock: Fixture.clock).transact(
                by: Fixture.ana, Fixture.note("clock behind"))
            let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/journal").sorted()
            #expect(files == ["2026-11.jsonl", "2026-12.jsonl"])
            #expect(try text(directory + "/journal/2026-12.jsonl").components(separatedBy: "\n").count == 3)
            let store = FileStore(directory: directory)
            #expect(try store.open().seq == 3)
            #expect(try store.steps(of: "I1").suffix(2).compactMap(\.text) == ["in December", "clock behind"])
        }
    }

    @Test func aCompactionCutShortBetweenSnapshotsLoadsTheSame() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            _ = try store.transact(by: Fixture.ana, Fixture.note("one"))
            var customer = try #require(try store.open().customers["C2"]).nextVersion()
            customer.phone = "+34 600 111 222"
            let state = try store.commit(Transaction(summary: "phone", changes: [.customer(customer)]), by: Fixture.ana)
            // Only customers.json was replaced before the crash.
            let read = try Journal.read(store.layout, after: .start, decoder: CareJSON.decoder())
            try store.layout.files.replace(
                store.layout.snapshot(.customers), with: SnapshotFile.encode(state.customers, cursor: read.cursor))
            let reopened = try FileStore(directory: directory).open()
            #expect(reopened == state)
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }
}
