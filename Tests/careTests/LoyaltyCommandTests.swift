import CareDomain
import Foundation
import Testing

@Suite struct LoyaltyCommandTests {
    @Test func expireSaysWhatItDidAndASecondRunChangesNothing() throws {
        try withTemporaryDirectory { directory in
            // A store seeded a year and a half ago has points due by now.
            let seeded = try CareProcess.run([
                "seed", "--data", directory, "--customers", "60", "--today", "2025-06-01",
            ])
            #expect(seeded.status == 0, "\(seeded.stderr)")
            let first = try CareProcess.run(["expire", "--data", directory])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.hasPrefix("Expiry as of \(Day(containing: Date())): "), "\(first.stdout)")
            #expect(first.stdout.contains("points expired"))
            let before = snapshot(directory)
            let second = try CareProcess.run(["expire", "--data", directory])
            #expect(second.status == 0)
            #expect(second.stdout.hasPrefix("Nothing was due on \(Day(containing: Date()))"), "\(second.stdout)")
            #expect(snapshot(directory) == before)
            #expect(try CareProcess.run(["check", "--data", directory]).status == 0)
            let badDay = try CareProcess.run(["expire", "--today", "2027-13-01", "--data", directory])
            #expect(badDay.status != 0)
        }
    }

    /// In Spanish the summary is Spanish throughout: no English word put
    /// into a Spanish sentence.
    @Test func expireSpeaksSpanishThroughout() throws {
        try withTemporaryDirectory { directory in
            let seeded = try CareProcess.run([
                "seed", "--data", directory, "--customers", "60", "--today", "2025-06-01",
            ])
            #expect(seeded.status == 0, "\(seeded.stderr)")
            let later = Day(containing: Date().addingTimeInterval(400 * 86_400))
            let dry = try CareProcess.run([
                "expire", "--data", directory, "--lang", "es", "--dry-run", "--today", later.description,
            ])
            #expect(dry.stdout.hasPrefix("Simulación, nada escrito. Caducidad a \(later): "), "\(dry.stdout)")
            let first = try CareProcess.run(["expire", "--data", directory, "--lang", "es"])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.hasPrefix("Caducidad a \(Day(containing: Date())): "), "\(first.stdout)")
            #expect(first.stdout.contains("puntos caducados"), "\(first.stdout)")
            let second = try CareProcess.run(["expire", "--data", directory, "--lang", "es"])
            #expect(second.stdout.hasPrefix("Nada vencía el \(Day(containing: Date())): "), "\(second.stdout)")
            for output in [first.stdout, second.stdout, dry.stdout] {
                for english in ["expired", " was ", "would", "moved", "customers", "none"] {
                    #expect(!output.contains(english), "\(english) in \(output)")
                }
            }
        }
    }

    /// Expiring as of a later day would take points before they are due and
    /// date ledger entries ahead; only a dry run may look there.
    @Test func expireRefusesADayAfterTodayUnlessItIsADryRun() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 60)
            let before = snapshot(directory)
            let later = Day(containing: Date().addingTimeInterval(400 * 86_400))
            let refused = try CareProcess.run(["expire", "--today", later.description, "--data", directory])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("--today \(later) is after today"), "\(refused.stderr)")
            #expect(refused.stderr.contains("--dry-run"))
            let dry = try CareProcess.run(["expire", "--today", later.description, "--dry-run", "--data", directory])
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.stdout.hasPrefix("Dry run, nothing written. Expiry as of \(later): "), "\(dry.stdout)")
            #expect(dry.stdout.contains("points would expire"))
            #expect(snapshot(directory) == before)
        }
    }

    @Test func aPurchaseEarnsPointsAndRefusalsAreOneSentence() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory)
            let bought = try CareProcess.run(
                [
                    "points", "purchase", "C000003", "120,50", "--touchpoint", "store-purchase", "--family", "hogar",
                    "--data", directory,
                ])
            #expect(bought.status == 0, "\(bought.stderr)")
            #expect(bought.stdout.contains("purchase 120.50 € by customer C000003"))
            let history = try CareProcess.run(["points", "history", "C000003", "--format", "json", "--data", directory])
            let rows = try #require(
                try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
            #expect(rows.last?["kind"] as? String == "earn")
            #expect(rows.last?["reason"] as? String == "purchase hogar 120.50 €")

            let agent = try CareProcess.run([
                "points", "adjust", "C000003", "--points=-10", "--reason", "typo", "--as", "mgarcia", "--data",
                directory,
            ])
            #expect(agent.status != 0)
            #expect(agent.stderr.contains("Only a supervisor can adjust a customer's points."))
            let boss = try CareProcess.run([
                "points", "adjust", "C000003", "--points=-10", "--reason", "typo", "--data", directory,
            ])
            #expect(boss.status == 0, "\(boss.stderr)")
            let tooDear = try CareProcess.run(["points", "redeem", "C000003", "weekend", "--data", directory])
            #expect(tooDear.status != 0)
            #expect(tooDear.stderr.contains("Country weekend needs 4000"))
            let badAmount = try CareProcess.run([
                "points", "purchase", "C000003", "12.3456", "--touchpoint", "store-purchase", "--data", directory,
            ])
            #expect(badAmount.stderr.contains("\"12.3456\" is not an amount"))
            let nobody = try CareProcess.run(["points", "history", "C999999", "--data", directory])
            #expect(nobody.status != 0)
            #expect(nobody.stderr.contains("There is no customer with id C999999"))
            #expect(try CareProcess.run(["check", "--data", directory]).status == 0)
        }
    }

    @Test func aSupervisorChangesTheProgramFromAFileAndABadOneIsRefusedWhole() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 10)
            let shown = try CareProcess.run(["program", "show", "--data", directory])
            #expect(shown.status == 0)
            var program = try #require(
                try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
            program["pointsPerEuro"] = 2
            let file = directory + "-program.json"
            defer { try? FileManager.default.removeItem(atPath: file) }
            try JSONSerialization.data(withJSONObject: program).write(to: URL(fileURLWithPath: file))

            let agent = try CareProcess.run(["program", "set", file, "--as", "mgarcia", "--data", directory])
            #expect(agent.stderr.contains("Only a supervisor can change the loyalty program."))
            let boss = try CareProcess.run(["program", "set", file, "--data", directory])
            #expect(boss.status == 0, "\(boss.stderr)")
            #expect(boss.stdout.contains("(version 2)"))
            #expect(
                try CareProcess.run(["program", "show", "--data", directory]).stdout.contains("\"pointsPerEuro\" : 2"))

            var tiers = try #require(program["tiers"] as? [[String: Any]])
            tiers[1]["threshold"] = 10
            program["tiers"] = tiers
            program["inactivityDays"] = 0
            try JSONSerialization.data(withJSONObject: program).write(to: URL(fileURLWithPath: file))
            let before = snapshot(directory)
            let bad = try CareProcess.run(["program", "set", file, "--data", directory])
            #expect(bad.status != 0)
            #expect(bad.stderr.contains("inactivityDays must be at least 1."))
            #expect(bad.stderr.contains("Tier gold must have a higher threshold than silver"))
            #expect(snapshot(directory) == before)
            try Data("{\"id\": \"program\", \"version\": 1, \"name\": 3}".utf8).write(to: URL(fileURLWithPath: file))
            let broken = try CareProcess.run(["program", "set", file, "--data", directory])
            #expect(broken.stderr.contains("field name: expected"))
        }
    }

    @Test func talkingPointsExportAsCSVAndJSON() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory)
            let json = try CareProcess.run([
                "talking-points", "--today", "2026-11-22", "--format", "json", "--data", directory,
            ])
            #expect(json.status == 0, "\(json.stderr)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            #expect(!rows.isEmpty)
            #expect(
                rows.allSatisfy { $0["customer"] is String && $0["kind"] is String && $0["talking point"] is String })
            let csv = try CareProcess.run([
                "talking-points", "--today", "2026-11-22", "--format", "csv", "--kinds", "pointsExpiring", "--data",
                directory,
            ])
            let lines = csv.stdout.split(separator: "\r\n")
            #expect(lines.first == "customer,name,kind,talking point,due")
            #expect(lines.dropFirst().allSatisfy { $0.contains(",pointsExpiring,") })
            #expect(lines.count - 1 == rows.filter { $0["kind"] as? String == "pointsExpiring" }.count)
            let wrongKind = try CareProcess.run(["talking-points", "--kinds", "gossip", "--data", directory])
            #expect(wrongKind.stderr.contains("Unknown kind in \"gossip\""))
        }
    }

    /// The list of every customer is a marketing list: supervisors only,
    /// and only customers who consented to marketing. An agent asks for the
    /// customer at the counter.
    @Test func talkingPointsInBulkAreForSupervisorsAndRespectConsent() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 60)
            let state = try FileStore(directory: directory).open()
            let consenting = Set(state.customers.sorted.filter { $0.hasConsented(to: .marketing) }.map(\.id.rawValue))
            let refusing = Set(state.customers.sorted.filter { !$0.hasConsented(to: .marketing) }.map(\.id.rawValue))
            #expect(!consenting.isEmpty && !refusing.isEmpty)
            let bulk = try CareProcess.run(["talking-points", "--format", "json", "--data", directory])
            #expect(bulk.status == 0, "\(bulk.stderr)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(bulk.stdout.utf8)) as? [[String: Any]])
            let listed = Set(rows.compactMap { $0["customer"] as? String })
            #expect(!listed.isEmpty && listed.isSubset(of: consenting), "\(listed.intersection(refusing))")

            let agentBulk = try CareProcess.run(["talking-points", "--as", "mgarcia", "--data", directory])
            #expect(agentBulk.status != 0)
            #expect(
                agentBulk.stderr.contains("An agent reads talking points one customer at a time: add --customer ID."),
                "\(agentBulk.stderr)")
            #expect(agentBulk.stdout.isEmpty)
            let one = try #require(refusing.sorted().first)
            let single = try CareProcess.run([
                "talking-points", "--customer", one, "--as", "mgarcia", "--data", directory,
            ])
            #expect(single.status == 0, "\(single.stderr)")
        }
    }
}
