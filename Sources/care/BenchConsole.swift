import CareConsole
import CareDomain
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Helpers `care bench`'s console figures share.
enum BenchConsole {
    /// A real ncurses session at 80×24 writing to a file instead of a tty;
    /// `body` gets the terminal and the file (to count bytes), both closed after.
    static func withCursesOnFile<T>(
        _ name: String, _ body: (NcursesTerminal, UnsafeMutablePointer<FILE>) throws -> T
    ) throws -> T {
        let outputPath = FileManager.default.temporaryDirectory.path + "/care-bench-\(name)-\(getpid())"
        defer { unlink(outputPath) }
        guard let output = fopen(outputPath, "w"), let input = fopen("/dev/null", "r") else {
            throw CLIError.outOfRange("Cannot create a file to measure frames in the temporary directory.")
        }
        defer {
            fclose(output)
            fclose(input)
        }
        setenv("LINES", "24", 1)
        setenv("COLUMNS", "80", 1)
        let terminal = try NcursesTerminal(theme: .standard, type: "xterm-256color", output: output, input: input)
        defer { terminal.stop() }
        return try body(terminal, output)
    }

    /// This same executable started with `arguments`, its output piped back.
    static func startSelf(_ arguments: [String]) throws -> (Process, Pipe) {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = arguments
        let output = Pipe()
        child.standardOutput = output
        try child.run()
        return (child, output)
    }

    /// Runs this same executable with `arguments` to its end, its output
    /// thrown away; fails when it does.
    static func runSelf(_ arguments: [String]) throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = arguments
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        child.waitUntilExit()
        guard child.terminationStatus == 0 else {
            throw CLIError.outOfRange(
                "care \(arguments.joined(separator: " ")) exited with \(child.terminationStatus).")
        }
    }

    /// What a console does before its first screen: open the store for
    /// it (`openListing`), list it (its first rows only, in a large
    /// store), draw it at 80×24 (into memory: the bench has no terminal).
    /// Prints the system's monotonic clock once it is drawn, so the parent
    /// times start to screen without the process's exit; then, as a
    /// console does both after its first screen and at once, when the
    /// whole list is sorted (the filter waits for it) and when every
    /// record is held (a profile waits for it: a store on a server reads
    /// its customers' records after the first screen).
    static func firstScreen(on name: String) throws {
        guard let me = SystemLogin.current() else { throw CLIError.noLogin }
        let store = try BenchStore.open(name)
        var state = AppState(store: try store.openListing(), now: Date(), agent: me.login, firstRows: .console)
        _ = update(&state, .resize(Size(width: 80, height: 24)))
        let screen = render(state)
        guard screen.size.width == 80 else { throw CLIError.outOfRange("The first screen was not drawn.") }
        print(monotonicNanoseconds())
        let listed = state.store
        let (list, records) = Parallel.both(
            {
                let list = CustomerList(of: listed)
                return (list, monotonicNanoseconds())
            },
            {
                Result { () throws(StoreError) -> StoreState in
                    listed.holdsEveryRecord ? listed : try store.refresh() ?? listed
                }.map { ($0, monotonicNanoseconds()) }
            })
        _ = update(&state, .customersListed(list.0))
        guard state.isListWhole else { throw CLIError.outOfRange("The whole list was not sorted.") }
        guard try records.get().0.holdsEveryRecord else { throw CLIError.outOfRange("The records were not read.") }
        print(list.1)
        print(try records.get().1)
    }

    /// Starting this executable with `--first-screen-on STORE` (a directory
    /// or a URL) to its first screen drawn, to its whole list sorted, and
    /// to every record held.
    static func timeFirstScreen(on name: String) throws -> FirstScreenTimes {
        let started = monotonicNanoseconds()
        let (child, output) = try startSelf(["bench", "--first-screen-on", name])
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        let times = text.split(separator: "\n").compactMap { UInt64($0.trimmingCharacters(in: .whitespaces)) }
        guard child.terminationStatus == 0, times.count == 3, times[0] >= started, times[1] >= times[0],
            times[2] >= times[0]
        else {
            throw CLIError.outOfRange("The first screen was not drawn.")
        }
        func since(_ time: UInt64) -> Duration { .nanoseconds(Int64(time - started)) }
        return FirstScreenTimes(drawn: since(times[0]), whole: since(times[1]), records: since(times[2]))
    }

    /// From starting `care` to: the first screen drawn, the whole list
    /// sorted, every record held.
    struct FirstScreenTimes {
        var drawn: Duration
        var whole: Duration
        var records: Duration
    }

    /// CLOCK_MONOTONIC, which every process on the machine shares.
    static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    /// Times `count` notes on random incidents written through `store`.
    static func timeNotes(
        _ count: Int, on store: any CareStore, incidents: [IncidentID], by author: Author, seed: UInt64, text: String
    ) throws -> [Duration] {
        var random = SeedRandom(seed: seed)
        var times: [Duration] = []
        for number in 0..<(incidents.isEmpty ? 0 : count) {
            let id = random.pick(incidents)
            let (_, elapsed) = try Measure.time {
                try store.transact(by: author) { current in
                    try IncidentRules.note(in: current, incident: id, text: "\(text) \(number)", by: author, at: Date())
                }
            }
            times.append(elapsed)
        }
        return times
    }
}
