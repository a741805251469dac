import Foundation
import Testing

@testable import CareDomain

/// A journal tail of more than a megabyte is decoded on every core; what
/// the read gives is what one core gives: every entry in order, and the
/// first bad line named when there are several.
@Suite struct JournalReadTests {
    private func line(_ seq: Int) throws -> Data {
        let entry = JournalEntry(
            seq: seq, at: Fixture.now, author: Fixture.ana, summary: String(repeating: "x", count: 100_000),
            changes: [])
        var data = try CareJSON.encoder().encode(entry)
        data.append(0x0A)
        return data
    }

    @Test func aLongTailReadsInOrderAndNamesTheFirstBadLine() throws {
        try withTemporaryDirectory { directory in
            let layout = StoreLayout(directory: directory)
            try FileManager.default.createDirectory(atPath: layout.journalDirectory, withIntermediateDirectories: true)
            let path = layout.journalFile("2026-11.jsonl")
            var data = Data()
            for seq in 1...30 { data.append(try line(seq)) }
            try data.write(to: URL(fileURLWithPath: path))
            let read = try Journal.read(layout, after: .start, decoder: CareJSON.decoder())
            #expect(read.entries.map(\.seq) == Array(1...30))
            #expect(read.cursor.seq == 30 && read.cursor.line == 30 && read.cursor.offset == data.count)

            var bad = Data()
            for seq in 1...30 {
                bad.append(seq == 12 || seq == 25 ? Data("{\"seq\":\"twelve\"}\n".utf8) : try line(seq))
            }
            try bad.write(to: URL(fileURLWithPath: path))
            #expect {
                _ = try Journal.read(layout, after: .start, decoder: CareJSON.decoder())
            } throws: { error in
                "\(error)".contains("journal/2026-11.jsonl line 12")
            }
        }
    }

    /// Two lines of more than a megabyte in all (a seed's last lines): fewer
    /// lines than the cores' chunks, read in order without a crash.
    @Test func aLongTailOfTwoLinesReads() throws {
        try withTemporaryDirectory { directory in
            let layout = StoreLayout(directory: directory)
            try FileManager.default.createDirectory(atPath: layout.journalDirectory, withIntermediateDirectories: true)
            var data = Data()
            for seq in 1...2 {
                let entry = JournalEntry(
                    seq: seq, at: Fixture.now, author: Fixture.ana, summary: String(repeating: "x", count: 600_000),
                    changes: [])
                data.append(try CareJSON.encoder().encode(entry))
                data.append(0x0A)
            }
            try data.write(to: URL(fileURLWithPath: layout.journalFile("2026-11.jsonl")))
            let read = try Journal.read(layout, after: .start, decoder: CareJSON.decoder())
            #expect(read.entries.map(\.seq) == [1, 2])
        }
    }

    /// A snapshot's journal position is checked against the line that ends
    /// there, found however long it is (a batch of 1,000 customers is one
    /// line) and scanned for its number only.
    @Test func aPositionIsCheckedAgainstTheLongLineThatEndsThere() throws {
        try withTemporaryDirectory { directory in
            let layout = StoreLayout(directory: directory)
            try FileManager.default.createDirectory(atPath: layout.journalDirectory, withIntermediateDirectories: true)
            let name = "2026-11.jsonl"
            var data = Data()
            for seq in 1...3 { data.append(try line(seq)) }
            data.append(contentsOf: Array(String(repeating: "{\"seq\":4,\"summary\":\"", count: 1).utf8))
            data.append(contentsOf: Array(String(repeating: "y", count: 300_000).utf8))
            data.append(contentsOf: Array("\"}\n".utf8))
            try data.write(to: URL(fileURLWithPath: layout.journalFile(name)))
            let end = data.count
            #expect(try Journal.verify(JournalCursor(file: name, line: 4, offset: end, seq: 4), layout) == nil)
            let wrong = try Journal.verify(JournalCursor(file: name, line: 4, offset: end, seq: 5), layout)
            #expect(wrong == "says it holds every transaction up to 5, but the journal there is at 4")
            let second = try line(1).count * 2
            #expect(try Journal.verify(JournalCursor(file: name, line: 2, offset: second, seq: 2), layout) == nil)

            try Data("[1,2,3]\n".utf8).write(to: URL(fileURLWithPath: layout.journalFile(name)))
            #expect(
                try Journal.verify(JournalCursor(file: name, line: 1, offset: 8, seq: 1), layout)
                    == "points at a line of journal/\(name) that is not a transaction")
        }
    }
}
