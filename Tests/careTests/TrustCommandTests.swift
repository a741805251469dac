import CareDomain
import Foundation
import Testing

/// The hostile run's findings, end to end through the command line.
@Suite struct TrustCommandTests {
    /// A deactivated supervisor regains nothing through `--as`.
    @Test func aDeactivatedSupervisorCannotActAsAnyone() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 10)
            #expect(
                try CareProcess.run(["agent", "set", "bibanez", "--role", "supervisor", "--data", directory]).status
                    == 0)
            let me = try #require(
                try FileStore(directory: directory).open().agents.sorted.first {
                    $0.role == .supervisor && $0.id != "bibanez"
                })
            #expect(
                try CareProcess.run(["agent", "set", me.id.rawValue, "--active", "no", "--data", directory]).status == 0
            )
            let before = snapshot(directory)
            for command in [
                ["agent", "add", "mallory", "--name", "Mallory", "--role", "supervisor"], ["export", "customers"],
                ["privacy", "export", "C000001"], ["incident", "note", "I000001", "hello"],
            ] {
                let run = try CareProcess.run(command + ["--as", "bibanez", "--data", directory])
                #expect(run.status != 0, "\(command)")
                #expect(
                    run.stderr.contains(
                        "Only an active supervisor may act as another agent; \(me.id) is no longer active in this store's roster."
                    ),
                    "\(command): \(run.stderr)")
                #expect(run.stdout.isEmpty, "\(command)")
            }
            #expect(snapshot(directory) == before)
        }
    }

    /// Personal data written by a command is 0600 whatever the umask, never
    /// through a symbolic link, and an existing file only with --force.
    @Test func exportsArePrivateAndNeverFollowALink() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 10)
            let old = umask(0)
            defer { umask(old) }
            let output = directory + "-person.json"
            defer { try? FileManager.default.removeItem(atPath: output) }
            let first = try CareProcess.run(["privacy", "export", "C000001", "-o", output, "--data", directory])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(try mode(output) == 0o600)
            let again = try CareProcess.run(["privacy", "export", "C000001", "-o", output, "--data", directory])
            #expect(again.status != 0)
            #expect(
                again.stderr.contains("\(output) already exists; choose another file, or add --force to overwrite it."),
                "\(again.stderr)")
            #expect(chmod(output, 0o644) == 0)
            let forced = try CareProcess.run(["export", "customers", "-o", output, "--force", "--data", directory])
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(try mode(output) == 0o600)
            #expect(try String(contentsOfFile: output, encoding: .utf8).contains("C000001"))

            let victim = directory + "-victim"
            let link = directory + "-link.csv"
            defer {
                try? FileManager.default.removeItem(atPath: victim)
                try? FileManager.default.removeItem(atPath: link)
            }
            try Data("keep".utf8).write(to: URL(fileURLWithPath: victim))
            #expect(symlink(victim, link) == 0)
            for force in [[], ["--force"]] {
                let run = try CareProcess.run(["export", "customers", "-o", link, "--data", directory] + force)
                #expect(run.status != 0)
                #expect(
                    run.stderr.contains("\(link) is a symbolic link; care does not write personal data through one"),
                    "\(run.stderr)")
            }
            #expect(FileManager.default.contents(atPath: victim) == Data("keep".utf8))
        }
    }

    /// A link planted inside a shared store is refused with a sentence that
    /// names it, nothing is written outside the store, and check reports it.
    @Test func plantedSymbolicLinksAreRefusedAndReported() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 10)
            let outside = directory + "-outside"
            try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: outside) }
            let layout = StoreLayout(directory: directory)
            let moments = layout.history(.moments, of: "C000005")
            let relative = layout.relative(moments)
            // A purchase puts a moment for C000005 in the journal, so the
            // next compaction must fold it into the planted file.
            #expect(
                try CareProcess.run([
                    "points", "purchase", "C000005", "10", "--touchpoint", "store-purchase", "--data", directory,
                ]).status == 0)
            try? FileManager.default.removeItem(atPath: moments)
            #expect(symlink(outside + "/stolen.jsonl", moments) == 0)
            let compact = try CareProcess.run(["compact", "--data", directory])
            #expect(compact.status != 0)
            #expect(
                compact.stderr.contains(
                    "\(relative) in the data directory is a symbolic link, which care never follows"),
                "\(compact.stderr)")
            #expect(!FileManager.default.fileExists(atPath: outside + "/stolen.jsonl"))
            let check = try CareProcess.run(["check", "--data", directory])
            #expect(check.status == 1)
            #expect(check.stdout.contains("\(relative) is a symbolic link"), "\(check.stdout)")
            try FileManager.default.removeItem(atPath: moments)

            // The lock, and the torn-tail folder.
            try FileManager.default.removeItem(atPath: directory + "/lock")
            #expect(symlink(outside + "/lock", directory + "/lock") == 0)
            let note = try CareProcess.run(["incident", "note", "I000001", "hello", "--data", directory])
            #expect(note.status != 0)
            #expect(note.stderr.contains("lock in the data directory is a symbolic link"), "\(note.stderr)")
            #expect(!FileManager.default.fileExists(atPath: outside + "/lock"))
            try FileManager.default.removeItem(atPath: directory + "/lock")

            #expect(symlink(outside, directory + "/journal/torn") == 0)
            let journal = try #require(
                try FileManager.default.contentsOfDirectory(atPath: directory + "/journal").first {
                    $0.hasSuffix(".jsonl")
                })
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/journal/" + journal))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("{\"seq\":".utf8))
            try handle.close()
            let torn = try CareProcess.run(["incident", "note", "I000001", "hello", "--data", directory])
            #expect(torn.status != 0)
            #expect(torn.stderr.contains("journal/torn in the data directory is a symbolic link"), "\(torn.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
        }
    }

    /// With umask 022 the lock is still made for the group in a shared
    /// store, so the other agents can take it.
    @Test func theLockGetsTheStoresModeWhateverTheUmask() throws {
        try withTemporaryDirectory { directory in
            let shared = directory + "/shared"
            try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
            #expect(chmod(shared, 0o2770) == 0)
            let old = umask(0o022)
            defer { umask(old) }
            let made = try CareProcess.run(["init", "--data", shared])
            #expect(made.status == 0, "\(made.stderr)")
            try? FileManager.default.removeItem(atPath: shared + "/lock")
            #expect(try CareProcess.run(["agent", "add", "ana", "--name", "Ana", "--data", shared]).status == 0)
            #expect(try mode(shared + "/lock") == 0o660)
            #expect(try mode(shared + "/journal") == 0o2770)
        }
    }

    /// An error that quotes what was typed shows its control characters as
    /// marks: an escape sequence never reaches the terminal.
    @Test func errorsNeverSendControlCharactersToTheTerminal() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 5)
            let run = try CareProcess.run(["points", "history", "C\u{1B}]0;pwned\u{07}", "--data", directory])
            #expect(run.status != 0)
            #expect(!run.stderr.contains("\u{1B}") && !run.stderr.contains("\u{07}"))
            #expect(run.stderr.contains("C^[]0;pwned^G"), "\(run.stderr)")
        }
    }

    private func mode(_ path: String) throws -> mode_t {
        var info = stat()
        #expect(lstat(path, &info) == 0)
        return info.st_mode & 0o7777
    }
}
