import CareDomain
import Foundation
import Testing

@Suite struct CommandTests {
    @Test func seedThenCheckIsClean() throws {
        try withTemporaryDirectory { directory in
            let seeded = try CareProcess.run([
                "seed", "--data", directory + "/store", "--customers", "40", "--today", "2026-11-22",
            ])
            #expect(seeded.status == 0)
            #expect(seeded.stdout.contains("40 customers"))
            let check = try CareProcess.run(["check", "--data", directory + "/store"])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("is clean: 40 customers"))
            // The data directory can also come from the environment.
            let viaEnvironment = try CareProcess.run(["check"], environment: ["CARE_DATA": directory + "/store"])
            #expect(viaEnvironment.status == 0)
        }
    }

    @Test func anIncidentOpenedFromTheCommandLineIsInTheStoreAndTheAuditTrail() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory)
            let opened = try CareProcess.run(
                [
                    "incident", "open", "C000002", "--touchpoint", "delivery", "--subject", "Parcel not delivered",
                    "--kind", "complaint",
                    "--priority", "high", "--channel", "phone", "--data", directory,
                ])
            #expect(opened.status == 0, "\(opened.stderr)")
            #expect(opened.stdout.hasPrefix("Opened I"))
            let asAgent = try CareProcess.run([
                "incident", "note", "I000001", "Called the courier", "--as", "mgarcia", "--data", directory,
            ])
            #expect(asAgent.status == 0, "\(asAgent.stderr)")
            let journal = try String(contentsOfFile: directory + "/journal/" + monthFile(), encoding: .utf8)
            #expect(journal.contains("\"summary\":\"open incident"))
            #expect(journal.contains("\"actingAs\":\"mgarcia\""))
            #expect(journal.contains("Called the courier"))
            let unknownAgent = try CareProcess.run([
                "incident", "note", "I000001", "x", "--as", "nobody", "--data", directory,
            ])
            #expect(unknownAgent.status != 0)
            #expect(unknownAgent.stderr.contains("nobody is not an agent in this store's roster"))
            #expect(try CareProcess.run(["check", "--data", directory]).status == 0)
        }
    }

    /// Four processes write 200 changes each to the same incident at once:
    /// every one is there afterwards, and the store checks clean.
    @Test func fourProcessesLoseNoUpdate() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 12)
            let executable = CareProcess.executable
            let script = """
                for i in $(seq 1 200); do "\(executable)" incident note I000001 "writer $1 note $i" --data "\(directory)" >/dev/null || exit 1; done
                """
            var writers: [Process] = []
            for writer in 1...4 {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", script, "sh", String(writer)]
                process.standardError = FileHandle.nullDevice
                try process.run()
                writers.append(process)
            }
            for process in writers { process.waitUntilExit() }
            #expect(writers.allSatisfy { $0.terminationStatus == 0 })

            let incidents = try String(contentsOfFile: directory + "/journal/" + monthFile(), encoding: .utf8)
            let lines = incidents.split(separator: "\n")
            #expect(lines.count == 801)  // the seed's entry and 800 notes
            // Every note is a step of the incident's history, each numbered
            // once: no two writers took the same number from a stale record.
            let store = FileStore(directory: directory)
            let incident = try #require(try store.open().incidents["I000001"])
            let notes = try store.history(of: incident).compactMap(\.text)
            #expect(notes.count == incident.events)
            let lost = (1...4).flatMap { writer in (1...200).map { "writer \(writer) note \($0)" } }.filter {
                !notes.contains($0)
            }
            #expect(lost.isEmpty, "lost: \(lost.prefix(5))")
            let check = try CareProcess.run(["check", "--data", directory])
            #expect(check.status == 0, "\(check.stdout)")
            #expect(check.stdout.contains("801 journal entries"))
        }
    }
}

/// The journal file of the current month (commands stamp changes with the real time).
func monthFile() -> String {
    let now = Date()
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month], from: now)
    return String(format: "%04d-%02d.jsonl", parts.year ?? 0, parts.month ?? 0)
}

@Suite struct CustomerFindTests {
    @Test func aPhoneTypedWithoutSpacesFindsTheCustomerAndNobodyIsExit1() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory)
            let customer = try #require(
                try FileStore(directory: directory).open().customers.summaries.first { $0.phone != nil })
            let digits = String((customer.phone ?? "").filter(\.isNumber))
            let found = try CareProcess.run(["customer", "find", digits, "--data", directory])
            #expect(found.status == 0, "\(found.stderr)")
            #expect(found.stdout.contains(customer.id.rawValue) && found.stdout.contains(customer.name))
            let json = try CareProcess.run([
                "customer", "find", customer.id.rawValue, "--format", "json", "--data", directory,
            ])
            #expect(json.stdout.contains("\"customer\"") && json.stdout.contains(customer.id.rawValue))
            let nobody = try CareProcess.run(["customer", "find", "zzzz-no-one", "--data", directory])
            #expect(nobody.status == 1)
            #expect(nobody.stderr.contains("No customer matches \"zzzz-no-one\"."))
        }
    }

    @Test func showPrintsEveryFieldOfTheProfileAndAnUnknownIdIsOneSentence() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory)
            let customer = try #require(try FileStore(directory: directory).open().customers.sorted.first)
            let shown = try CareProcess.run(["customer", "show", customer.id.rawValue, "--data", directory])
            #expect(shown.status == 0, "\(shown.stderr)")
            for field in customer.profileFields(today: Day(containing: Date())) {
                #expect(shown.stdout.contains(field.name), "\(field.name)")
                if !field.value.isEmpty { #expect(shown.stdout.contains(field.value), "\(field.name)") }
            }
            let csv = try CareProcess.run([
                "customer", "show", customer.id.rawValue, "--format", "csv", "--data", directory,
            ])
            #expect(csv.stdout.hasPrefix("field,value"))
            let unknown = try CareProcess.run(["customer", "show", "C999999", "--data", directory])
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("There is no customer with id C999999"))
        }
    }
}
