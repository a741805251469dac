import CareDomain
import CarePostgres
import Foundation
import Testing

/// The command line on a store on PostgreSQL, as a user would drive it:
/// `--store URL` or `CARE_STORE`, on a database of the test's own.
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["CARE_TEST_POSTGRES"] != nil,
        "CARE_TEST_POSTGRES is not set: the PostgreSQL tests need a server (see README, \"Testing on PostgreSQL\")"))
struct PostgresCommandTests {
    static func withStore(_ body: (String) throws -> Void) throws {
        let server = try PostgresLocation(
            url: try #require(ProcessInfo.processInfo.environment["CARE_TEST_POSTGRES"]))
        try ScratchDatabase.with(on: server) { location in
            // The URL as a user writes it: socket directory and database.
            guard case .socket(let directory) = location.endpoint else {
                Issue.record("the test server is expected on a Unix socket")
                return
            }
            try body("postgresql://\(location.user)@/\(location.database)?host=\(directory)&port=\(location.port)")
        }
    }

    @Test func aStoreIsMadeFilledAndWorkedOnByCommands() throws {
        try Self.withStore { url in
            let made = try CareProcess.run(["init", "--store", url])
            #expect(made.status == 0, "\(made.stderr)")
            #expect(made.stdout.contains("Created an empty store in postgresql://"))
            // The same database again is refused, untouched.
            let again = try CareProcess.run(["init", "--store", url])
            #expect(again.status == 1 && again.stderr.contains("already has data"), "\(again.stderr)")
            try withTemporaryDirectory { directory in
                let csv = directory + "/customers.csv"
                try Data(
                    """
                    id,name,phone,email
                    C1,José Núñez,+34 600 000 001,jose@example.com
                    C2,Emma Smith,,emma@example.com

                    """.utf8
                ).write(to: URL(fileURLWithPath: csv))
                let imported = try CareProcess.run(["import", "customers", csv], environment: ["CARE_STORE": url])
                #expect(imported.status == 0 && imported.stdout.contains("2 new customers"), "\(imported.stderr)")
            }
            let bought = try CareProcess.run(
                ["points", "purchase", "C1", "45,90", "--touchpoint", "store-purchase", "--family", "moda"],
                environment: ["CARE_STORE": url])
            #expect(bought.status == 0, "\(bought.stderr)")
            let shown = try CareProcess.run(["customer", "show", "C1", "--store", url])
            #expect(shown.status == 0 && shown.stdout.contains("José Núñez"), "\(shown.stderr)")
            #expect(shown.stdout.contains("45"))
            let audit = try CareProcess.run(["audit", "--customer", "C1", "--store", url])
            #expect(audit.status == 0 && audit.stdout.contains("purchase"), "\(audit.stderr)")
            // The reports read the figures the purchase moved, in its transaction.
            let profit = try CareProcess.run(["report", "profitability", "--store", url])
            #expect(profit.status == 0 && profit.stdout.contains("45.90"), "\(profit.stdout)")
            let check = try CareProcess.run(["check", "--store", url])
            #expect(check.status == 0 && check.stdout.contains("is clean"), "\(check.stdout) \(check.stderr)")
            let reindex = try CareProcess.run(["reindex", "--store", url])
            #expect(reindex.status == 0 && reindex.stdout.contains("figures of 2 customers"), "\(reindex.stderr)")
            // Erasure: blocked first, then gone from every table.
            let blocked = try CareProcess.run(["privacy", "erase", "C1", "--store", url])
            #expect(blocked.status == 0, "\(blocked.stderr)")
            let erased = try CareProcess.run(["privacy", "erase", "C1", "--confirm", "--store", url])
            #expect(erased.status == 0 && erased.stdout.contains("vacuumed"), "\(erased.stdout) \(erased.stderr)")
            let after = try CareProcess.run(["export", "customers", "--store", url])
            #expect(!after.stdout.contains("Núñez") && after.stdout.contains("Emma Smith"), "\(after.stdout)")
            #expect(!(try CareProcess.run(["audit", "--store", url])).stdout.contains("Núñez"))
            #expect(try CareProcess.run(["check", "--store", url]).status == 0)
            // What works on files only says so, and changes nothing.
            let compact = try CareProcess.run(["compact", "--store", url])
            #expect(compact.status == 2 && compact.stderr.contains("JSON store (--data) only"), "\(compact.stderr)")
        }
    }

    @Test func aServerThatIsNotThereOrABadURLIsOneSentenceAndNoPassword() throws {
        let gone = try CareProcess.run(["agent", "list", "--store", "postgresql://ana:hunter2@/care?host=/nonexistent"])
        #expect(gone.status == 2)
        #expect(gone.stderr.contains("cannot be reached"))
        #expect(!gone.stderr.contains("hunter2") && !gone.stdout.contains("hunter2"))
        let bad = try CareProcess.run(["agent", "list", "--store", "postgresql://ana:hunter2@db:99999/care"])
        #expect(bad.status == 64 && bad.stderr.contains("not a number from 1 to 65535"), "\(bad.stderr)")
        #expect(!bad.stderr.contains("hunter2"))
        let both = try CareProcess.run(["agent", "list", "--store", "postgresql:///care", "--data", "/tmp"])
        #expect(both.status != 0 && both.stderr.contains("exclude each other"), "\(both.stderr)")
    }

    @Test func aStoreMigratedToPostgreSQLAndBackReadsTheSameEverywhere() throws {
        try Self.withStore { url in
            try withTemporaryDirectory { directory in
                let files = directory + "/files"
                let back = directory + "/back"
                try seedSmallStore(files)
                _ = try CareProcess.run(["incident", "note", "I000001", "migrated with this note", "--data", files])
                let there = try CareProcess.run(["migrate", "--from", files, "--to", url])
                #expect(there.status == 0, "\(there.stderr)")
                #expect(there.stdout.contains("Read back from both and compared"))
                let home = try CareProcess.run(["migrate", "--from", url, "--to", back])
                #expect(home.status == 0, "\(home.stderr)")
                // The same export, reports and audit trail on all three.
                for command in [
                    ["export", "customers"], ["export", "moments"], ["export", "incidents"], ["report", "segments"],
                    ["report", "profitability"], ["points", "history", "C000001"],
                ] {
                    let original = try CareProcess.run(command + ["--data", files])
                    #expect(original.status == 0, "\(command): \(original.stderr)")
                    #expect(try CareProcess.run(command + ["--store", url]).stdout == original.stdout, "\(command)")
                    #expect(try CareProcess.run(command + ["--data", back]).stdout == original.stdout, "\(command)")
                }
                let trail = try CareProcess.run(["audit", "--store", url])
                // The audit trail came along, and says where the store came from.
                #expect(trail.stdout.contains("seed: 30 customers"), "\(trail.stdout)")
                #expect(trail.stdout.contains("note on incident I000001"))
                #expect(trail.stdout.contains("migrated from \(files)"))
                let checked = try CareProcess.run(["check", "--data", back])
                #expect(checked.status == 0 && checked.stdout.contains("is clean"), "\(checked.stdout)")
                let checkedThere = try CareProcess.run(["check", "--store", url])
                #expect(
                    checkedThere.status == 0 && checkedThere.stdout.contains("30 customers"), "\(checkedThere.stdout)")
                // A target that already holds a store is refused, and left as it was.
                let onto = try CareProcess.run(["migrate", "--from", files, "--to", url])
                #expect(onto.status == 1 && onto.stderr.contains("already has data"), "\(onto.stderr)")
            }
        }
    }

    @Test func severalProcessesWritingAtOnceToPostgreSQLLoseNothing() throws {
        try Self.withStore { url in
            try withTemporaryDirectory { directory in
                try seedSmallStore(directory + "/s")
                #expect(try CareProcess.run(["migrate", "--from", directory + "/s", "--to", url]).status == 0)
            }
            try ConcurrentProcesses.loseNothing(on: url) {
                PostgresStore(location: try PostgresLocation(url: url))
            }
        }
    }

    @Test func theBenchDrawsTheFirstScreenFromPostgreSQLAndRefusesAStoreOfItsOwn() throws {
        try Self.withStore { url in
            try withTemporaryDirectory { directory in
                try seedSmallStore(directory + "/s")
                #expect(try CareProcess.run(["migrate", "--from", directory + "/s", "--to", url]).status == 0)
            }
            let drawn = try CareProcess.run(["bench", "--first-screen-on", url])
            #expect(drawn.status == 0 && drawn.stdout.split(separator: "\n").count == 3, "\(drawn.stderr)")
        }
        let own = try CareProcess.run(["bench", "--data", "/tmp", "--customers", "5"])
        #expect(own.status != 0 && own.stderr.contains("do not apply"), "\(own.stderr)")
        #expect(
            try PostgresLocation.url("postgresql://ana:pw@db:5433/care?sslmode=require", naming: "care_scratch_1")
                == "postgresql://ana:pw@db:5433/care_scratch_1?sslmode=require")
    }
}
