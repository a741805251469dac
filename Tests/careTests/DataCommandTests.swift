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

            try Data(text.replacingOccurrences(of: "angeles@example;", with: "angeles@example.com;").utf8).write(to: URL(fileURLWithPath: sheet))
            let dry = try CareProcess.run(["import", "customers", sheet, "--dry-run", "--data", directory])
            #expect(dry.stdout.contains("Would import 2 rows: 2 new customers"), "\(dry.stdout)\(dry.stderr)")
            #expect(snapshot(directory) == before)
            let done = try CareProcess.run(["import", "customers", sheet, "--data", directory])
            #expect(done.stdout.contains("Imported 2 rows: 2 new customers, 0 updated, 0 unchanged."), "\(done.stdout)\(done.stderr)")
            let again = try CareProcess.run(["import", "customers", sheet, "--data", directory])
            #expect(again.stdout.contains("0 new customers, 0 updated, 2 unchanged."))

            let exported = directory + "-export.csv"
            defer { try? FileManager.default.removeItem(atPath: exported) }
            #expect(try CareProcess.run(["export", "customers", "--output", exported, "--data", directory]).status == 0)
            let bytes = try #require(FileManager.default.contents(atPath: exported))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(String(decoding: bytes, as: UTF8.self).contains("\"Mª Ángeles Ruiz\r\nde la Fuente\""))
            let copy = directory + "-copy"
            defer { try? FileManager.default.removeItem(atPath: copy) }
            try seedSmallStore(copy, customers: 1)
            let imported = try CareProcess.run(["import", "customers", exported, "--data", copy])
            // The copy's one customer is the same seeded person: matched by id, unchanged.
            #expect(imported.stdout.contains("Imported 12 rows: 11 new customers, 0 updated, 1 unchanged."), "\(imported.stdout)\(imported.stderr)")
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
                (["privacy", "export", "C000001"], "Only a supervisor can export a person's data; mgarcia is an agent."),
                (["privacy", "erase", "C000001"], "Only a supervisor can erase a customer; mgarcia is an agent."),
                (["audit"], "Only a supervisor can read the whole store's audit trail; mgarcia is an agent."),
                (["agent", "add", "pepe", "--name", "Pepe"], "Only a supervisor can add agents to the roster."),
                (["agent", "set", "jnunez", "--authority", "500"], "Only a supervisor can change the roster."),
                (["touchpoint", "set", "/dev/null"], "Only a supervisor can change the touchpoint catalog; mgarcia is an agent."),
            ]
            for (command, message) in refusals {
                let run = try CareProcess.run(command + asAgent)
                #expect(run.status != 0, "\(command)")
                #expect(run.stderr.contains(message), "\(command): \(run.stderr)")
            }
            let ownCustomer = try CareProcess.run(["audit", "--customer", "C000001", "--format", "json"] + asAgent)
            #expect(ownCustomer.status == 0, "\(ownCustomer.stderr)")

            // A supervisor hands over, then the login is taken off the roster.
            #expect(try CareProcess.run(["agent", "set", "bibanez", "--role", "supervisor", "--data", directory]).status == 0)
            let me = try CareProcess.run(["agent", "list", "--format", "json", "--data", directory])
            let roster = try #require(try JSONSerialization.jsonObject(with: Data(me.stdout.utf8)) as? [[String: Any]])
            let login = try #require(roster.first { $0["role"] as? String == "supervisor" && $0["login"] as? String != "bibanez" }?["login"] as? String)
            let off = try CareProcess.run(["agent", "set", login, "--active", "no", "--data", directory])
            #expect(off.status == 0, "\(off.stderr)")
            for command in [["points", "history", "C000001"], ["talking-points"], ["export", "customers"]] {
                let run = try CareProcess.run(command + ["--data", directory])
                #expect(run.stderr.contains("\(login) is not an active agent in this store's roster; a supervisor adds you"), "\(command): \(run.stderr)")
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
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(roster.stdout.utf8)) as? [[String: Any]])
            let boss = try #require(rows.first { $0["role"] as? String == "supervisor" }?["login"] as? String)
            let run = try CareProcess.run(["agent", "set", boss, "--role", "agent", "--data", directory])
            #expect(run.stderr.contains("\(boss) is the last active supervisor"))
            let added = try CareProcess.run(["agent", "add", "lucia", "--name", "Lucía Pérez", "--authority", "35,50", "--data", directory])
            #expect(added.stdout.contains("Added agent lucia (Lucía Pérez) with an authority of 35.50 €."), "\(added.stderr)")
            let bad = try CareProcess.run(["agent", "add", "Lucía", "--name", "x", "--data", directory])
            #expect(bad.stderr.contains("\"Lucía\" is not a Unix login"))
        }
    }

    @Test func erasureFromTheCommandLineLeavesTheCheckClean() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 20)
            let exported = try CareProcess.run(["privacy", "export", "C000004", "--data", directory])
            let document = try #require(try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any])
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
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(roster.stdout.utf8)) as? [[String: Any]])
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
