import Foundation
import Testing

@Suite struct DataCommandTests {
    @Test func aMessyCSVIsRefusedWholeThenImportedOnceAndExportedBack() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 10)
            let sheet = directory + "-alta.csv"
            defer { try? FileManager.default.removeItem(atPath: sheet) }
            var text = "\u{FEFF}Nombre;Apellidos;Móvil;E-mail;Acepta publicidad\r\n"
            text += "Íñigo;Zubiaurre Etxeberria;+34 655 10 20 30;inigo@example.eus;Sí\r\n"
            text += "\"Mª Ángeles\";\"Ruiz\r\nde la Fuente\";655 40 50 60;angeles@example;no\r\n"
            try Data(text.utf8).write(to: URL(fileURLWithPath: sheet))
            let before = snapshot(directory)
            let refused = try CareProcess.run(["import", "customers", sheet, "--data", directory])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("1 problem in 1 of 2 rows; nothing was imported."), "\(refused.stderr)")
            #expect(refused.stderr.contains("line 3: email \"angeles@example\" is not an email address"))
            #expect(snapshot(directory) == before)

            try Data(text.replacingOccurrences(of: "angeles@example;", with: "angeles@example.com;").utf8).write(
                to: URL(fileURLWithPath: sheet))
            let dry = try CareProcess.run(["import", "customers", sheet, "--dry-run", "--data", directory])
            #expect(dry.stdout.contains("Would import 2 rows: 2 new customers"), "\(dry.stdout)\(dry.stderr)")
            #expect(snapshot(directory) == before)
            let done = try CareProcess.run(["import", "customers", sheet, "--data", directory])
            #expect(
                done.stdout.contains("Imported 2 rows: 2 new customers, 0 updated, 0 unchanged."),
                "\(done.stdout)\(done.stderr)")
            let again = try CareProcess.run(["import", "customers", sheet, "--data", directory])
            #expect(again.stdout.contains("0 new customers, 0 updated, 2 unchanged."))

            let exported = directory + "-export.csv"
            defer { try? FileManager.default.removeItem(atPath: exported) }
            #expect(
                try CareProcess.run(["export", "customers", "--output", exported, "--data", directory]).status == 0)
            let bytes = try #require(FileManager.default.contents(atPath: exported))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(String(decoding: bytes, as: UTF8.self).contains("\"Mª Ángeles Ruiz\r\nde la Fuente\""))
            let copy = directory + "-copy"
            defer { try? FileManager.default.removeItem(atPath: copy) }
            try seedSmallStore(copy, customers: 1)
            let imported = try CareProcess.run(["import", "customers", exported, "--data", copy])
            // The copy's one customer is the same seeded person: matched by id, unchanged.
            #expect(
                imported.stdout.contains("Imported 12 rows: 11 new customers, 0 updated, 1 unchanged."),
                "\(imported.stdout)\(imported.stderr)")
            let json = try CareProcess.run(["export", "incidents", "--format", "json", "--data", directory])
            #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [[String: Any]])
            #expect(try CareProcess.run(["check", "--data", copy]).status == 0)
        }
    }

    @Test func agentsAreRefusedWhatSupervisorsDoAndAnUnknownLoginGetsNothing() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 10)
            let asAgent = ["--as", "mgarcia", "--data", directory]
            let refusals: [([String], String)] = [
                (["import", "customers", "/dev/null"], "Only a supervisor can import customers; mgarcia is an agent."),
                (["export", "customers"], "Only a supervisor can export the store's data; mgarcia is an agent."),
                (
                    ["privacy", "export", "C000001"],
                    "Only a supervisor can export a person's data; mgarcia is an agent."
                ),
                (["privacy", "erase", "C000001"], "Only a supervisor can erase a customer; mgarcia is an agent."),
                (["audit"], "Only a supervisor can read the whole store's audit trail; mgarcia is an agent."),
                (["agent", "add", "pepe", "--name", "Pepe"], "Only a supervisor can add agents to the roster."),
                (["agent", "set", "jnunez", "--authority", "500"], "Only a supervisor can change the roster."),
                (
                    ["touchpoint", "set", "/dev/null"],
                    "Only a supervisor can change the touchpoint catalog; mgarcia is an agent."
                ),
            ]
            for (command, message) in refusals {
                let run = try CareProcess.run(command + asAgent)
                #expect(run.status != 0, "\(command)")
                #expect(run.stderr.contains(message), "\(command): \(run.stderr)")
            }
            let ownCustomer = try CareProcess.run(["audit", "--customer", "C000001", "--format", "json"] + asAgent)
            #expect(ownCustomer.status == 0, "\(ownCustomer.stderr)")

            // A supervisor hands over, then the login is taken off the roster.
            #expect(
                try CareProcess.run(["agent", "set", "bibanez", "--role", "supervisor", "--data", directory]).status
                    == 0)
            let me = try CareProcess.run(["agent", "list", "--format", "json", "--data", directory])
            let roster = try #require(try JSONSerialization.jsonObject(with: Data(me.stdout.utf8)) as? [[String: Any]])
            let login = try #require(
                roster.first { $0["role"] as? String == "supervisor" && $0["login"] as? String != "bibanez" }?["login"]
                    as? String)
            let off = try CareProcess.run(["agent", "set", login, "--active", "no", "--data", directory])
            #expect(off.status == 0, "\(off.stderr)")
            for command in [["points", "history", "C000001"], ["talking-points"], ["export", "customers"]] {
                let run = try CareProcess.run(command + ["--data", directory])
                #expect(
                    run.stderr.contains(
                        "\(login) is not an active agent in this store's roster; a supervisor adds you"),
                    "\(command): \(run.stderr)")
            }
            let console = try CareProcess.run(["--data", directory])
            #expect(console.status != 0)
            #expect(console.stderr.contains("\(login) is not an active agent in this store's roster"))
        }
    }

    @Test func theLastSupervisorCannotLockEveryoneOut() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 5)
            let roster = try CareProcess.run(["agent", "list", "--format", "json", "--data", directory])
            let rows = try #require(
                try JSONSerialization.jsonObject(with: Data(roster.stdout.utf8)) as? [[String: Any]])
            let boss = try #require(rows.first { $0["role"] as? String == "supervisor" }?["login"] as? String)
            let run = try CareProcess.run(["agent", "set", boss, "--role", "agent", "--data", directory])
            #expect(run.stderr.contains("\(boss) is the last active supervisor"))
            let added = try CareProcess.run([
                "agent", "add", "lucia", "--name", "Lucía Pérez", "--authority", "35,50", "--data", directory,
            ])
            #expect(
                added.stdout.contains("Added agent lucia (Lucía Pérez) with an authority of 35.50 €."),
                "\(added.stderr)")
            let bad = try CareProcess.run(["agent", "add", "Lucía", "--name", "x", "--data", directory])
            #expect(bad.stderr.contains("\"Lucía\" is not a Unix login"))
        }
    }

    @Test func erasureFromTheCommandLineLeavesTheCheckClean() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 20)
            let exported = try CareProcess.run(["privacy", "export", "C000004", "--data", directory])
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any])
            let customer = try #require(document["customer"] as? [String: Any])
            let name = try #require(customer["name"] as? String)
            #expect((document["moments"] as? [Any])?.isEmpty == false)
            let first = try CareProcess.run(["privacy", "erase", "C000004", "--data", directory])
            #expect(first.stdout.contains("Customer C000004 is blocked"))
            let list = try CareProcess.run(["export", "customers", "--data", directory])
            #expect(!list.stdout.contains(name))
            let second = try CareProcess.run(["privacy", "erase", "C000004", "--confirm", "--data", directory])
            #expect(second.status == 0, "\(second.stderr)")
            #expect(!snapshot(directory).values.contains { $0.range(of: Data(name.utf8)) != nil })
            #expect(try CareProcess.run(["check", "--data", directory]).status == 0)
            let audit = try CareProcess.run(["audit", "--customer", "C000004", "--data", directory])
            #expect(audit.stdout.contains("block customer C000004 on an erasure request"))
            #expect(audit.stdout.contains("erase customer C000004's personal data"))
        }
    }

    @Test func initMakesAnEmptyStoreWithTheCallerAsSupervisor() throws {
        try withTemporaryDirectory { directory in
            let store = directory + "/team"
            let made = try CareProcess.run(["init", "--name", "Begoña Ibáñez", "--data", store])
            #expect(made.status == 0, "\(made.stderr)")
            let roster = try CareProcess.run(["agent", "list", "--format", "json", "--data", store])
            let rows = try #require(
                try JSONSerialization.jsonObject(with: Data(roster.stdout.utf8)) as? [[String: Any]])
            #expect(rows.count == 1)
            #expect(rows.first?["role"] as? String == "supervisor")
            #expect(rows.first?["name"] as? String == "Begoña Ibáñez")
            let check = try CareProcess.run(["check", "--data", store])
            #expect(check.stdout.contains("0 customers"), "\(check.stdout)\(check.stderr)")
            #expect(try CareProcess.run(["touchpoint", "list", "--data", store]).stdout.contains("store-purchase"))
            let twice = try CareProcess.run(["init", "--data", store])
            #expect(twice.status != 0)
        }
    }
}

@Suite struct ReportCommandTests {
    @Test func reportsParseInEveryFormatAndAgentsSeeOnlyTheirOwnScores() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 60)
            let wide = ["--from", "2023-01-01", "--data", directory]
            let csv = try CareProcess.run(["report", "agents", "--format", "csv"] + wide)
            #expect(csv.status == 0, "\(csv.stderr)")
            let lines = csv.stdout.split(separator: "\r\n")
            #expect(
                lines.first?.hasPrefix(
                    "agent,name,handled,resolved,first_contact_pct,second_contact_pct,service_level_pct,median_hours")
                    == true)
            #expect(lines.last?.hasPrefix("team,") == true)
            let json = try CareProcess.run(["report", "agents", "--format", "json"] + wide)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            #expect(rows.count == lines.count - 1)
            let resolved = rows.dropLast().compactMap { $0["resolved"] as? Int }.reduce(0, +)
            #expect(resolved == rows.last?["resolved"] as? Int)
            #expect(resolved > 0)
            // An agent gets their own row and the team line.
            let own = try CareProcess.run(["report", "agents", "--format", "json", "--as", "mgarcia"] + wide)
            let ownRows = try #require(
                try JSONSerialization.jsonObject(with: Data(own.stdout.utf8)) as? [[String: Any]])
            #expect(ownRows.compactMap { $0["agent"] as? String } == ["mgarcia", "team"])
            for report in [
                ["segments"], ["segments", "--customers"], ["profitability", "--limit", "0"], ["touchpoints"],
            ] {
                let run = try CareProcess.run(["report"] + report + ["--format", "json", "--data", directory])
                #expect(run.status == 0, "\(report): \(run.stderr)")
                let parsed = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
                #expect(parsed?.isEmpty == false, "\(report)")
                let refused = try CareProcess.run(["report"] + report + ["--as", "mgarcia", "--data", directory])
                #expect(
                    refused.status != 0 && refused.stderr.contains("Only a supervisor can read the"),
                    "\(report): \(refused.stderr)")
            }
            let customers = try CareProcess.run([
                "report", "profitability", "--limit", "0", "--format", "csv", "--data", directory,
            ])
            #expect(customers.stdout.split(separator: "\r\n").count == 61)
            let backwards = try CareProcess.run([
                "report", "agents", "--from", "2026-12-01", "--to", "2026-11-01", "--data", directory,
            ])
            #expect(backwards.status != 0 && backwards.stderr.contains("is after --to"))
        }
    }

    @Test func aCampaignIsPlannedNotedAndReported() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 60)
            let store = ["--data", directory]
            let add = try CareProcess.run(
                [
                    "campaign", "add", "autumn", "--title", "Autumn", "--segment", "potential", "--from", "2026-09-01",
                    "--to", "2026-09-30", "--spend-change", "10", "--cost", "100",
                ] + store)
            #expect(add.status == 0, "\(add.stderr)")
            #expect(try CareProcess.run(["campaign", "note", "autumn", "Coupons went fast"] + store).status == 0)
            let refused = try CareProcess.run(["campaign", "note", "autumn", "me too", "--as", "mgarcia"] + store)
            #expect(refused.stderr.contains("Only a supervisor can note on a campaign."))
            let report = try CareProcess.run(["report", "campaign", "autumn", "--to", "2026-11-22"] + store)
            #expect(
                report.stdout.contains("Autumn (autumn): Potential,") && report.stdout.contains("Coupons went fast"),
                "\(report.stdout)\(report.stderr)")
            let json = try CareProcess.run(["report", "campaign", "autumn", "--format", "json"] + store)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect((object["phases"] as? [Any])?.count == 3)
            #expect(try CareProcess.run(["check"] + store).status == 0)
        }
    }
}
