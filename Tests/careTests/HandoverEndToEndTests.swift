import CareDomain
import Foundation
import Testing

/// One agent notes an incident and hands it over with a note; a second
/// console, another agent's, finds it in their own view and reads the
/// handover first in the incident view.
@Suite(.enabled(if: TmuxSession.available, "needs tmux"))
struct HandoverEndToEndTests {
    @Test func theNextAgentReadsWhatWasPromised() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 40)
            let first = try TmuxSession.console(on: directory)
            _ = try first.waitFor { $0.contains("4 Incident queue") }
            try first.send("4")
            try first.send("n")
            _ = try first.waitFor { $0.contains("Note on I") }
            try first.type("Prometido: reenvío gratis")
            try first.send("Enter")
            let noted = try first.waitFor { $0.contains("Noted on I") }
            let id = String(noted.components(separatedBy: "Noted on ").last?.prefix(7) ?? "")
            try first.send("a")
            _ = try first.waitFor { $0.contains("over to") }
            // Down to María García's row: the dialog lists the active agents by login.
            let agents = try FileStore(directory: directory).open().agents.sorted.filter(\.active).map(\.id)
            let row = try #require(agents.firstIndex(of: "mgarcia"))
            for _ in 0..<row { try first.send("Down") }
            _ = try first.waitFor { $0.contains("› mgarcia") }
            try first.type("Llamar antes de las 10")
            try first.send("Enter")
            let handed = try first.waitFor { $0.contains("to mgarcia with your handover note") }
            #expect(handed.contains("Assigned \(id)") && handed.contains("to mgarcia"), "\(handed)")
            try first.send("q")
            _ = try first.exitScreen()

            let second = try TmuxSession.console(on: directory, width: 100, height: 30, options: "--as mgarcia")
            _ = try second.waitFor { $0.contains("4 Incident queue") }
            try second.send("4")
            try second.send("m")
            _ = try second.waitFor { $0.contains("Queue, mine") }
            for _ in 0..<20 {
                try second.send("Enter")
                let view = try second.waitFor(3) { $0.contains("Incident I") }
                if view.contains("Incident \(id)") { break }
                try second.send("Escape")
                try second.send("Down")
            }
            let view = try second.waitFor { $0.contains("Incident \(id)") }
            #expect(view.contains("handover") && view.contains("Llamar antes de las 10"), "\(view)")
            #expect(view.contains("note  Prometido: reenvío gratis"), "\(view)")
            try second.send("Escape")
            try second.send("q")
            _ = try second.exitScreen()
            #expect(try CareProcess.run(["check", "--data", directory]).status == 0)
        }
    }
}

/// Issue 14's count: from "the customer gives their surname" to a new
/// complaint resolved with a playbook, its compensation and a rating, in ten
/// keys besides the typed text, the incident on screen throughout.
@Suite(.enabled(if: TmuxSession.available, "needs tmux"))
struct FewerKeysEndToEndTests {
    @Test func aComplaintFromSurnameToRatingInTenKeys() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 40)
            let state = try FileStore(directory: directory).open()
            let customer = try #require(
                state.customers.summaries.filter { Folding.fold($0.name).contains("pena") }.min { $0.name < $1.name })
            let session = try TmuxSession.console(on: directory)
            _ = try session.waitFor { $0.contains("4 Incident queue") }
            var keys = 0
            func key(_ name: String) throws {
                keys += 1
                try session.send(name)
            }
            try key("/")
            try session.type("pena")
            try key("Enter")
            try key("i")
            _ = try session.waitFor { $0.contains("New incident for") }
            try key("c")  // Complaint at the counter
            try key("BTab")  // to the subject
            try session.type("Factura duplicada")
            try key("Enter")
            let opened = try session.waitFor { $0.contains("Opened I") }
            let id = String(opened.components(separatedBy: "Opened ").last?.prefix(7) ?? "")
            try key("r")
            _ = try session.waitFor { $0.contains("Resolve \(id)") }
            try key("Enter")
            let next = try session.waitFor { $0.contains("Grant ") || $0.contains("how did it go") }
            if next.contains("Grant ") { try key("y") }
            _ = try session.waitFor { $0.contains("how did it go") }
            try key("4")
            let resolved = try session.waitFor { $0.contains("Resolved \(id)") }
            #expect(resolved.contains("Resolved \(id)"), "\(resolved)")
            #expect(keys <= 10, "\(keys) keys")
            try session.send("q")
            _ = try session.exitScreen()
            let after = try FileStore(directory: directory).open()
            let incident = try #require(after.incidents[IncidentID(id)])
            #expect(incident.customer == customer.id && incident.status == .resolved)
            #expect(incident.rating?.score == 4 && incident.rating?.answeredBy == .customer)
            #expect(incident.resolution?.playbook != nil && incident.touchpoint == "complaint")
        }
    }
}
