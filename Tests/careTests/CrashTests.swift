import CareDomain
import Foundation
import Testing

/// Processes killed at random points: nothing acknowledged is lost, and an
/// erasure always finishes with none of the person left.
@Suite(.serialized) struct CrashTests {
    /// Runs `arguments` and kills it after `delay` seconds (if still running).
    private func runKilled(_ arguments: [String], after delay: Double) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CareProcess.executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? -1 : process.terminationStatus
    }

    private func copy(_ from: String, to: String) throws {
        try? FileManager.default.removeItem(atPath: to)
        try FileManager.default.copyItem(atPath: from, toPath: to)
    }

    private func holders(of needles: [String], under directory: String) -> [String] {
        snapshot(directory).compactMap { name, data in
            needles.contains { data.range(of: Data($0.utf8)) != nil } ? name : nil
        }.sorted()
    }

    @Test func anErasureKilledAnywhereIsFinishedByTheNextRun() throws {
        try withTemporaryDirectory { directory in
            let prepared = directory + "/prepared"
            try seedSmallStore(prepared, customers: 30)
            let state = try FileStore(directory: prepared).open()
            // Someone none of whose name, phone or email another customer shares.
            let summaries = state.customers.summaries
            func strings(_ summary: CustomerSummary) -> [String] {
                [summary.name] + [summary.phone, summary.email].compactMap { $0 }
            }
            let person = try #require(
                summaries.sorted { $0.id < $1.id }.first { candidate in
                    candidate.phone != nil && candidate.email != nil
                        && summaries.allSatisfy {
                            $0.id == candidate.id || Set(strings($0)).isDisjoint(with: strings(candidate))
                        }
                })
            let id = person.id.rawValue
            let needles = strings(person)
            let data = ["--data", prepared]
            for amount in ["10", "20,50"] {
                #expect(
                    try CareProcess.run(["points", "purchase", id, amount, "--touchpoint", "store-purchase"] + data)
                        .status == 0)
            }
            // A torn tail naming them, set aside by the next write, and a
            // temporary file a killed compaction left with their name in it.
            let journal = try #require(
                try FileManager.default.contentsOfDirectory(atPath: prepared + "/journal").first {
                    $0.hasSuffix(".jsonl")
                })
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: prepared + "/journal/" + journal))
            try handle.seekToEnd()
            try handle.write(
                contentsOf: Data(
                    "{\"changes\":[{\"customer\":{\"id\":\"\(id)\",\"name\":\"\(person.name)\",\"phone\":\"+34 699 1"
                        .utf8))
            try handle.close()
            #expect(try CareProcess.run(["privacy", "erase", id] + data).status == 0)
            try Data("{\"name\":\"\(person.name)\"}".utf8).write(
                to: URL(fileURLWithPath: prepared + "/.customers.json.tmp-99999-1"))
            #expect(!holders(of: needles, under: prepared).isEmpty)

            // How long a whole run takes, to kill within it.
            let timing = directory + "/timing"
            try copy(prepared, to: timing)
            let started = Date()
            #expect(try CareProcess.run(["privacy", "erase", id, "--confirm", "--data", timing]).status == 0)
            let whole = Date().timeIntervalSince(started)
            #expect(holders(of: needles, under: timing).isEmpty, "\(holders(of: needles, under: timing))")

            var killed = 0
            for round in 0..<10 {
                let store = directory + "/round"
                try copy(prepared, to: store)
                let status = try runKilled(
                    ["privacy", "erase", id, "--confirm", "--data", store], after: whole * Double.random(in: 0.05...1.0)
                )
                if status == -1 { killed += 1 }
                let again = try CareProcess.run(["privacy", "erase", id, "--confirm", "--data", store])
                #expect(again.status == 0, "round \(round): \(again.stderr)")
                #expect(
                    holders(of: needles, under: store).isEmpty, "round \(round): \(holders(of: needles, under: store))")
                let check = try CareProcess.run(["check", "--data", store])
                #expect(check.status == 0, "round \(round): \(check.stdout)")
            }
            #expect(killed > 0, "no run was killed before it finished")
        }
    }

    @Test func writersAndCompactionsKilledAnywhereLoseNothingAcknowledged() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 20)
            let data = ["--data", directory]
            var acknowledged: [String] = []
            for round in 0..<16 {
                let text = "round \(round)"
                let delay = Double.random(in: 0...0.12)
                // A note and a compaction at once, one of them killed.
                let compactor = Process()
                compactor.executableURL = URL(fileURLWithPath: CareProcess.executable)
                compactor.arguments = ["compact"] + data
                compactor.standardOutput = FileHandle.nullDevice
                compactor.standardError = FileHandle.nullDevice
                try compactor.run()
                if round % 2 == 0 {
                    if try runKilled(["incident", "note", "I000001", text] + data, after: delay) == 0 {
                        acknowledged.append(text)
                    }
                    compactor.waitUntilExit()
                } else {
                    Thread.sleep(forTimeInterval: delay)
                    if compactor.isRunning { kill(compactor.processIdentifier, SIGKILL) }
                    if try CareProcess.run(["incident", "note", "I000001", text] + data).status == 0 {
                        acknowledged.append(text)
                    }
                    compactor.waitUntilExit()
                }
            }
            #expect(acknowledged.count >= 8)
            // One more change sets aside any torn tail a kill left.
            #expect(try CareProcess.run(["incident", "note", "I000001", "last"] + data).status == 0)
            let store = FileStore(directory: directory)
            let incident = try #require(try store.open().incidents["I000001"])
            let notes = Set(try store.history(of: incident).compactMap(\.text))
            #expect(acknowledged.allSatisfy(notes.contains), "lost: \(acknowledged.filter { !notes.contains($0) })")
            let check = try CareProcess.run(["check"] + data)
            #expect(check.status == 0, "\(check.stdout)")
        }
    }
}

extension CrashTests {
    /// Purchases, compactions and `care reindex` killed at random points:
    /// the figures a reader then gets always agree with the histories
    /// (`care check` compares every customer's), and nothing acknowledged
    /// is missing from them.
    @Test func figuresWrittenByKilledProcessesAlwaysAgreeWithTheHistories() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 20)
            let data = ["--data", directory]
            var bought = 0
            for round in 0..<18 {
                let delay = Double.random(in: 0...0.15)
                let background = Process()
                background.executableURL = URL(fileURLWithPath: CareProcess.executable)
                background.arguments = (round % 3 == 0 ? ["reindex"] : ["compact"]) + data
                background.standardOutput = FileHandle.nullDevice
                background.standardError = FileHandle.nullDevice
                try background.run()
                let purchase = ["points", "purchase", "C000005", "10", "--touchpoint", "store-purchase"] + data
                if round % 2 == 0 {
                    if try runKilled(purchase, after: delay) == 0 { bought += 1 }
                    background.waitUntilExit()
                } else {
                    Thread.sleep(forTimeInterval: delay)
                    if background.isRunning { kill(background.processIdentifier, SIGKILL) }
                    if try CareProcess.run(purchase).status == 0 { bought += 1 }
                    background.waitUntilExit()
                }
                let check = try CareProcess.run(["check"] + data)
                #expect(check.status == 0, "round \(round): \(check.stdout)")
            }
            #expect(bought >= 9)
            // The purchases acknowledged are in the customer's figures.
            let store = FileStore(directory: directory)
            let rows = try #require(try store.figures().customers["C000005"]).rows
            let purchases = try store.moments(of: "C000005").filter(\.isPurchase).count
            #expect(rows.filter(\.isPurchase).count == purchases)
        }
    }
}

/// `care check` while others write and compact: no false alarms.
@Suite struct CheckWhileWritingTests {
    @Test func checkIsCleanWhileOthersWriteAndCompact() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 12)
            let care = CareProcess.executable
            let script = """
                for i in $(seq 1 40); do
                  "\(care)" points purchase C000003 12 --touchpoint store-purchase --data "\(directory)" >/dev/null 2>&1
                  "\(care)" points purchase C000004 7 --touchpoint store-purchase --data "\(directory)" >/dev/null 2>&1
                  "\(care)" compact --data "\(directory)" >/dev/null 2>&1
                done
                """
            let writer = Process()
            writer.executableURL = URL(fileURLWithPath: "/bin/sh")
            writer.arguments = ["-c", script]
            try writer.run()
            defer { if writer.isRunning { writer.terminate() } }
            var runs = 0
            while writer.isRunning, runs < 12 {
                let check = try CareProcess.run(["check", "--data", directory])
                #expect(check.status == 0, "run \(runs): \(check.stdout)\(check.stderr)")
                runs += 1
            }
            writer.waitUntilExit()
            #expect(runs > 0)
        }
    }
}
