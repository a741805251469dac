import Foundation
import Testing

/// Bad input gets one clear sentence on stderr, a non-zero exit, and leaves
/// every file as it was.
@Suite struct BadInputTests {
    @Test func anUnknownOptionIsNamed() throws {
        let outcome = try CareProcess.run(["check", "--bogus"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.hasPrefix("Error: Unknown option '--bogus'"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test func aDataDirectoryThatIsAFileIsRefused() throws {
        try withTemporaryDirectory { directory in
            let file = directory + "/notes"
            #expect(FileManager.default.createFile(atPath: file, contents: Data("keep".utf8)))
            for arguments in [["check"], ["seed", "--customers", "5"], ["incident", "note", "I000001", "x"]] {
                let outcome = try CareProcess.run(arguments + ["--data", file])
                #expect(outcome.status != 0, "\(arguments)")
                #expect(
                    outcome.stderr.contains("The data directory \(file) is a file, not a directory"),
                    "\(arguments): \(outcome.stderr)")
            }
            #expect(FileManager.default.contents(atPath: file) == Data("keep".utf8))
        }
    }

    @Test func aDirectoryThatCannotBeWrittenIsRefused() throws {
        let outcome = try CareProcess.run(["seed", "--customers", "5", "--data", "/proc/care-cannot-be-here"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("Cannot write to /proc/care-cannot-be-here"), "\(outcome.stderr)")
        if getuid() != 0 {
            try withTemporaryDirectory { directory in
                #expect(chmod(directory, 0o500) == 0)
                defer { chmod(directory, 0o700) }
                let refused = try CareProcess.run(["seed", "--customers", "5", "--data", directory + "/store"])
                #expect(refused.status != 0)
                #expect(refused.stderr.contains("Cannot write to"))
            }
        }
    }

    @Test func aMissingStoreSaysHowToMakeOne() throws {
        try withTemporaryDirectory { directory in
            let outcome = try CareProcess.run(["check", "--data", directory + "/nothing"])
            #expect(outcome.status == 2)
            #expect(
                outcome.stderr
                    == "There is no care store in \(directory)/nothing; create one with `care seed` (or pass --data DIR).\n"
            )
            #expect(!FileManager.default.fileExists(atPath: directory + "/nothing"))
        }
    }

    @Test func aStoreFromANewerCareIsLeftAlone() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory)
            let manifest = directory + "/store.json"
            let text = try String(contentsOfFile: manifest, encoding: .utf8)
            try text.replacingOccurrences(of: "\"format\" : 1", with: "\"format\" : 2").write(
                toFile: manifest, atomically: false, encoding: .utf8)
            let before = snapshot(directory)
            for arguments in [["check"], ["incident", "note", "I000001", "x"], ["seed"], ["compact"]] {
                let outcome = try CareProcess.run(arguments + ["--data", directory])
                #expect(outcome.status != 0, "\(arguments)")
                let expected =
                    arguments == ["seed"]
                    ? "already has data" : "written by a newer care (store format 2; this care reads up to 1)"
                #expect(outcome.stderr.contains(expected), "\(arguments): \(outcome.stderr)")
            }
            #expect(snapshot(directory) == before)
        }
    }

    @Test func aCorruptFileIsNamedAndNeverOverwritten() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory)
            let path = directory + "/customers.json"
            let bytes = try #require(FileManager.default.contents(atPath: path))
            try bytes.prefix(bytes.count - 500).write(to: URL(fileURLWithPath: path))
            let before = snapshot(directory)

            let check = try CareProcess.run(["check", "--data", directory])
            #expect(check.status == 1)
            #expect(check.stdout.hasPrefix("customers.json"), "\(check.stdout)")
            let note = try CareProcess.run(["incident", "note", "I000001", "x", "--data", directory])
            #expect(note.status != 0)
            #expect(note.stderr.contains("customers.json"), "\(note.stderr)")
            #expect(note.stderr.contains("The file was left untouched"))
            let compact = try CareProcess.run(["compact", "--data", directory])
            #expect(compact.status != 0)
            #expect(snapshot(directory) == before)
        }
    }

    @Test func anUnknownCustomerIsRefusedAndNothingIsWritten() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory)
            let before = snapshot(directory)
            let outcome = try CareProcess.run(
                [
                    "incident", "open", "C999999", "--touchpoint", "complaint", "--subject", "Broken", "--data",
                    directory,
                ])
            #expect(outcome.status != 0)
            #expect(outcome.stderr.contains("There is no customer with id C999999"), "\(outcome.stderr)")
            #expect(snapshot(directory) == before)
            let badKind = try CareProcess.run(
                [
                    "incident", "open", "C000001", "--touchpoint", "complaint", "--subject", "x", "--kind", "rant",
                    "--data", directory,
                ])
            #expect(badKind.status != 0)
            #expect(badKind.stderr.contains("'rant'"))
            #expect(snapshot(directory) == before)
        }
    }

    @Test func theConsoleWithoutATerminalSaysSo() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 5)
            let outcome = try CareProcess.run(["--data", directory])
            #expect(outcome.status == 2)
            #expect(outcome.stderr.hasPrefix("care's console needs a terminal"), "\(outcome.stderr)")
            let unknown = try CareProcess.run(["--data", directory + "/none"])
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("There is no care store"))
        }
    }
}
