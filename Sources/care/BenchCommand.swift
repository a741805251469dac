import ArgumentParser
import CareDomain
import CarePostgres
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

    @Option(help: "How many incidents in all, about (default: one for every five customers).")
    var incidents: Int?

    @Option(help: "How many timelines and changes to time.")
    var samples = 200

    @Option(help: "How many transactions the journal of the audit bench holds (0: no audit bench).")
    var auditTransactions = 1_000_000

    @Flag(help: "Keep the temporary store and print where it is.")
    var keep = false

    /// `--store postgresql://…`: also measure a store on PostgreSQL (the
    /// seeded store is copied into that database, which must hold no
    /// store) and print each figure beside the files' one. The root
    /// command shares these options, so the bench takes the group too.
    @OptionGroup var storeOptions: StoreOptions

    private var serverURL: String? { storeOptions.storeURL }

    @Option(help: "How many processes write at once for the concurrent writers' figure.")
    var writers = 8

    /// Internal: be one of the concurrent writers.
    @Option(help: .hidden)
    var notesOn: String?

    /// Internal: measure the session phase on this seeded store, in a fresh
    /// process so that the seed's memory does not count as the console's.
    @Option(help: .hidden)
    var sessionOn: String?

    /// Internal: be the other process that writes and compacts while the
    /// console is timed (`BusyStoreBench`).
    @Option(help: .hidden)
    var writeOn: String?

    @Option(help: .hidden)
    var seconds = BusyStoreBench.writerSeconds

    /// Internal: open the store and draw the console's first screen, then
    /// exit: what "first screen from process start" times.
    @Option(help: .hidden)
    var firstScreenOn: String?

    func validate() throws {
        if storeOptions.data != nil || storeOptions.demo {
            throw ValidationError("care bench seeds a store of its own: --data and --demo do not apply.")
        }
        guard SeedOptions.customerRange.contains(customers) else {
            throw ValidationError("--customers must be between 1 and \(SeedOptions.customerRange.upperBound).")
        }
        guard (1...100_000).contains(samples) else { throw ValidationError("--samples must be between 1 and 100000.") }
        guard (0...20_000_000).contains(auditTransactions) else {
            throw ValidationError("--audit-transactions must be between 0 and 20000000.")
        }
        if let incidents, incidents < 0 || incidents > 20 * customers {
            throw ValidationError("--incidents must be between 0 and 20 per customer.")
        }
    }

    func run() throws {
        if let writeOn {
            guard let me = SystemLogin.current() else { throw CLIError.noLogin }
            return try BusyStoreBench.write(on: writeOn, seconds: seconds, login: me.login)
        }
        if let firstScreenOn {
            return try BenchConsole.firstScreen(on: firstScreenOn)
        }
        if let notesOn {
            guard let me = SystemLogin.current() else { throw CLIError.noLogin }
            return try BenchStore.writeNotes(on: notesOn, seconds: seconds, login: me.login)
        }
        if let sessionOn {
            for (name, value, target) in try session(on: sessionOn) {
                print([name, value, target].joined(separator: "\t"))
            }
            return
        }
        guard let me = SystemLogin.current() else { throw CLIError.noLogin }
        guard let serverURL else { return try measure(by: me, postgres: nil) }
        // A database of its own on that server, dropped after.
        let server = try PostgresLocation(url: serverURL, login: me.login)
        try ScratchDatabase.with(on: server) { location in
            try measure(by: me, postgres: try PostgresLocation.url(serverURL, naming: location.database))
        }
    }

    /// Seeds the store and measures it; with `postgres`, the same store
    /// copied to that database too, each figure beside the files'.
    private func measure(by me: (login: String, name: String), postgres serverURL: String?) throws {
        let directory =
            FileManager.default.temporaryDirectory.path + "/care-bench-\(ProcessInfo.processInfo.processIdentifier)"
        defer { if !keep { try? FileManager.default.removeItem(atPath: directory) } }
        var rows: [Row] = []
        // The same figure on PostgreSQL, by the row's name (`--store`).
        var onServer: [String: String] = [:]
        func row(_ name: String, _ value: String, _ target: String = "", postgres: String? = nil) {
            rows.append((name, value, target))
            print("  " + name + ": " + value + (postgres.map { " | PostgreSQL: " + $0 } ?? ""), to: &standardError)
            if let postgres { onServer[name] = postgres }
        }
        /// Runs `measure` on the files, and on the server when there is one.
        func both<T>(_ measure: (String) throws -> T) throws -> (files: T, postgres: T?) {
            (try measure(directory), try serverURL.map(measure))
        }

        #if DEBUG
            print("warning: this is a debug build; measure with `swift run -c release care bench`.", to: &standardError)
        #endif
        let options = SeedOptions(
            customers: customers, moments: moments, incidents: incidents, today: Day(containing: Date()),
            supervisorLogin: me.login, supervisorName: me.name)
        let targets = BenchTargets(customers: customers)
        let (summary, seedTime) = try Measure.time { try Seeder.seed(options, into: FileStore(directory: directory)) }
        row(
            "seed",
            "\(seedTime.formattedSeconds) (\(summary.customers) customers, \(summary.moments) moments, \(summary.incidents) incidents)",
            targets.seed)
        row("seed peak memory", megabytes(Measure.peakMemory()))
        let author = Author(login: me.login)
        if let serverURL {
            let target = PostgresStore(location: try PostgresLocation(url: serverURL, login: me.login))
            let (copied, copyTime) = try Measure.time {
                try StoreMigration.copy(from: FileStore(directory: directory), to: target, by: author, from: directory)
            }
            row(
                "copied to PostgreSQL (care migrate without its read-back)",
                "\(copyTime.formattedSeconds) (\(copied.historyEntries) history entries), \(megabytes(Measure.peakMemory())) peak"
            )
        }

        // From starting `care` to the list drawn: a fresh process each time.
        let firstScreens = try both { name in try (0..<3).map { _ in try BenchConsole.timeFirstScreen(on: name) } }
        func median(_ times: [BenchConsole.FirstScreenTimes], _ time: KeyPath<BenchConsole.FirstScreenTimes, Duration>)
            -> String
        {
            milliseconds(Measure.percentile(times.map { $0[keyPath: time] }, 0.5)) + " median of 3"
        }
        row(
            "first screen, from starting care to the list drawn", median(firstScreens.files, \.drawn),
            targets.firstScreen, postgres: firstScreens.postgres.map { median($0, \.drawn) })
        row(
            "whole list sorted, from starting care (the filter waits for it)", median(firstScreens.files, \.whole),
            postgres: firstScreens.postgres.map { median($0, \.whole) })
        row(
            "every record held, from starting care (a profile waits for it)", median(firstScreens.files, \.records),
            postgres: firstScreens.postgres.map { median($0, \.records) })

        let sessions = try both { name in try runSession(on: name) }
        for sessionRow in sessions.files {
            row(
                sessionRow.0, sessionRow.1, sessionRow.2,
                postgres: sessions.postgres?.first { $0.0 == sessionRow.0 }?.1)
        }

        let throughput = try both { name in
            try BenchStore.concurrentWriters(on: name, writers: writers, seconds: BusyStoreBench.writerSeconds / 2)
        }
        func perSecond(_ measured: (perSecond: Double, total: Int)) -> String {
            String(
                format: "%.0f changes/s (%d in %d s)", measured.perSecond, measured.total,
                BusyStoreBench.writerSeconds / 2)
        }
        row(
            "\(writers) processes writing at once", perSecond(throughput.files),
            postgres: throughput.postgres.map(perSecond))

        // The seed leaves stages as the customers' lives left them; the first
        // run brings them up to date, the second finds nothing due.
        let quietTimes = try both { name in
            try BenchConsole.runSelf(["expire"] + BenchStore.arguments(name))
            return try (0..<3).map { _ in
                try Measure.time { try BenchConsole.runSelf(["expire"] + BenchStore.arguments(name)) }.1
            }
        }
        func median(_ times: [Duration]) -> String { milliseconds(Measure.percentile(times, 0.5)) + " median of 3" }
        row(
            "care expire, nothing due", median(quietTimes.files), targets.quietExpiry,
            postgres: quietTimes.postgres.map(median))
        let dueRuns = try both { name in
            try Measure.time {
                // As `care expire` makes it: on files, one compaction at the end.
                try ExpiryRun.run(
                    store: BenchStore.isURL(name)
                        ? try BenchStore.open(name) : FileStore(directory: name, compactsOnWrite: false),
                    today: options.today.adding(days: 30), by: author)
            }
        }
        func dueRun(_ run: (ExpiryRun.Report, Duration)) -> String {
            "\(run.1.formattedSeconds) (\(run.0.pointsExpired) points, \(run.0.customersChanged) customers, \(run.0.tierChanges.count) tiers)"
        }
        row("care expire, 30 days on", dueRun(dueRuns.files), targets.dueExpiry, postgres: dueRuns.postgres.map(dueRun))

        // A campaign to report on: the segment that had most customers a month ago.
        let campaignStart = options.today.adding(days: -20)
        _ = try both { name in
            try BenchStore.open(name).transact(by: author) { state in
                try CampaignRules.add(
                    Campaign(
                        id: "bench", title: "Bench campaign", segment: .potential, from: campaignStart,
                        to: campaignStart.adding(days: 13), objectives: [.init(measure: .purchases, changePercent: 10)]
                    ),
                    in: state, by: author)
            }
        }
        for report in ["segments", "profitability", "touchpoints", "campaign bench"] {
            let times = try both { name in
                try (0..<3).map { _ in
                    try Measure.time {
                        try BenchConsole.runSelf(
                            ["report"] + report.split(separator: " ").map(String.init) + BenchStore.arguments(name))
                    }.1
                }
            }
            row(
                "care report \(report)", median(times.files), targets.report, postgres: times.postgres.map(median))
        }

        // `h` over a year of journal, in a store of its own beside this one.
        let auditDirectory = directory + "-audit"
        defer { try? FileManager.default.removeItem(atPath: auditDirectory) }
        for auditRow in try AuditBench.rows(
            customers: try FileStore(directory: directory).open().customers.ids, transactions: auditTransactions,
            login: me.login, in: auditDirectory, target: targets.customerAudit)
        {
            row(auditRow.0, auditRow.1, auditRow.2)
        }

        let checks = try both { name in
            try Measure.time {
                if BenchStore.isURL(name), let server = try BenchStore.open(name) as? PostgresStore {
                    return try PostgresCheck.check(server)
                }
                return try StoreChecker.check(directory: name)
            }
        }
        func checked(_ run: (CheckReport, Duration)) -> String {
            "\(run.1.formattedSeconds) (\(run.0.problems.count) problems)"
        }
        row("care check", checked(checks.files), targets.check, postgres: checks.postgres.map(checked))
        let report = checks.files.0

        let width = rows.map(\.0.count).max() ?? 10
        let valueWidth = rows.map(\.1.count).max() ?? 10
        print(
            "care bench: \(customers) customers, \(summary.moments) moments, \(ProcessInfo.processInfo.activeProcessorCount) cores"
        )
        for (name, value, target) in rows {
            print(
                name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + value.padding(toLength: valueWidth, withPad: " ", startingAt: 0) + "  " + target)
        }
        if serverURL != nil {
            print(
                "\nThe same figures, files and PostgreSQL (\(writers) writers; targets for PostgreSQL: first screen ≤ 1 s, a durable change ≤ 10 ms median, the rest within 2× of files):"
            )
            let shared = rows.filter { onServer[$0.0] != nil }
            let fileWidth = shared.map(\.1.count).max() ?? 10
            for (name, value, _) in shared {
                print(
                    name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                        + value.padding(toLength: fileWidth, withPad: " ", startingAt: 0) + "  "
                        + (onServer[name] ?? ""))
            }
        }
        if keep { print("The store is kept in \(directory).") }
        if !report.isClean {
            for problem in report.problems.prefix(10) { print(problem, to: &standardError) }
            throw ExitCode(1)
        }
    }

    typealias Row = (String, String, String)

    /// Runs the session phase in a child process (this same executable).
    private func runSession(on name: String) throws -> [Row] {
        let (child, output) = try BenchConsole.startSelf([
            "bench", "--session-on", name, "--samples", String(samples),
        ])
        let data = output.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        guard child.terminationStatus == 0 else { throw ExitCode(child.terminationStatus) }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "", parts.count > 2 ? parts[2] : "")
        }
    }

    /// What a console session does: open the store (timed three times, each
    /// from nothing), then load timelines and make durable changes. `name`
    /// is a directory or a URL; the parts that measure files (a second
    /// process compacting, compaction) are the file store's only.
    private func session(on name: String) throws -> [Row] {
        guard let me = SystemLogin.current() else { throw CLIError.noLogin }
        var rows: [Row] = []
        var opens: [Duration] = []
        for _ in 0..<3 {
            let (_, elapsed) = try Measure.time { try BenchStore.open(name).open() }
            opens.append(elapsed)
        }
        rows.append(
            ("open store (in a running process)", milliseconds(Measure.percentile(opens, 0.5)) + " median of 3", ""))
        var listings: [Duration] = []
        for _ in 0..<3 {
            let (_, elapsed) = try Measure.time { try BenchStore.open(name).openListing() }
            listings.append(elapsed)
        }
        rows.append(
            (
                "open for the first screen (in a running process)",
                milliseconds(Measure.percentile(listings, 0.5)) + " median of 3", ""
            ))

        // As a console does: the first screen's state is held while the
        // store is read whole, so the peak memory counts both.
        let store = try BenchStore.open(name)
        let listing = try store.openListing()
        let state =
            listing.holdsEveryRecord
            ? listing : try withExtendedLifetime(listing) { try store.refresh() ?? store.open() }
        var random = SeedRandom(seed: 7)
        let customerIDs = state.customers.ids
        var timelines: [Duration] = []
        var timelineSizes = 0
        for _ in 0..<samples {
            let id = random.pick(customerIDs)
            let (timeline, elapsed) = try Measure.time { try store.moments(of: id) }
            timelineSizes += timeline.count
            timelines.append(elapsed)
        }
        rows.append(
            (
                "one timeline",
                "\(milliseconds(Measure.percentile(timelines, 0.5))) median, \(milliseconds(Measure.percentile(timelines, 0.99))) p99 (\(timelineSizes / max(samples, 1)) moments avg)",
                "< 20 ms"
            ))

        // Enter in the register dialog looks for possible duplicates on the
        // screen's thread: every customer's phone, email and name.
        var checks: [Duration] = []
        for _ in 0..<max(3, samples / 10) {
            let known = random.pick(customerIDs)
            let draft = CustomerDraft(fields: [
                .name: state.customers.summary(of: known)?.name ?? "Ana", .phone: "+34 600 000 000",
                .email: "someone@example.com", .birthDate: "1980-05-01",
            ])
            let (_, elapsed) = Measure.time { CustomerRules.duplicates(of: draft, in: state) }
            checks.append(elapsed)
        }
        rows.append(
            (
                "register: possible duplicates (\(customerIDs.count) customers)",
                "\(milliseconds(Measure.percentile(checks, 0.5))) median, \(milliseconds(Measure.percentile(checks, 0.99))) p99",
                "< 16 ms (a frame)"
            ))

        let changes = try BenchConsole.timeNotes(
            samples, on: store, incidents: state.incidents.ids, by: Author(login: me.login), seed: 7, text: "bench note"
        )
        rows.append(
            (
                "one durable change",
                "\(milliseconds(Measure.percentile(changes, 0.5))) median, \(milliseconds(Measure.percentile(changes, 0.99))) p99",
                "≤ 10 ms median"
            ))
        var reports: [Duration] = []
        var reportRows = 0
        for _ in 0..<3 {
            let (lines, elapsed) = try Measure.time {
                let options = try StoreOptions.parse(BenchStore.arguments(name))
                let text = try ReportCommand.Agents.report(
                    options, period: .days(30, endingOn: Day(containing: Date())), sort: .resolved, format: .table)
                return text.split(separator: "\n").count
            }
            reportRows = lines
            reports.append(elapsed)
        }
        rows.append(
            (
                "care report agents (open + 30-day scores)",
                "\(milliseconds(Measure.percentile(reports, 0.5))) median of 3 (\(state.incidents.count) incidents, \(reportRows - 1) rows)",
                "< 1 s"
            ))
        rows += try ConsoleBench.measure(store: store, state: state, agent: me.login)
        // Before the console under load: that part adds a second console and
        // the compactions the other process's writes make due.
        rows.append(
            (
                "console peak memory", megabytes(Measure.peakMemory()) + " (whole session process)",
                BenchTargets(customers: state.customers.count).consolePeak
            ))
        guard let files = store as? FileStore else { return rows }
        rows += try BusyStoreBench.measure(directory: name, state: state, login: me.login)
        rows.append(("peak memory with the console under load", megabytes(Measure.peakMemory()), ""))
        let (_, compactTime) = try Measure.time { try files.compact() }
        rows.append(("compaction", compactTime.formattedSeconds, ""))
        return rows
    }

    private func milliseconds(_ duration: Duration) -> String { duration.formattedMilliseconds }
    private func megabytes(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1_048_576) }
}

/// `print(…, to: &standardError)` for progress that must not mix with the table.
nonisolated(unsafe) var standardError = StandardError()

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}
