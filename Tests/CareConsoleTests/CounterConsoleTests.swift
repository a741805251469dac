import CareDomain
import Foundation
import Testing

@testable import CareConsole

/// The counter's dialogs driven by keys against a seeded store, each
/// command carried out as the loop would.
struct CounterDriver {
    var state: AppState
    let directory: String
    let console: Console

    init() throws {
        let (state, directory) = try seededState()
        self.state = state
        self.directory = directory
        console = Console(
            store: FileStore(directory: directory, clock: .fixed(state.now)), author: Author(login: "boss"),
            clock: .fixed(state.now))
        send(.storeChanged(state.store))
    }

    /// A second console on the same store, as another login.
    init(directory: String, login: String, now: Date) throws {
        let store = FileStore(directory: directory, clock: .fixed(now))
        state = AppState(store: try store.open(), now: now, agent: login)
        _ = update(&state, .resize(Size(width: 80, height: 24)))
        self.directory = directory
        console = Console(store: store, author: Author(login: login), clock: .fixed(now))
        send(.storeChanged(state.store))
    }

    /// What another session wrote, as the next refresh brings it.
    mutating func refresh() throws {
        send(.storeChanged(try FileStore(directory: directory, clock: .fixed(state.now)).open()))
    }

    /// A message and everything it leads to, results taken at once.
    mutating func send(_ message: Message) {
        var pending = [message]
        while !pending.isEmpty {
            let next = pending.removeFirst()
            for command in update(&state, next) {
                if let result = console.perform(command, in: state) { pending.append(result) }
            }
        }
    }

    /// Keys as the golden screens type them (⏎ Enter, ⇥ Tab, ⎋ Esc).
    mutating func keys(_ text: String) {
        for key in GoldenScenario.keys(text) { send(.key(key)) }
    }

    var screen: String { render(state, size: Size(width: 80, height: 24)).lines.joined(separator: "\n") }
}

@Suite struct CounterConsoleTests {
    @Test func aWalkInIsRegisteredAndSelectedAndADuplicateCanBeOpenedInstead() throws {
        var driver = try CounterDriver()
        defer { try? FileManager.default.removeItem(atPath: driver.directory) }
        let existing = try #require(driver.state.store.customers.sorted.first { $0.phone != nil })
        let digits = (existing.phone ?? "").filter(\.isNumber)
        driver.keys("NSomeone Else⇥\(digits)⏎")
        #expect(driver.screen.contains("Already in the store?"))
        #expect(driver.screen.contains("\(existing.id)  (same phone)"))
        driver.keys("⏎")
        #expect(driver.state.dialog == nil && driver.state.subjectCustomerID == existing.id)

        let before = driver.state.store.customers.count
        driver.keys("NLucía Pérez⇥611 222 333⇥lucia@example.com⏎")
        #expect(driver.state.store.customers.count == before + 1)
        let created = try #require(driver.state.subjectCustomerID)
        #expect(driver.state.store.customers[created]?.name == "Lucía Pérez")
        #expect(driver.state.store.customers[created]?.lifecycle == .prospect)
        #expect(driver.state.notice?.contains("Registered Lucía Pérez (\(created))") == true)
    }

    @Test func aBadValueKeepsTheDialogAsTypedAndNamesTheField() throws {
        var driver = try CounterDriver()
        defer { try? FileManager.default.removeItem(atPath: driver.directory) }
        driver.keys("NAna Ruiz⇥⇥⇥⇥31/02/1980⏎")
        #expect(driver.state.message == "The birth date cannot be saved: \"31/02/1980\" is not a date.")
        let dialog = try #require(driver.state.dialog as? RegisterDialog)
        #expect(dialog.form.text("name") == "Ana Ruiz" && dialog.form.text("birth date") == "31/02/1980")
        #expect(dialog.form.fields[dialog.form.active].label == "birth date")
    }

    @Test func aStepTheStoreRefusesOpensItsDialogAgainAsTyped() throws {
        var driver = try CounterDriver()
        defer { try? FileManager.default.removeItem(atPath: driver.directory) }
        driver.keys("2")
        let customer = try #require(driver.state.customer)
        // Another session blocks the customer after the dialog opened.
        driver.keys("b45,90")
        let store = FileStore(directory: driver.directory, clock: .fixed(driver.state.now))
        _ = try store.transact(by: Author(login: "boss")) { state in
            try PrivacyRules.block(in: state, customer: customer.id, by: Author(login: "boss"), at: driver.state.now)
        }
        driver.keys("⏎")
        #expect(driver.state.message == LoyaltyRefusal.blockedCustomer(customer.id).description)
        let dialog = try #require(driver.state.dialog as? PurchaseDialog)
        #expect(dialog.form.text(PurchaseDialog.amount) == "45,90")
    }

    @Test func aPurchaseAReturnAContactAndItsSurveyReachTheTimelineAtOnce() throws {
        var driver = try CounterDriver()
        defer { try? FileManager.default.removeItem(atPath: driver.directory) }
        driver.keys("2")
        let customer = try #require(driver.state.customer)
        let moments = driver.state.timeline.count
        driver.keys("b1.234,50⏎")
        #expect(driver.state.notice?.hasPrefix("Purchase of 1,234.50 € for \(customer.name)") == true)
        #expect(driver.state.timeline.count == moments + 1 && driver.state.timeline.first?.amount == 123_450)
        driver.keys("x⇥100⏎")
        #expect(driver.state.notice?.hasPrefix("Returned 100.00 €:") == true, "\(driver.state.notice ?? "")")
        #expect(driver.state.timeline.first?.returnOf != nil)
        driver.keys("lp⇥p⇥Llamó por su pedido⇥y⇥4⇥y⇥muy amable⏎")
        let logged = try #require(
            driver.state.timeline.first { $0.surveyOf == nil && $0.outcome == "Llamó por su pedido" })
        #expect(logged.channel == .phone && logged.serviceLevelMet == true && logged.touchpoint == "phone-support")
        let survey = try #require(driver.state.timeline.first { $0.surveyOf == logged.id }?.survey)
        #expect(survey.score == 4 && survey.expectationsMet == true && survey.answeredBy == .customer)
        #expect(driver.screen.contains("★4 Phone support"))
        #expect(try StoreChecker.check(directory: driver.directory).problems == [])
    }

    @Test func escapeOnAMessageKeepsTheFilterAndClearingItKeepsTheCustomer() throws {
        var driver = try CounterDriver()
        defer { try? FileManager.default.removeItem(atPath: driver.directory) }
        let target = try #require(driver.state.store.customers.sorted.last)
        driver.keys("/\(target.id.rawValue)⏎")
        #expect(driver.state.subjectCustomerID == target.id)
        driver.keys("t")
        #expect(driver.state.message != nil)
        driver.keys("⎋")
        #expect(driver.state.filter == target.id.rawValue)
        driver.keys("⎋")
        #expect(driver.state.filter.isEmpty && driver.state.subjectCustomerID == target.id)
    }
}

@Suite struct IncidentViewTests {
    @Test func enterOnTheQueueShowsTheIncidentWholeAndItsNotesAndItsKeysActOnIt() throws {
        var driver = try CounterDriver()
        defer { try? FileManager.default.removeItem(atPath: driver.directory) }
        driver.keys("4")
        let incident = try #require(driver.state.selectedIncident)
        driver.keys("nPrometido: reenvío gratis⏎")
        driver.keys("⏎G")
        #expect(driver.state.mode.layer is IncidentView)
        let screen = driver.screen
        #expect(screen.contains("Incident \(incident.id)"))
        #expect(screen.contains("boss  note  Prometido: reenvío gratis"))
        #expect(screen.contains("History (") && screen.contains("assignee"))
        // t from the view takes it.
        driver.keys("t")
        #expect(driver.state.store.incidents[incident.id]?.assignee == "boss")
        #expect(!(driver.state.mode.layer is IncidentView))
    }

    @Test func theHistoryIsSaidToBeReadingUntilTheCustomersStepsArrive() throws {
        var driver = try CounterDriver()
        defer { try? FileManager.default.removeItem(atPath: driver.directory) }
        driver.keys("4⏎")
        let incident = try #require(driver.state.selectedIncident)
        let steps = driver.state.incidentSteps
        #expect(steps.contains { $0.incident == incident.id })
        // As the loop has it between the key and the read coming back.
        let customer = driver.state.customer
        driver.state.customer = nil
        driver.state.incidentSteps = []
        #expect(driver.screen.contains("Reading…") && !driver.screen.contains("History ("))
        #expect(driver.screen.contains("Incident \(incident.id)"))
        _ = update(&driver.state, .customerLoaded(customer, [], [], steps))
        #expect(driver.screen.contains("History (") && !driver.screen.contains("Reading…"))
    }

    @Test func resolvingKeepsTheViewChosenAndTheServedCustomerOnScreen() throws {
        var driver = try CounterDriver()
        defer { try? FileManager.default.removeItem(atPath: driver.directory) }
        driver.keys("4")
        let incident = try #require(driver.state.selectedIncident)
        let open = driver.state.queue.count
        driver.keys("r⏎")
        if driver.state.dialog is GrantDialog { driver.keys("n") }
        if driver.state.dialog is DeclineDialog { driver.keys("the customer wants none⏎") }
        driver.keys("4")
        #expect(driver.state.store.incidents[incident.id]?.status == .resolved)
        #expect(driver.state.queueScope == .all && driver.state.queue.count == open - 1)
        #expect(driver.state.subjectCustomerID == incident.customer && driver.state.focus == .profile)
        // Back in the queue, the profile follows its cursor again.
        driver.keys("4")
        #expect(driver.state.subjectCustomerID == driver.state.selectedIncident?.customer)
    }
}

@Suite struct CannedNoteTests {
    @Test func tabPutsTheAreasCannedNotesInTheFieldToEdit() throws {
        var driver = try CounterDriver()
        defer { try? FileManager.default.removeItem(atPath: driver.directory) }
        driver.keys("4")
        let incident = try #require(driver.state.selectedIncident)
        let area = driver.state.store.agents["boss"]?.area
        let canned = try #require(driver.state.store.program?.cannedNotes(for: area))
        #expect(canned.contains("Prometido: "))
        driver.keys("n")
        for _ in 0..<(canned.firstIndex(of: "Prometido: ") ?? 0) + 1 { driver.send(.key(.tab)) }
        #expect(driver.screen.contains("› Prometido: ") && driver.screen.contains("Canned note"))
        driver.keys("reenvío gratis⏎")
        // What the incident view shows: the steps read with its customer.
        let record = try #require(driver.state.store.incidents[incident.id])
        #expect(driver.state.customer?.id == record.customer)
        #expect(record.history(filed: driver.state.incidentSteps).last?.text == "Prometido: reenvío gratis")
    }

    @Test func cannedNotesAreCheckedWithTheProgram() throws {
        let driver = try CounterDriver()
        defer { try? FileManager.default.removeItem(atPath: driver.directory) }
        var program = try #require(driver.state.store.program)
        #expect(ProgramRules.problems(program, in: driver.state.store).isEmpty)
        program.cannedNotes = ["Counter": ["ok", " "]]
        #expect(
            ProgramRules.problems(program, in: driver.state.store) == [
                "A canned note for Counter must be 1 to 200 characters, without control characters."
            ])
    }
}
