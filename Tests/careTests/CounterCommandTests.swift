import CareDomain
import Foundation
import Testing

/// The counter day as commands: register (with duplicates), correct (with
/// the fields in the audit trail), buy and return, log a contact and its
/// survey, merge; `care check` clean after each.
@Suite struct CounterCommandTests {
    @Test func aWalkInCustomerIsRegisteredCorrectedAndFoundByTheNewPhone() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory)
            func care(_ arguments: [String]) throws -> CareProcess.Outcome {
                try CareProcess.run(arguments + ["--data", directory])
            }
            func clean() throws {
                let check = try care(["check"])
                #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            }
            let added = try care([
                "customer", "add", "--name", "Lucía Pérez", "--phone", "624 612 113", "--email", "Lucia@Example.com",
                "--service-consent", "yes", "--marketing-consent", "sí",
            ])
            #expect(added.status == 0, "\(added.stderr)")
            let id = try #require(added.stdout.split(separator: " ").last.map { String($0.dropLast(2)) })
            #expect(id == "C000031")
            try clean()
            let again = try care(["customer", "add", "--name", "Lucia Perez", "--email", "lucia@example.com"])
            #expect(again.status == 1)
            #expect(again.stderr.contains("\(id) Lucía Pérez") && again.stderr.contains("(same email)"))
            let bad = try care(["customer", "add", "--name", "Ana", "--birth-date", "31/02/1980"])
            #expect(bad.status != 0 && bad.stderr.contains("The birth date cannot be saved"))

            let edited = try care(["customer", "edit", id, "--phone", "611 000 222", "--marketing-consent", "no"])
            #expect(edited.status == 0, "\(edited.stderr)")
            #expect(edited.stdout.contains("phone: 624 612 113 → 611 000 222"))
            let audit = try care(["audit", "--customer", id, "--format", "csv"])
            #expect(
                audit.stdout.contains("phone: 624 612 113 → 611 000 222; consent to marketing: granted → withdrawn"))
            let found = try care(["customer", "find", "611000222"])
            #expect(found.status == 0 && found.stdout.contains(id))
            let shown = try care(["customer", "show", id])
            #expect(shown.stdout.contains("no since") && shown.stdout.contains("1 earlier"))
            try clean()

            let bought = try care(["points", "purchase", id, "1.234,50", "--touchpoint", "store-purchase"])
            #expect(bought.status == 0, "\(bought.stderr)")
            #expect(try care(["customer", "show", id]).stdout.contains("new for 0 days"))
            let refused = try care(["points", "purchase", id, "10", "--touchpoint", "phone-support"])
            #expect(refused.stderr.contains("Purchases are not recorded at phone-support"))
            let timeline = try care(["moment", "list", id, "--format", "csv"])
            let rows = timeline.stdout.split(whereSeparator: \.isNewline)
            let purchase = try #require(rows.dropFirst().first?.split(separator: ",").first)
            let returned = try care(["points", "return", id, String(purchase), "234,50"])
            #expect(returned.status == 0, "\(returned.stderr)")
            #expect(returned.stdout.contains("Balance now 1000 points"))
            try clean()

            let logged = try care([
                "moment", "log", id, "--touchpoint", "phone-support", "--channel", "phone", "--outcome",
                "Asked where the order is", "--met", "yes",
            ])
            #expect(logged.status == 0, "\(logged.stderr)")
            let moment = try #require(logged.stdout.split(separator: " ").dropFirst().first.map(String.init))
            let surveyed = try care([
                "moment", "survey", id, moment, "--score", "5", "--met", "yes", "--answered-by", "customer",
            ])
            #expect(surveyed.status == 0, "\(surveyed.stderr)")
            let touchpoints = try care(["report", "touchpoints", "--format", "csv"])
            #expect(touchpoints.status == 0)
            try clean()

            let boss = try care(["customer", "merge", "C000001", id])
            #expect(boss.status == 0, "\(boss.stderr)")
            #expect(boss.stdout.contains("Merged \(id) into C000001"))
            // The pointer is listed nowhere; its timeline is the kept customer's now.
            #expect(try care(["customer", "find", "611000222"]).status == 1)
            #expect(try care(["moment", "list", "C000001"]).stdout.contains(moment))
            #expect(
                try care(["customer", "edit", id, "--phone", "600 000 000"]).stderr.contains("was merged into C000001"))
            try clean()
        }
    }
}

@Suite struct IncidentReadCommandTests {
    @Test func anIncidentIsShownWholeAndTheListFilters() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory)
            let state = try FileStore(directory: directory).open()
            let open = try #require(state.incidents.summaries { $0.status.isOpen }.min { $0.id < $1.id })
            let noted = try CareProcess.run([
                "incident", "note", open.id.rawValue, "Prometido: reenvío gratis", "--data", directory,
            ])
            #expect(noted.status == 0, "\(noted.stderr)")
            let agent = try #require(state.agents.sorted.first { $0.active && $0.id != open.assignee })
            let handed = try CareProcess.run([
                "incident", "assign", open.id.rawValue, agent.id.rawValue, "--note", "Llamar antes de las 10",
                "--data", directory,
            ])
            #expect(handed.status == 0, "\(handed.stderr)")
            let shown = try CareProcess.run(["incident", "show", open.id.rawValue, "--data", directory])
            #expect(shown.stdout.contains("handover") && shown.stdout.contains("Llamar antes de las 10"))
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stdout.contains("note Prometido: reenvío gratis"))
            #expect(shown.stdout.contains("subject") && shown.stdout.contains("due"))
            let unknown = try CareProcess.run(["incident", "show", "I999999", "--data", directory])
            #expect(unknown.status != 0 && unknown.stderr.contains("There is no incident I999999."))
            let listed = try CareProcess.run([
                "incident", "list", "--status", "open", "--format", "csv", "--data", directory,
            ])
            let rows = listed.stdout.split(whereSeparator: \.isNewline).dropFirst()
            #expect(rows.count == state.incidents.summaries { $0.status.isOpen }.count)
            #expect(rows.allSatisfy { !$0.contains(",resolved,") })
            let bad = try CareProcess.run(["incident", "list", "--status", "done", "--data", directory])
            #expect(bad.status != 0 && bad.stderr.contains("--status is open or one of"))
        }
    }
}
