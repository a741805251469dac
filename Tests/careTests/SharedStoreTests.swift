import CareDomain
import Foundation
import Testing

/// Whether this machine can run the shared-store test: it needs root (to
/// make two Unix users) and changes the machine's user database, so it runs
/// in CI (CI=true) or when asked (CARE_MULTIUSER_TEST=1).
enum SharedStoreMachine {
    static let environment = ProcessInfo.processInfo.environment
    static let wanted = environment["CI"] == "true" || environment["CARE_MULTIUSER_TEST"] == "1"
    static let tools = ["/usr/sbin/useradd", "/usr/sbin/groupadd", "/usr/sbin/runuser"]
    static var available: Bool { getuid() == 0 && wanted && tools.allSatisfy(FileManager.default.isExecutableFile) }
    static var why: Comment {
        if getuid() != 0 { return "needs root to make a second Unix user" }
        if !wanted { return "changes the user database: runs with CI=true or CARE_MULTIUSER_TEST=1" }
        return "needs useradd, groupadd and runuser"
    }
}

/// A team's shared store, as the README's recipe makes it, used by two Unix
/// users with umask 022: each can write after the other, through a lock
/// one of them made, and before and after a compaction.
@Suite(.enabled(if: SharedStoreMachine.available, SharedStoreMachine.why))
struct SharedStoreTests {
    static let group = "care-test"
    static let users = ["care-test-ana", "care-test-luis"]

    private func shell(_ command: String) throws -> CareProcess.Outcome {
        try CareProcess.run(["-c", command], program: "/bin/sh")
    }

    /// `care` (a copy the other users may run, wherever the build lives)
    /// as `user`, with the umask most systems give.
    private func care(_ binary: String, as user: String, _ arguments: [String]) throws -> CareProcess.Outcome {
        try CareProcess.run(
            ["-u", user, "--", "/bin/sh", "-c", "umask 022; exec \"$0\" \"$@\"", binary] + arguments,
            program: "/usr/sbin/runuser")
    }

    @Test func twoAgentsShareAStoreThroughTheGroup() throws {
        _ = try shell("getent group \(Self.group) >/dev/null || /usr/sbin/groupadd --system \(Self.group)")
        for user in Self.users {
            _ = try shell(
                "id \(user) >/dev/null 2>&1 || /usr/sbin/useradd --system --no-create-home --gid \(Self.group) \(user)")
        }
        try withTemporaryDirectory { directory in
            #expect(chmod(directory, 0o755) == 0)
            let binary = directory + "/care"
            try FileManager.default.copyItem(atPath: CareProcess.executable, toPath: binary)
            #expect(chmod(binary, 0o755) == 0)
            let shared = directory + "/shared"
            try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
            #expect(try shell("chgrp \(Self.group) '\(shared)' && chmod 2770 '\(shared)'").status == 0)
            try seedSmallStore(shared, customers: 10)
            for user in Self.users {
                #expect(try CareProcess.run(["agent", "add", user, "--name", user, "--data", shared]).status == 0)
            }
            // The first agent makes the lock anew, with umask 022.
            try FileManager.default.removeItem(atPath: shared + "/lock")
            for round in 0..<2 {
                for user in Self.users {
                    let note = try care(
                        binary, as: user, ["incident", "note", "I000001", "\(user) round \(round)", "--data", shared])
                    #expect(note.status == 0, "\(user): \(note.stderr)")
                }
            }
            // Enough changes to compact, as one user, then the other reads and writes on.
            #expect(try care(binary, as: Self.users[0], ["compact", "--data", shared]).status == 0)
            let after = try care(
                binary, as: Self.users[1], ["incident", "note", "I000001", "after the compaction", "--data", shared])
            #expect(after.status == 0, "\(after.stderr)")
            let store = FileStore(directory: shared)
            let notes = try store.history(of: #require(try store.open().incidents["I000001"])).compactMap(\.text)
            for user in Self.users { #expect(notes.contains("\(user) round 1")) }
            #expect(notes.contains("after the compaction"))
            let check = try CareProcess.run(["check", "--data", shared])
            #expect(check.status == 0, "\(check.stdout)")
        }
    }
}
