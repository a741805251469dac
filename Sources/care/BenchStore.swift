import CareDomain
import CarePostgres
import Foundation

/// A store `care bench` measures, named as on a command line: a directory,
/// or a `postgresql://` URL (the side-by-side run of `care bench --store`).
enum BenchStore {
    static func isURL(_ name: String) -> Bool { PostgresLocation.isURL(name) }

    static func open(_ name: String) throws -> any CareStore {
        guard isURL(name) else { return FileStore(directory: name) }
        return PostgresStore(
            location: try PostgresLocation(url: name, login: SystemLogin.current()?.login))
    }

    /// The options that name it to a `care` command.
    static func arguments(_ name: String) -> [String] { isURL(name) ? ["--store", name] : ["--data", name] }

    /// `--notes-on STORE`: a writer of `care bench`'s concurrent writers,
    /// which notes incidents as fast as it can for `seconds` ("writer PID
    /// note N", N from 0) and prints how many it made.
    static func writeNotes(on name: String, seconds: Int, login: String) throws {
        let store = try open(name)
        let incidents = try store.open().incidents.ids
        guard !incidents.isEmpty else { return print(0) }
        let author = Author(login: login)
        let process = ProcessInfo.processInfo.processIdentifier
        var random = SeedRandom(seed: UInt64(process))
        let deadline = Date().addingTimeInterval(Double(seconds))
        var count = 0
        while Date() < deadline {
            let id = random.pick(incidents)
            _ = try store.transact(by: author) { current in
                try IncidentRules.note(
                    in: current, incident: id, text: "writer \(process) note \(count)", by: author, at: Date())
            }
            count += 1
        }
        print(count)
    }

    /// `writers` processes noting incidents at once for `seconds`: the
    /// changes each second all of them made, together.
    static func concurrentWriters(on name: String, writers: Int, seconds: Int) throws -> (perSecond: Double, total: Int)
    {
        let children = try (0..<writers).map { _ in
            try BenchConsole.startSelf(["bench", "--notes-on", name, "--seconds", String(seconds)])
        }
        var total = 0
        for (child, output) in children {
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            child.waitUntilExit()
            guard child.terminationStatus == 0, let made = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            else { throw CLIError.outOfRange("A concurrent writer on \(name) failed.") }
            total += made
        }
        return (Double(total) / Double(seconds), total)
    }
}
