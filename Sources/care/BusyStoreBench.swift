import CareConsole
import CareDomain
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `care bench`'s console under load: key-to-screen through the console's
/// own loop while another process writes to the same store and compacts
/// it, and what a write cost when it ran on the key's path (as it did
/// before the loop handed its I/O to `Effects`).
enum BusyStoreBench {
    /// How long the other process writes: longer than the keys take.
    static let writerSeconds = 20

    /// The other process (`care bench --write-on DIR`): notes on incidents
    /// as fast as it can, compacting after every 200 of them, for `seconds`;
    /// prints how many of each it made.
    static func write(on directory: String, seconds: Int, login: String) throws {
        let store = FileStore(directory: directory, compactAfter: 200, compactsOnWrite: false)
        let state = try store.open()
        let incidents = state.incidents.ids
        guard !incidents.isEmpty else { return }
        let author = Author(login: login)
        var random = SeedRandom(seed: 13)
        let deadline = Date().addingTimeInterval(Double(seconds))
        var number = 0
        var compactions = 0
        while Date() < deadline {
            let id = random.pick(incidents)
            number += 1
            _ = try store.transact(by: author) { current in
                try IncidentRules.note(
                    in: current, incident: id, text: "other counter \(number)", by: author, at: Date())
            }
            if try store.compactIfDue() { compactions += 1 }
        }
        print("\(number)\t\(compactions)")
    }

    static func measure(directory: String, state: StoreState, login: String) throws -> [BenchCommand.Row] {
        let (writer, writerOutput) = try BenchConsole.startSelf([
            "bench", "--write-on", directory, "--seconds", String(writerSeconds),
        ])
        // Let the writer open the store and start.
        Thread.sleep(forTimeInterval: 1)

        let timed = try BenchConsole.withCursesOnFile("busy") { curses, _ in
            let terminal = TimingTerminal(drawingOn: curses, keys: script(rounds: 12))
            let store = FileStore(directory: directory, compactsOnWrite: false)
            try Console(store: store, author: Author(login: login)).run(on: terminal, opened: try store.open())
            return terminal
        }
        let latencies = timed.latencies
        var rows: [BenchCommand.Row] = [
            (
                "key-to-screen while another process writes and compacts",
                String(
                    format: "%.1f ms median, %.1f ms p99, %.0f ms worst (%d keys, %d of them writes)",
                    Measure.percentile(latencies, 0.5).milliseconds, Measure.percentile(latencies, 0.99).milliseconds,
                    (latencies.max() ?? .zero).milliseconds, latencies.count, timed.writes),
                "≤ 16 ms p99"
            )
        ]
        // The same writes made on the key's path, as the loop did before.
        let onPath = FileStore(directory: directory, compactAfter: 200)
        let costs = try BenchConsole.timeNotes(
            60, on: onPath, incidents: state.incidents.ids, by: Author(login: login), seed: 17, text: "on the path")
        rows.append(
            (
                "a write key on the loop, as before (same load)",
                String(
                    format: "%.1f ms median, %.1f ms p99, %.0f ms worst (%d writes)",
                    Measure.percentile(costs, 0.5).milliseconds, Measure.percentile(costs, 0.99).milliseconds,
                    (costs.max() ?? .zero).milliseconds, costs.count),
                ""
            ))
        let said = String(decoding: writerOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        writer.waitUntilExit()
        let counts = said.split(whereSeparator: { $0 == "\t" || $0 == "\n" }).map(String.init)
        rows.append(
            (
                "the other process meanwhile",
                counts.count == 2
                    ? "\(counts[0]) writes, \(counts[1]) compactions in \(writerSeconds) s"
                    : "exited with status \(writer.terminationStatus)",
                ""
            ))
        return rows
    }

    /// An agent's keys: moving through the list (each loads a profile),
    /// filtering, and a note on an incident now and then (a write).
    static func script(rounds: Int) -> [Key] {
        var keys: [Key] = []
        for round in 0..<rounds {
            keys += Array(repeating: .character("j"), count: 6) + Array(repeating: .character("k"), count: 3)
            keys += [.character("/")] + "mar".map(Key.character) + Array(repeating: .backspace, count: 3) + [.enter]
            keys +=
                [.character("4"), .character("j"), .character("n")] + "bench \(round)".map(Key.character) + [.enter]
            keys += [.character("1")]
        }
        return keys + [.character("q")]
    }
}

/// A terminal that types a script of keys, one every 30 ms as a quick
/// agent would, and times each from the moment it is read to the next frame
/// drawn (which curses puts on its output).
final class TimingTerminal: Terminal {
    private let curses: NcursesTerminal
    private var keys: [Key]
    private var lastKey = Date()
    private var awaiting: ContinuousClock.Instant?
    private(set) var latencies: [Duration] = []
    private(set) var writes = 0

    init(drawingOn curses: NcursesTerminal, keys: [Key]) {
        self.curses = curses
        self.keys = keys
    }

    var size: Size { Size(width: 80, height: 24) }

    func draw(_ screen: Screen) {
        curses.draw(screen)
        if let awaiting {
            latencies.append(ContinuousClock.now - awaiting)
            self.awaiting = nil
        }
    }

    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        let due = lastKey.addingTimeInterval(0.03)
        let wait = due.timeIntervalSinceNow
        if wait > 0 {
            Thread.sleep(forTimeInterval: min(wait, Double(timeoutMilliseconds) / 1000))
            if due.timeIntervalSinceNow > 0 { return nil }
        }
        guard !keys.isEmpty else { return nil }
        let key = keys.removeFirst()
        lastKey = Date()
        awaiting = ContinuousClock.now
        if key == .enter, keys.first == .character("1") { writes += 1 }
        return .key(key)
    }
}
