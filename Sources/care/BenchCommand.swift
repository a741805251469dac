import ArgumentParser
import CareDomain
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the store at scale in a temporary directory.",
        discussion: """
            Seeds a temporary store, then times what a console and the commands do: open the \
            store for the first screen, load timelines, make durable changes, compact, check. \
            Run it in a release build: swift run -c release care bench --customers 100000 --moments 2000000
            """
    )

    @Option(help: "How many customers.")
    var customers = 10_000

    @Option(help: "How many moments in all (default: 20 per customer).")
    var moments: Int?

    @Option(help: "How many timelines and changes to time.")
    var samples = 200

    @Flag(help: "Keep the temporary store and print where it is.")
    var keep = false

    func validate() throws {
        guard SeedOptions.customerRange.contains(customers) else {
            throw ValidationError("--customers must be between 1 and \(SeedOptions.customerRange.upperBound).")
        }
        guard (1...100_000).contains(samples) else { throw ValidationError("--samples must be between 1 and 100000.") }
    }

    func run() throws {
        guard let me = SystemLogin.current() else { throw CLIError.noLogin }
        let directory = FileManager.default.temporaryDirectory.path + "/care-bench-\(ProcessInfo.processInfo.processIdentifier)"
        defer { if !keep { try? FileManager.default.removeItem(atPath: directory) } }
        var rows: [(String, String, String)] = []
        func row(_ name: String, _ value: String, _ target: String = "") {
            rows.append((name, value, target))
            print(String(repeating: " ", count: 2) + name + ": " + value, to: &standardError)
        }

        #if DEBUG
            print("warning: this is a debug build; measure with `swift run -c release care bench`.", to: &standardError)
        #endif
        let today = Day(containing: Date())
        let options = SeedOptions(customers: customers, moments: moments, today: today, supervisorLogin: me.login, supervisorName: me.name)
        Measure.resetPeakMemory()
        let (summary, seedTime) = try Measure.time { try Seeder.seed(options, into: FileStore(directory: directory)) }
        row("seed", "\(seedTime.formattedSeconds) (\(summary.customers) customers, \(summary.moments) moments, \(summary.incidents) incidents)")
        row("seed peak memory", megabytes(Measure.peakMemory()))

        // What a console does: open the store, then work in it.
        Measure.resetPeakMemory()
        var opens: [Duration] = []
        var store = FileStore(directory: directory)
        var state = StoreState()
        for _ in 0..<3 {
            store = FileStore(directory: directory)
            let (opened, elapsed) = try Measure.time { try store.open() }
            state = opened
            opens.append(elapsed)
        }
        row("first screen: open store", milliseconds(Measure.percentile(opens, 0.5)) + " median of 3", "< 500 ms")

        var random = SeedRandom(seed: 7)
        let customerIDs = state.customers.sorted.map(\.id)
        var timelines: [Duration] = []
        var timelineSizes = 0
        for _ in 0..<samples {
            let id = random.pick(customerIDs)
            let (timeline, elapsed) = try Measure.time { try store.moments(of: id) }
            timelineSizes += timeline.count
            timelines.append(elapsed)
        }
        row("one timeline", "\(milliseconds(Measure.percentile(timelines, 0.5))) median, \(milliseconds(Measure.percentile(timelines, 0.99))) p99 (\(timelineSizes / max(samples, 1)) moments avg)", "< 20 ms")

        let incidentIDs = state.incidents.sorted.map(\.id)
        let author = Author(login: me.login)
        var changes: [Duration] = []
        for number in 0..<(incidentIDs.isEmpty ? 0 : samples) {
            let id = random.pick(incidentIDs)
            let (_, elapsed) = try Measure.time {
                try store.transact(by: author) { current in
                    try IncidentRules.note(in: current, incident: id, text: "bench note \(number)", by: author, at: Date())
                }
            }
            changes.append(elapsed)
        }
        row("one durable change", "\(milliseconds(Measure.percentile(changes, 0.5))) median, \(milliseconds(Measure.percentile(changes, 0.99))) p99", "< 10 ms median")
        row("console peak memory", megabytes(Measure.peakMemory()), "< 300 MB")

        let (_, compactTime) = try Measure.time { try store.compact() }
        row("compaction", compactTime.formattedSeconds)

        Measure.resetPeakMemory()
        let (report, checkTime) = try Measure.time { try StoreChecker.check(directory: directory) }
        row("full check", "\(checkTime.formattedSeconds) (\(report.problems.count) problems)")
        row("check peak memory", megabytes(Measure.peakMemory()))

        let width = rows.map(\.0.count).max() ?? 10
        let valueWidth = rows.map(\.1.count).max() ?? 10
        print("care bench: \(customers) customers, \(summary.moments) moments, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        for (name, value, target) in rows {
            print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value.padding(toLength: valueWidth, withPad: " ", startingAt: 0) + "  " + target)
        }
        if keep { print("The store is kept in \(directory).") }
        if !report.isClean {
            for problem in report.problems.prefix(10) { print(problem, to: &standardError) }
            throw ExitCode(1)
        }
    }

    private func milliseconds(_ duration: Duration) -> String { String(format: "%.1f ms", duration.milliseconds) }
    private func megabytes(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1_048_576) }
}

/// `print(…, to: &standardError)` for progress that must not mix with the table.
nonisolated(unsafe) var standardError = StandardError()

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}
