import CareDomain
import CarePostgres
import Foundation
import Synchronization
import Testing

/// The store protocol's concurrent-writers promise across processes, not
/// threads: four `care` processes (the bench's writers) noting incidents
/// at once on one store, on files and on PostgreSQL.
enum ConcurrentProcesses {
    static let writers = 4

    /// Runs the writers on `name` (a directory or URL), then reads the
    /// store through `store`: every change kept once, each process's in the
    /// order it made them, the journal numbered without a gap, and `care
    /// check` clean.
    static func loseNothing(on name: String, _ store: () throws -> any CareStore) throws {
        let before = try store().journalEntries().count
        let outcomes = Mutex<[CareProcess.Outcome]>([])
        DispatchQueue.concurrentPerform(iterations: writers) { _ in
            let outcome =
                (try? CareProcess.run(["bench", "--notes-on", name, "--seconds", "2"]))
                ?? CareProcess.Outcome(status: -1, stdout: "", stderr: "did not start")
            outcomes.withLock { $0.append(outcome) }
        }
        let counts = outcomes.withLock { $0 }.map { outcome in
            #expect(outcome.status == 0, "\(outcome.stderr)")
            return Int(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }
        #expect(counts.count == writers && counts.allSatisfy { $0 > 0 }, "\(counts)")
        let entries = try store().journalEntries()
        #expect(entries.count == before + counts.reduce(0, +))
        #expect(entries.map(\.seq) == Array(1...entries.count))
        var notes: [String: [Int]] = [:]
        for entry in entries.dropFirst(before) {
            for case .incidentEvent(let event) in entry.changes {
                let words = (event.text ?? "").split(separator: " ")
                guard words.count == 4, words[0] == "writer", let number = Int(words[3]) else { continue }
                notes[String(words[1]), default: []].append(number)
            }
        }
        // Each process's notes, once each, in the order it made them.
        #expect(notes.values.map { $0 }.sorted { $0.count < $1.count } == counts.sorted().map { Array(0..<$0) })
        let check = try CareProcess.run(
            ["check"] + (PostgresLocation.isURL(name) ? ["--store", name] : ["--data", name]))
        #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
    }
}

@Suite struct ConcurrentProcessesTests {
    @Test func severalProcessesWritingAtOnceToTheFilesLoseNothing() throws {
        try withTemporaryDirectory { directory in
            let store = directory + "/s"
            try seedSmallStore(store)
            try ConcurrentProcesses.loseNothing(on: store) { FileStore(directory: store) }
        }
    }
}
