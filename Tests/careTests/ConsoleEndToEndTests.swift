import CareDomain
import Foundation
import Testing

/// The built console in a real terminal (tmux), used by keyboard as an
/// agent would, at the smallest supported size and a larger one.
@Suite(.enabled(if: TmuxSession.available, "needs tmux"))
struct ConsoleEndToEndTests {
    @Test(arguments: [(80, 24), (120, 40)])
    func findACustomerByAnAccentedNameTypedWithoutAccents(width: Int, height: Int) throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 60)
            let state = try FileStore(directory: directory).open()
            let customer = try #require(
                state.customers.summaries.sorted { $0.id < $1.id }.first { summary in
                    summary.name.contains { "áéíóúñÁÉÍÓÚÑ".contains($0) }
                })
            let plain = customer.name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            #expect(plain != customer.name)

            let session = try TmuxSession.console(on: directory, width: width, height: height)
            // Both panes, waited for together: a capture may come while the
            // first frame is still being written (it did so in a test run).
            let opened = try session.waitFor { $0.contains("1 Customers (60)") && $0.contains("4 Incident queue") }
            #expect(opened.contains("4 Incident queue"), "\(opened)")
            try session.send("/")
            try session.type(plain)
            let filtered = try session.waitFor {
                $0.contains("Customers (1 of 60)") || $0.contains("of 60)") && $0.contains(customer.name)
            }
            #expect(filtered.contains(customer.name), "\(filtered)")
            try session.send("Enter")
            try session.send("Enter")
            // The profile shows the name with its accents, next to the list.
            let profile = try session.waitFor { $0.components(separatedBy: customer.name).count > 2 }
            #expect(profile.components(separatedBy: customer.name).count > 2, "\(profile)")
            #expect(profile.contains(customer.id.rawValue))
            try session.send("q")
            let closed = try session.exitScreen()
            #expect(closed.contains("EXIT=0"), "\(closed)")
            #expect(try CareProcess.run(["check", "--data", directory]).status == 0)
        }
    }

    /// Another process holds the writer lock for 5 s, as a long compaction
    /// does (`flock` on the store's lock file): the console's write waits
    /// and says so, its keys do not, and the write lands when the lock goes.
    @Test func keysAreAnsweredWhileAnotherProcessHoldsTheStore() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 30)
            let incident = try #require(
                try FileStore(directory: directory).open().incidents.summaries { $0.status.isOpen }
                    .min { $0.dueAt < $1.dueAt })
            let session = try TmuxSession.console(
                on: directory, prefix: "(flock \(directory)/lock sleep 5 &); sleep 0.3; ")
            try session.waitFor { $0.contains("1 Customers (30)") }
            try session.send("4")
            try session.send("t")
            let waiting = try session.waitFor { $0.contains("saving…") }
            #expect(waiting.contains("saving…"), "\(waiting)")
            try session.send("?")
            let help = try session.waitFor(3) { $0.contains("key closes") }
            #expect(help.contains("saving…") && help.contains("─ Keys ─"), "\(help)")
            try session.send("Escape")
            let saved = try session.waitFor(15) { $0.contains("Took \(incident.id) (") }
            #expect(saved.contains("Took \(incident.id) ("), "\(saved)")
            try session.send("q")
            #expect(try session.exitScreen().contains("EXIT=0"))
            #expect(try FileStore(directory: directory).open().incidents[incident.id]?.assignee != nil)
        }
    }

    /// Spanish from LANG alone, on a machine whose only UTF-8 locale is
    /// C.UTF-8 (es_ES is not installed here): the words come from care's
    /// catalog, not from the system.
    @Test func spanishFromLangWithoutTheLocaleInstalled() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 30)
            let session = try TmuxSession.console(on: directory, prefix: "LANG=es_ES.UTF-8 ")
            let screen = try session.waitFor { $0.contains("1 Clientes (30)") }
            #expect(screen.contains("Incidencias (") && screen.contains("vencidas"), "\(screen)")
            try session.send("Escape")
            try session.send("?")
            let help = try session.waitFor { $0.contains("─ Teclas ─") }
            #expect(help.contains("panel siguiente"), "\(help)")
            try session.send("q")
            try session.send("q")
            #expect(try session.exitScreen().contains("EXIT=0"))
            let english = try TmuxSession.console(on: directory, prefix: "LANG=es_ES.UTF-8 ", options: "--lang en")
            let englishScreen = try english.waitFor { $0.contains("1 Customers (30)") && $0.contains("Incident queue") }
            #expect(englishScreen.contains("Incident queue"))
            try english.send("q")
            #expect(try english.exitScreen().contains("EXIT=0"))
        }
    }

    /// As sshd leaves it: no LANG, LC_ALL or LC_CTYPE. The name is drawn
    /// whole, with its accents, and the console says what it did.
    @Test func withNoLocaleAnAccentedNameIsDrawnWhole() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 30)
            let customer = try #require(
                try FileStore(directory: directory).open().customers.summaries.sorted { $0.name < $1.name }
                    .first { $0.name.unicodeScalars.contains { $0.value > 127 } })
            let session = try TmuxSession.console(on: directory, prefix: "env -u LANG -u LC_ALL -u LC_CTYPE ")
            let screen = try session.waitFor { $0.contains("1 Customers (30)") && $0.contains("C.UTF-8") }
            #expect(screen.contains("No locale is set"), "\(screen)")
            #expect(screen.contains("┌─ 1 Customers (30)"), "\(screen)")
            try session.send("/")
            try session.type(customer.id.rawValue)
            let found = try session.waitFor { $0.contains("1 of 30") }
            #expect(found.contains(customer.name), "\(found)")
            try session.send("Escape")
            try session.send("q")
            #expect(try session.exitScreen().contains("EXIT=0"))
        }
    }

    @Test func aTerminalThatCannotMoveTheCursorGetsOneSentenceAndExit2() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 5)
            let session = try TmuxSession.console(on: directory, prefix: "TERM=dumb ")
            let screen = try session.exitScreen()
            #expect(screen.contains("The terminal \"dumb\" cannot move the cursor"), "\(screen)")
            #expect(screen.contains("EXIT=2"), "\(screen)")
        }
    }

    @Test func asciiDrawsBordersAndNamesWithASCIIOnly() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 10)
            let session = try TmuxSession(
                width: 80, height: 24, command: "LANG=C \(CareProcess.executable) --ascii --data \(directory)")
            let screen = try session.waitFor { $0.contains("1 Customers (10)") }
            #expect(screen.contains("+- 1 Customers (10) --"), "\(screen)")
            #expect(screen.unicodeScalars.allSatisfy { $0.isASCII }, "\(screen)")
            try session.send("q")
            #expect(try session.exitScreen().contains("EXIT=0"))
        }
    }

    @Test func aTerminalTooSmallSaysSoAndRecovers() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 10)
            let session = try TmuxSession.console(on: directory, width: 70, height: 20)
            let small = try session.waitFor { $0.contains("Terminal too small") }
            #expect(small.contains("Terminal too small: 70×20."), "\(small)")
            try session.send("q")
            #expect(try session.exitScreen().contains("EXIT=0"))
        }
    }

    @Test func sigtermQuitsCleanly() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 10)
            // The console in the foreground, sent SIGTERM after 2 s; its own
            // status comes through: 0 when it quit cleanly, 143 if killed.
            let session = try TmuxSession.console(
                on: directory, prefix: "timeout --foreground --preserve-status -s TERM 2 ")
            #expect(try session.waitFor { $0.contains("1 Customers (10)") }.contains("1 Customers (10)"))
            Thread.sleep(forTimeInterval: 3)
            let closed = try session.capture()
            #expect(closed.contains("EXIT=0"), "\(closed)")
            #expect(!closed.contains("1 Customers (10)"), "the console's screen is still there:\n\(closed)")
        }
    }
}

@Suite(.enabled(if: TmuxSession.available, "needs tmux"))
struct CounterWorkflowEndToEndTests {
    /// Open an incident for the first customer; it is then selected in the
    /// queue: take it, note it, resolve it with its first playbook (granting
    /// what is proposed) and a rating of 5, quit; the store has it all and
    /// checks clean.
    @Test(arguments: [(80, 24), (120, 40)])
    func resolveAnIncidentByKeyboard(width: Int, height: Int) throws {
        // A method, not a closure: the Swift 6.3 compiler crashes on this
        // body inside a closure (SendNonSendable pass).
        try withTemporaryDirectory { directory in try workflow(in: directory, width: width, height: height) }
    }

    private func workflow(in directory: String, width: Int, height: Int) throws {
        try seedSmallStore(directory, customers: 60)
        let session = try TmuxSession.console(on: directory, width: width, height: height)
        try session.waitFor { $0.contains("4 Incident queue") }
        // A new incident for the first customer: first touchpoint, complaint,
        // normal, at the counter, the opener working on it; S-Tab goes from
        // the first field to the last, the subject.
        try session.send("i")
        try session.waitFor { $0.contains("New incident for") }
        try session.send("BTab")
        try session.type("Factura duplicada")
        try session.send("Enter")
        let opened = try session.waitFor { $0.contains("Opened I") }
        #expect(opened.contains("a complaint for") && opened.contains("assigned to"), "\(opened)")
        try session.send("4")
        try session.send("t")
        let taken = try session.waitFor { $0.contains("Took I") }
        let id = String(taken.components(separatedBy: "Took ").last?.prefix(7) ?? "")
        #expect(id.hasPrefix("I"), "\(taken)")
        try session.send("n")
        try session.type("Llamé al cliente")
        try session.send("Enter")
        try session.waitFor { $0.contains("Noted on \(id) (") }
        try session.send("r")
        try session.waitFor { $0.contains("Resolve \(id)") }
        try session.send("Enter")
        let next = try session.waitFor { $0.contains("compensation") || $0.contains("how did it go") }
        if next.contains("Grant ") { try session.send("y") }
        try session.waitFor { $0.contains("how did it go") }
        try session.send("5")
        let resolved = try session.waitFor { $0.contains("Resolved \(id)") }
        #expect(resolved.contains("Resolved \(id)"), "\(resolved)")
        try session.send("q")
        #expect(try session.exitScreen().contains("EXIT=0"))

        let store = FileStore(directory: directory)
        let state = try store.open()
        let incident = try #require(state.incidents[IncidentID(id)])
        #expect(incident.status == .resolved)
        #expect(incident.rating?.score == 5)
        #expect(incident.resolution?.playbook != nil)
        #expect(try store.history(of: incident).contains { $0.kind == .note && $0.text == "Llamé al cliente" })
        let newOne = state.incidents.summaries.filter { summary in
            state.incidents[summary.id]?.subject == "Factura duplicada"
        }
        #expect(newOne.count == 1)
        let check = try CareProcess.run(["check", "--data", directory])
        #expect(check.status == 0, "\(check.stdout)")
    }
}

@Suite(.enabled(if: TmuxSession.available, "needs tmux"))
struct UnknownTerminalTests {
    @Test func anUnknownTerminalTypeIsNamedWithExitCode2() throws {
        try withTemporaryDirectory { directory in
            try seedSmallStore(directory, customers: 5)
            let session = try TmuxSession.console(on: directory, prefix: "TERM=no-such-terminal ")
            let screen = try session.exitScreen()
            #expect(screen.contains("The terminal type \"no-such-terminal\" is unknown"), "\(screen)")
            #expect(screen.contains("EXIT=2"))
        }
    }
}

@Suite(.enabled(if: TmuxSession.available, "needs tmux"))
struct RedeemEndToEndTests {
    /// Find a customer who can afford the café, open the redeem dialog with
    /// R, take the first reward, see the balance drop and the movement in
    /// the points history (p), quit: the ledger has it and the store is clean.
    @Test func redeemARewardByKeyboard() throws {
        try withTemporaryDirectory { directory in try redeem(in: directory) }
    }

    private func redeem(in directory: String) throws {
        try seedSmallStore(directory, customers: 60)
        let before = try FileStore(directory: directory).open()
        let customer = try #require(
            before.customers.sorted.first { $0.loyalty.points >= 100 && $0.loyalty.points < 250 })
        let session = try TmuxSession.console(on: directory, width: 100, height: 30)
        try session.waitFor { $0.contains("4 Incident queue") }
        try session.send("/")
        try session.type(customer.id.rawValue)
        try session.send("Enter")
        try session.waitFor { $0.contains("\(customer.loyalty.points) points") }
        try session.send("R")
        // The whole dialog, not a capture taken while it was being drawn.
        let dialog = try session.waitFor { $0.contains("Redeem for") && $0.contains(" more") }
        #expect(dialog.contains("Coffee and a pastry"), "\(dialog)")
        #expect(dialog.contains("needs \(4000 - customer.loyalty.points) more"), "\(dialog)")
        try session.send("Enter")
        let left = customer.loyalty.points - 100
        let done = try session.waitFor { $0.contains("Redeemed Coffee and a pastry") }
        #expect(done.contains("Redeemed Coffee and a pastry for \(customer.name)"), "\(done)")
        #expect(done.contains("\(left) points left."), "\(done)")
        try session.send("p")
        // The title changes at once; the ledger's rows come when it is read
        // off the loop, which a busy machine can show a frame later.
        let history = try session.waitFor { $0.contains("Points history") && $0.contains("redeem   -100") }
        #expect(history.contains("redeem   -100"), "\(history)")
        #expect(history.contains("reward: Coffee and a p"), "\(history)")
        try session.send("q")
        #expect(try session.exitScreen().contains("EXIT=0"))
        let ledger = try FileStore(directory: directory).ledger(of: customer.id)
        #expect(ledger.last?.reward == "coffee")
        #expect(ledger.last?.points == -100)
        #expect(try CareProcess.run(["check", "--data", directory]).status == 0)
    }
}

@Suite(.enabled(if: TmuxSession.available, "needs tmux"))
struct SupervisorEndToEndTests {
    /// A supervisor takes an agent off the roster with A, raises another's
    /// authority, and reads a customer's audit trail with h.
    @Test func manageTheRosterAndReadTheAuditByKeyboard() throws {
        try withTemporaryDirectory { directory in try roster(in: directory) }
    }

    private func roster(in directory: String) throws {
        try seedSmallStore(directory, customers: 20)
        // Two agents side by side in the roster's order, neither the supervisor
        // running the test (whose login may sort anywhere).
        let agents = try FileStore(directory: directory).open().agents.sorted
        let index = try #require(
            agents.indices.first { $0 + 1 < agents.count && agents[$0].role == .agent && agents[$0 + 1].role == .agent }
        )
        let (first, second) = (agents[index], agents[index + 1])
        #expect(
            try CareProcess.run([
                "incident", "open", "C000003", "--touchpoint", "billing", "--subject", "Factura", "--data", directory,
            ]).status == 0)
        let session = try TmuxSession.console(on: directory, width: 100, height: 30)
        try session.waitFor { $0.contains("4 Incident queue") }
        try session.send("A")
        try session.waitFor { $0.contains("Roster") }
        for _ in 0..<index { try session.send("j") }
        try session.send("Enter")
        let off = try session.waitFor { $0.contains("\(first.id): ") }
        #expect(
            off.contains("\(first.id): \(first.role.rawValue), authority \(first.authorityLimit), inactive."), "\(off)")
        try session.send("j")
        try session.send("+")
        let raised = try session.waitFor { $0.contains("\(second.id): ") }
        #expect(raised.contains("authority \(second.authorityLimit + .euros(5))"), "\(raised)")
        try session.send("Escape")
        try session.send("/")
        try session.type("C000003")
        try session.send("Enter")
        try session.send("h")
        let audit = try session.waitFor { $0.contains("Changes to") }
        #expect(audit.contains("open incident"), "\(audit)")
        try session.send("q")
        try session.send("q")
        #expect(try session.exitScreen().contains("EXIT=0"))
        let after = try FileStore(directory: directory).open().agents
        #expect(after[first.id]?.active == false)
        #expect(after[second.id]?.authorityLimit == second.authorityLimit + .euros(5))
    }
}

@Suite(.enabled(if: TmuxSession.available, "needs tmux"))
struct ScoresEndToEndTests {
    /// A supervisor opens the scores, steps the period and recognises the
    /// agent on the first row; an agent sees only their own scores and the
    /// recognition a supervisor gave them.
    @Test func reviewAndRecogniseByKeyboard() throws {
        try withTemporaryDirectory { directory in try scores(in: directory) }
    }

    private func scores(in directory: String) throws {
        try seedSmallStore(directory, customers: 40)
        let session = try TmuxSession.console(on: directory, width: 100, height: 30)
        try session.waitFor { $0.contains("4 Incident queue") }
        try session.send("S")
        // The whole frame, not the first rows curses has written of it.
        let table = try session.waitFor { $0.contains("Agent scores") && $0.contains("team ") }
        #expect(table.contains("(30 days)") && table.contains("team "), "\(table)")
        #expect(table.contains("María García") && table.contains("Begoña Ibáñez"), "\(table)")
        try session.send("p")
        try session.waitFor { $0.contains("(90 days)") }
        try session.send("<")
        try session.waitFor {
            $0.contains("vs the 90 days before") && !$0.contains("to \(Day(containing: Date())) (90 days)")
        }
        try session.send("r")
        try session.waitFor { $0.contains("What did they do well?") }
        try session.type("Stayed late for the Núñez family")
        try session.send("Enter")
        let done = try session.waitFor { $0.contains("Recognised ") && $0.contains("★") }
        #expect(done.contains("Stayed late for the Núñez family"), "\(done)")
        try session.send("Escape")
        try session.waitFor { $0.contains("1 Customers") }
        try session.send("q")
        #expect(try session.exitScreen().contains("EXIT=0"))
        let recognised = try FileStore(directory: directory).open().agents.sorted.filter {
            $0.recognitions?.isEmpty == false
        }
        #expect(
            recognised.count == 1 && recognised.first?.recognitions?.first?.reason == "Stayed late for the Núñez family"
        )

        #expect(
            try CareProcess.run([
                "agent", "recognise", "mgarcia", "--reason", "Best first-contact rate", "--data", directory,
            ]).status == 0)
        let agent = try TmuxSession(
            width: 100, height: 30, command: "\(CareProcess.executable) --data \(directory) --as mgarcia")
        try agent.waitFor { $0.contains("4 Incident queue") }
        try agent.send("S")
        let own = try agent.waitFor { $0.contains("Your scores") && $0.contains("Best first-contact rate") }
        #expect(own.contains("María García") && own.contains("team "), "\(own)")
        #expect(!own.contains("Begoña Ibáñez") && !own.contains("Raúl Álvarez"), "\(own)")
        #expect(own.contains("★ Recognised") && own.contains("Best first-contact rate"), "\(own)")
        try agent.send("r")
        try agent.waitFor { $0.contains("Only a supervisor can recognise an agent.") }
        try agent.send("q")
        #expect(try agent.exitScreen().contains("EXIT=0"))
    }
}
