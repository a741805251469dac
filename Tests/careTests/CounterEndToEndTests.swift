import CareDomain
import Foundation
import Testing

/// A counter day in a real terminal (tmux), by keyboard: a walk-in
/// customer registered, a purchase, a phone contact with its survey, the
/// phone corrected and the customer found by it typed without spaces;
/// `care check` clean after each step.
@Suite(.enabled(if: TmuxSession.available, "needs tmux"))
struct CounterEndToEndTests {
    @Test(arguments: [(80, 24), (120, 40)])
    func aWalkInCustomersCounterDay(width: Int, height: Int) throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 40)
            func clean(sourceLocation: SourceLocation = #_sourceLocation) throws {
                let check = try CareProcess.run(["check", "--data", directory])
                #expect(check.status == 0, "\(check.stdout)\(check.stderr)", sourceLocation: sourceLocation)
            }
            let session = try TmuxSession.console(on: directory, width: width, height: height)
            _ = try session.waitFor { $0.contains("1 Customers (40)") }

            try session.send("N")
            _ = try session.waitFor { $0.contains("Register a customer") }
            try session.type("Lucía Pérez")
            try session.send("Tab")
            try session.type("624 612 113")
            try session.send("Enter")
            let registered = try session.waitFor { $0.contains("Registered Lucía Pérez (C000041)") }
            #expect(registered.contains("prospect"), "\(registered)")
            try clean()

            try session.send("Escape")
            try session.send("b")
            _ = try session.waitFor { $0.contains("Purchase for Lucía Pérez") }
            try session.type("45,90")
            try session.send("Enter")
            let bought = try session.waitFor { $0.contains("Purchase of 45.90 € for Lucía Pérez") }
            #expect(bought.contains("points"), "\(bought)")
            try clean()

            try session.send("Escape")
            try session.send("l")
            _ = try session.waitFor { $0.contains("Contact with Lucía Pérez") }
            // Phone support, by phone, how it went, then the customer's survey.
            try session.type("p")
            try session.send("Tab")
            try session.type("p")
            try session.send("Tab")
            try session.type("Preguntó por su pedido")
            try session.send("Tab")
            try session.type("y")
            try session.send("Tab")
            try session.type("5")
            try session.send("Tab")
            try session.type("y")
            try session.send("Enter")
            let logged = try session.waitFor { $0.contains("with their survey (5/5)") }
            #expect(logged.contains("Logged Phone support for Lucía Pérez"), "\(logged)")
            try clean()

            try session.send("Escape")
            try session.send("e")
            _ = try session.waitFor { $0.contains("Correct Lucía Pérez") }
            try session.send("Tab")
            try session.send("C-u")
            try session.type("611 000 222")
            try session.send("Enter")
            let corrected = try session.waitFor { $0.contains("phone: 624 612 113 → 611 000 222") }
            #expect(corrected.contains("Corrected Lucía Pérez"), "\(corrected)")
            try clean()

            try session.send("Escape")
            try session.send("/")
            try session.type("611000222")
            try session.send("Enter")
            let found = try session.waitFor { $0.contains("Customers (1 of 41)") }
            #expect(found.contains("Lucía Pérez"), "\(found)")
            try session.send("3")
            let timeline = try session.waitFor { $0.contains("★5 Phone support") }
            #expect(timeline.contains("45.90 €"), "\(timeline)")
            try session.send("q")
            #expect(try session.exitScreen().contains("EXIT=0"))
            try clean()
        }
    }
}
