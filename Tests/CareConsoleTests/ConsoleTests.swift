import CareDomain
import Foundation
import Testing

@testable import CareConsole

/// A small deterministic store (the seeder, fixed day and seed), opened.
func seededState(customers: Int = 40) throws -> (AppState, String) {
    let directory = FileManager.default.temporaryDirectory.path + "/care-console-" + UUID().uuidString
    let today = Day("2026-11-22") ?? Day(daysSinceEpoch: 0)
    let now = today.start.addingTimeInterval(17 * 3600)
    let store = FileStore(directory: directory, clock: .fixed(now))
    _ = try Seeder.seed(SeedOptions(customers: customers, seed: 5, today: today, supervisorLogin: "boss"), into: store)
    var state = AppState(store: try store.open(), now: now, agent: "boss")
    _ = update(&state, .resize(Size(width: 80, height: 24)))
    return (state, directory)
}

/// The screen for `state` once the terminal is `size`.
func render(_ state: AppState, size: Size) -> Screen {
    var resized = state
    _ = update(&resized, .resize(size))
    return render(resized)
}

func type(_ text: String, into state: inout AppState) {
    for character in text { _ = update(&state, .key(.character(character))) }
}

@Suite struct RenderTests {
    @Test func theMainScreenShowsFourPanesAndTheStatusBar() throws {
        let (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lines = render(state, size: Size(width: 80, height: 24)).lines
        #expect(lines.count == 24)
        #expect(lines.allSatisfy { DisplayWidth.of($0) == 80 })
        #expect(lines[0].contains("1 Customers (40)"))
        #expect(lines[0].contains("2 Profile"))
        #expect(lines.contains { $0.contains("3 Moments of truth") })
        #expect(lines.contains { $0.contains("4 Incident queue (\(state.queue.count) open)") })
        #expect(
            lines[23].hasPrefix(
                " boss  \(state.overdueCount) overdue  Tab pane b buy l log i new / filter Enter open ? help q quit"))
    }

    @Test func belowTheMinimumSizeItSaysSo() throws {
        let (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lines = render(state, size: Size(width: 79, height: 24)).lines
        #expect(lines.contains { $0.contains("Terminal too small: 79×24.") })
        #expect(lines.contains { $0.contains("care needs at least 80×24") })
    }

    @Test func belowTheMinimumSizeKeysAreRefusedAndOnlyQuitActs() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .resize(Size(width: 60, height: 20)))
        #expect(update(&state, .key(.character("4"))).isEmpty)
        #expect(update(&state, .key(.character("t"))).isEmpty)
        #expect(state.focus == .customers)
        _ = update(&state, .key(.character("/")))
        #expect(!state.editingFilter)
        #expect(render(state).lines.contains { $0.contains("Terminal too small: 60×20.") })
        _ = update(&state, .resize(Size(width: 80, height: 24)))
        _ = update(&state, .key(.character("4")))
        #expect(state.focus == .incidents)
        _ = update(&state, .resize(Size(width: 60, height: 20)))
        _ = update(&state, .key(.character("q")))
        #expect(state.quitting)
    }

    @Test func theHelpOverlayListsEveryBinding() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .key(.character("?")))
        // At 120×40 all at once; at 80×24 the rest after scrolling with j.
        let tall = render(state, size: Size(width: 120, height: 40)).lines.joined(separator: "\n")
        for binding in KeyMap.bindings { #expect(tall.contains(binding.help), "\(binding.help)") }
        var seen = render(state, size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        #expect(seen.contains("j/k scroll"))
        for _ in 0..<KeyMap.bindings.count {
            _ = update(&state, .key(.character("j")))
            seen += render(state, size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        }
        for binding in KeyMap.bindings { #expect(seen.contains(binding.help), "\(binding.help)") }
        _ = update(&state, .key(.character("x")))
        #expect(!state.showingHelp)
    }

    @Test func anAccentedNameShowsWhole() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let accented = try #require(state.rows.first { $0.summary.name.unicodeScalars.contains { $0.value > 127 } })
        _ = update(&state, .key(.character("/")))
        type(accented.summary.id.rawValue, into: &state)
        let lines = render(state, size: Size(width: 80, height: 24)).lines
        #expect(lines[2].contains(accented.summary.name))
        #expect(lines.allSatisfy { DisplayWidth.of($0) == 80 })
    }
}

@Suite struct UpdateTests {
    @Test func filteringIgnoresAccentsAndCaseAndLoadsTheMatch() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let target = try #require(state.rows.first { $0.summary.name.unicodeScalars.contains { $0.value > 127 } })
        _ = update(&state, .key(.character("/")))
        #expect(state.editingFilter)
        let initial = state.selectedCustomerID
        var commands: [Command] = []
        for character in Folding.fold(target.summary.name).uppercased() {
            commands += update(&state, .key(.character(character)))
        }
        #expect(state.visible.map { state.rows[$0].summary.id }.contains(target.summary.id))
        let selected = try #require(state.selectedCustomerID)
        #expect(selected == state.rows[state.visible[0]].summary.id)
        // The profile follows the selection: whenever it moved, it was asked for.
        #expect(commands.last == (selected == initial ? nil : .loadCustomer(selected)))
        _ = update(&state, .key(.enter))
        #expect(!state.editingFilter)
        _ = update(&state, .key(.escape))
        #expect(state.filter.isEmpty)
        #expect(state.visible.count == state.rows.count)
    }

    @Test func movingTheSelectionAsksForThatCustomer() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .storeChanged(state.store))
        let second = state.rows[state.visible[1]].summary.id
        #expect(update(&state, .key(.character("j"))) == [.loadCustomer(second)])
        #expect(update(&state, .key(.character("k"))).count == 1)
        #expect(update(&state, .key(.character("k"))).isEmpty)  // already at the top
        _ = update(&state, .key(.character("G")))
        #expect(state.selected == state.visible.count - 1)
    }

    @Test func enterOnAnIncidentOpensItAndEnterAgainItsCustomer() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let incident = try #require(state.queue.first { $0.customer != state.selectedCustomerID })
        _ = update(&state, .key(.character("4")))
        #expect(state.focus == .incidents)
        state.queueSelected = try #require(state.queue.firstIndex(of: incident))
        _ = update(&state, .key(.enter))
        #expect((state.mode.layer as? IncidentView)?.incident == incident.id)
        _ = update(&state, .key(.enter))
        #expect(state.mode.layer == nil)
        #expect(state.focus == .profile)
        #expect(state.selectedCustomerID == incident.customer)
        #expect(state.subjectCustomerID == incident.customer)
    }

    @Test func theQueuesCursorShowsItsIncidentsCustomerAndTheKeysActOnThem() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let listed = try #require(state.selectedCustomerID)
        let first = try #require(state.queue.first)
        #expect(
            update(&state, .key(.character("4"))) == (first.customer == listed ? [] : [.loadCustomer(first.customer)]))
        let other = try #require(state.queue.firstIndex { $0.customer != first.customer })
        var commands: [Command] = []
        for _ in 0..<other { commands += update(&state, .key(.character("j"))) }
        let shown = state.queue[other].customer
        #expect(commands.last == .loadCustomer(shown))
        _ = update(&state, .customerLoaded(state.store.customers[shown], [], [], []))
        // The profile says whose it is; i opens an incident for that customer, not the list's.
        #expect(render(state).lines[0].contains("2 Profile, for \(state.queue[other].id)"))
        #expect(render(state).lines[1].contains(state.store.customers[shown]?.name ?? "?"))
        _ = update(&state, .key(.character("i")))
        #expect((state.dialog as? NewIncidentDialog)?.customer == shown)
        _ = update(&state, .key(.escape))
        // Back to the list: its customer again.
        #expect(update(&state, .key(.character("1"))) == (shown == listed ? [] : [.loadCustomer(listed)]))
        #expect(state.subjectCustomerID == listed)
    }

    @Test func panesCycleAndQuitIsQ() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for expected in [Pane.profile, .timeline, .incidents, .customers] {
            _ = update(&state, .key(.tab))
            #expect(state.focus == expected)
        }
        _ = update(&state, .key(.backTab))
        #expect(state.focus == .incidents)
        _ = update(&state, .key(.character("q")))
        #expect(state.quitting)
    }

    @Test func aTickAsksForOtherSessionsChanges() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let later = state.now.addingTimeInterval(5)
        // The seeded queue has incidents past their level with nothing owed
        // on record: the first tick also records it, the next within a minute does not.
        #expect(state.missedToRecord)
        #expect(update(&state, .tick(later)) == [.refreshStore, .act(.recordMissed)])
        #expect(state.now == later)
        #expect(update(&state, .tick(later.addingTimeInterval(5))) == [.refreshStore])
        #expect(update(&state, .tick(later.addingTimeInterval(65))) == [.refreshStore, .act(.recordMissed)])
    }
}

@Suite struct BackendTests {
    @Test func anUnchangedFrameWritesNothingAndAMoveWritesLittle() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let size = Size(width: 80, height: 24)
        let first = render(state, size: size)
        #expect(ScreenDiff(from: first, to: first).runs.isEmpty)
        _ = update(&state, .key(.character("j")))
        let moved = render(state, size: size)
        let runs = ScreenDiff(from: first, to: moved).runs
        #expect(!runs.isEmpty)
        #expect(Set(runs.map(\.y)).count <= 22)
        #expect(ScreenDiff(from: nil, to: first).runs.map(\.text).joined().count >= 80 * 24 - 200)
    }

    @Test func controlCharactersBecomeKeys() {
        #expect(NcursesTerminal.characterKey(3) == .control("c"))
        #expect(NcursesTerminal.characterKey(9) == .tab)
        #expect(NcursesTerminal.characterKey(13) == .enter)
        #expect(NcursesTerminal.characterKey(27) == .escape)
        #expect(NcursesTerminal.characterKey(127) == .backspace)
        #expect(NcursesTerminal.characterKey(0xF1) == .character("ñ"))
    }

    @Test func theConsoleLoopRunsOnTheMemoryTerminal() throws {
        let (_, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let terminal = MemoryTerminal(
            size: Size(width: 100, height: 30), events: [.key(.character("2")), .key(.character("q"))])
        try Console(store: FileStore(directory: directory), author: Author(login: "boss")).run(on: terminal)
        #expect(terminal.frames >= 3)
        #expect(terminal.lines[0].contains("2 Profile"))
        #expect(!terminal.lines[1].contains("Select a customer."))
    }
}

@Suite struct FilterTests {
    @Test func foldingDropsAccentsAndCase() {
        #expect(Folding.fold("José NÚÑEZ") == "jose nunez")
        #expect(Folding.fold("BEGOÑA Ibáñez-Çelik") == "begona ibanez-celik")
        #expect(Folding.fold("e\u{301}") == "e")  // e + combining acute
        #expect(Folding.fold("Straße ÆSIR") == "straße æsir")
        #expect(Folding.fold("Zoë O'Connor") == "zoe o'connor")
    }

    @Test func byteSearchFindsWordsAnywhere() {
        let text = Array("begona ibanez c000012 +34 600".utf8)
        #expect(ByteSearch.contains(text, Array("ibanez".utf8)))
        #expect(ByteSearch.contains(text, Array("600".utf8)))
        #expect(ByteSearch.contains(text, []))
        #expect(!ByteSearch.contains(text, Array("ibañez".utf8)))
        #expect(!ByteSearch.contains(Array("ab".utf8), Array("abc".utf8)))
    }

    @Test func thePhoneTypedWithoutSpacesOrWithItsCountryCodeFindsTheCustomer() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let target = try #require(state.rows.first { $0.summary.phone != nil }?.summary)
        let digits = String((target.phone ?? "").filter(\.isNumber))
        for typed in [digits, "00" + digits, String(digits.suffix(6)), "+" + digits] {
            _ = update(&state, .key(.character("/")))
            type(typed, into: &state)
            #expect(state.visible.map { state.rows[$0].summary.id }.contains(target.id), "\(typed)")
            // Typed key by key, the list is the one worked out afresh.
            var fresh = state
            fresh.applyFilter()
            #expect(state.visible == fresh.visible, "\(typed)")
            _ = update(&state, .key(.escape))
        }
    }

    @Test func narrowingThenErasingGivesTheSameListsAsFilteringAfresh() throws {
        var (state, directory) = try seededState(customers: 120)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .key(.character("/")))
        var seen: [[Int]] = [state.visible]
        for character in "ma r" {
            _ = update(&state, .key(.character(character)))
            var fresh = state
            fresh.applyFilter()
            #expect(state.visible == fresh.visible, "after \(state.filter)")
            seen.append(state.visible)
        }
        for expected in seen.reversed().dropFirst() {
            _ = update(&state, .key(.backspace))
            #expect(state.visible == expected)
        }
        #expect(state.visible.count == 120)
    }
}

@Suite struct QueueScopeTests {
    @Test func mCyclesAllMineUnassigned() throws {
        var (state, directory) = try seededState(customers: 120)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let all = state.queue
        let overdue = state.overdueCount
        state.agentLogin = try #require(all.compactMap(\.assignee).first).rawValue
        _ = update(&state, .key(.character("m")))
        #expect(state.queueScope == .mine)
        #expect(state.focus == .incidents)
        #expect(!state.queue.isEmpty)
        #expect(state.queue.allSatisfy { $0.assignee?.rawValue == state.agentLogin })
        _ = update(&state, .key(.character("m")))
        #expect(state.queue == all.filter { $0.assignee == nil })
        #expect(state.overdueCount == overdue)
        #expect(
            render(state, size: Size(width: 80, height: 24)).lines.contains {
                $0.contains("4 Queue, unassigned (\(state.queue.count) open)")
            })
        _ = update(&state, .key(.character("m")))
        #expect(state.queueScope == .resolved)
        #expect(!state.queue.isEmpty)
        #expect(state.queue.allSatisfy { !$0.status.isOpen })
        let resolvedTimes = state.queue.compactMap(\.resolvedAt)
        #expect(resolvedTimes == resolvedTimes.sorted(by: >))
        let last = try #require(state.selectedIncident)
        // Resolving it again is refused at once; reopening asks why.
        #expect(update(&state, .key(.character("r"))) == [])
        #expect(state.message == "\(last.id) is already resolved; o reopens it.")
        #expect(update(&state, .key(.character("o"))) == [])
        #expect(update(&state, .key(.enter)) == [])
        #expect(state.message == "Say why it is reopened: it stays in the incident's history.")
        type("Vuelve a fallar", into: &state)
        #expect(update(&state, .key(.enter)) == [.act(.reopen(last.id, reason: "Vuelve a fallar"))])
        _ = update(&state, .key(.character("m")))
        #expect(state.queue == all)
    }
}

@Suite struct IncidentDialogTests {
    @Test func takeAndNoteBecomeActions() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .key(.character("t")))
        #expect(state.message == "Select an incident in the queue (4) first.")
        let incident = try #require(state.queue.first)
        _ = update(&state, .key(.character("4")))
        #expect(update(&state, .key(.character("t"))) == [.act(.take(incident.id))])
        _ = update(&state, .key(.character("n")))
        type("Llamé", into: &state)
        _ = update(&state, .key(.backspace))
        let typing = render(state, size: Size(width: 80, height: 24))
        let row = try #require(typing.lines.firstIndex { $0.contains("› Llam▏") })
        #expect(typing.cursor?.y == row)
        #expect(typing.cursor.map { typing[$0.x, $0.y].text } == "▏")
        #expect(
            render(
                {
                    var closed = state
                    closed.mode.layer = nil
                    return closed
                }(), size: Size(width: 80, height: 24)
            ).cursor == nil)
        #expect(update(&state, .key(.enter)) == [.act(.note(incident.id, "Llam"))])
        #expect(state.dialog == nil)
        _ = update(&state, .key(.character("n")))
        _ = update(&state, .key(.escape))
        #expect(state.dialog == nil)
    }

    @Test func resolvingWalksPlaybookCompensationAndRating() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .key(.character("4")))
        let summary = try #require(state.selectedIncident)
        let incident = try #require(state.store.incidents[summary.id])
        _ = update(&state, .key(.character("r")))
        guard let options = (state.dialog as? PlaybookDialog).map(\.options),
            (state.dialog as? PlaybookDialog)?.selected == 0
        else {
            Issue.record("no playbook dialog: \(String(describing: state.dialog))")
            return
        }
        #expect(options.last == .some(nil))
        #expect(options.dropLast().allSatisfy { state.store.playbooks[$0 ?? ""]?.touchpoint == incident.touchpoint })
        _ = update(&state, .key(.enter))
        let playbook = options[0]
        let offered = IncidentRules.proposal(
            for: incident, playbook: playbook.flatMap { state.store.playbooks[$0] }, in: state.store, at: state.now)
        if offered != nil {
            guard state.dialog is GrantDialog else {
                Issue.record("no compensation offered")
                return
            }
            _ = update(&state, .key(.character("y")))
        }
        #expect(
            state.dialog as? RatingDialog
                == RatingDialog(incident: summary.id, playbook: playbook, grant: offered != nil))
        #expect(
            update(&state, .key(.character("5"))) == [
                .act(.resolve(summary.id, playbook: playbook, grant: offered != nil, rating: 5, answeredBy: .customer))
            ])
    }

    @Test func theConsoleSavesAnActionAndShowsIt() throws {
        let (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let incident = try #require(state.queue.first { $0.assignee == nil } ?? state.queue.first)
        let terminal = MemoryTerminal(size: Size(width: 80, height: 24))
        var keys: [TerminalEvent] = [.key(.character("4"))]
        keys += Array(repeating: .key(.character("j")), count: state.queue.firstIndex(of: incident) ?? 0)
        keys += [.key(.character("t")), .key(.character("q"))]
        terminal.send(contentsOf: keys)
        let store = FileStore(directory: directory)
        try Console(store: store, author: Author(login: "boss")).run(on: terminal)
        #expect(terminal.screens.contains { $0.lines.last?.contains("Took \(incident.id) (") == true })
        let saved = try FileStore(directory: directory).open().incidents[incident.id]
        #expect(saved?.assignee == "boss")
        #expect(saved?.status == .inProgress)
    }
}

@Suite struct NewIncidentAndAssignTests {
    @Test func aNewIncidentIsOneFormAndAnEmptySubjectKeepsWhatWasChosen() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let customer = try #require(state.selectedCustomerID)
        _ = update(&state, .key(.character("i")))
        guard let draft = state.dialog as? NewIncidentDialog else {
            Issue.record("no dialog")
            return
        }
        _ = update(&state, .key(.right))  // the second touchpoint
        _ = update(&state, .key(.tab))  // complaint stays
        _ = update(&state, .key(.tab))
        _ = update(&state, .key(.left))  // low
        _ = update(&state, .key(.tab))
        type("p", into: &state)  // phone
        #expect(update(&state, .key(.enter)) == [])
        #expect(state.message == "Say what it is about: type the subject.")
        let kept = try #require(state.dialog as? NewIncidentDialog)
        #expect(kept.form.choice(NewIncidentDialog.priority) == 0 && kept.form.choice(NewIncidentDialog.place) == 1)
        type("Factura duplicada", into: &state)
        let commands = update(&state, .key(.enter))
        #expect(
            commands == [
                .act(
                    .open(
                        customer, touchpoint: draft.touchpoints[1], kind: .complaint, priority: .low,
                        subject: "Factura duplicada", channel: .phone, assignee: .opener))
            ])
        #expect(state.dialog == nil)
    }

    @Test func assigningPicksAnActiveAgent() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let incident = try #require(state.selectedIncident)
        _ = update(&state, .key(.character("4")))
        _ = update(&state, .key(.character("a")))
        let agents = state.store.agents.sorted.filter(\.active).map(\.id)
        _ = update(&state, .key(.down))
        #expect(update(&state, .key(.enter)) == [.act(.assign(incident.id, to: agents[1]))])
        // A handover note is typed as the agent is chosen.
        _ = update(&state, .key(.character("a")))
        type("Prometido: reenvío gratis", into: &state)
        #expect(
            update(&state, .key(.enter))
                == [.act(.assign(incident.id, to: agents[0], handover: "Prometido: reenvío gratis"))])
        #expect(!agents.contains("tclarke"))  // inactive in the demo roster
    }
}

@Suite struct PaletteTests {
    @Test func everyActionIsThereByName() {
        let all = PaletteDialog.entries("")
        #expect(all.count == KeyMap.bindings.count - 1)
        #expect(PaletteDialog.entries("RESOLVE").map(\.action) == [.resolve, .reopen])  // "reopen a resolved incident"
        #expect(PaletteDialog.entries("nota").isEmpty)
        #expect(PaletteDialog.entries("incident new").map(\.action) == [.newIncident])
    }

    @Test func enterRunsTheActionAsItsKeyWould() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .key(.character(":")))
        type("filter", into: &state)
        #expect(
            render(state, size: Size(width: 80, height: 24)).lines.contains {
                $0.contains("› filter (accents optional)")
            })
        _ = update(&state, .key(.enter))
        #expect(state.dialog == nil)
        #expect(state.editingFilter)
        _ = update(&state, .key(.escape))
        _ = update(&state, .key(.character(":")))
        type("queue", into: &state)
        _ = update(&state, .key(.down))
        _ = update(&state, .key(.enter))
        #expect(state.focus == .incidents)
    }
}

@Suite struct TimelinePaneTests {
    @Test func aWideTimelineShowsAgentImpactAndCost() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let moment = Moment(
            id: "X-M1", customer: "C000001", touchpoint: "phone-support", at: state.now.addingTimeInterval(-3600),
            channel: .phone,
            agent: "mgarcia", outcome: "solved", cost: 450, serviceLevelMet: false, satisfaction: 4)
        _ = update(&state, .customerLoaded(nil, [moment], [], []))
        let narrow = render(state, size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        #expect(narrow.contains("✗ ★4 Phone support"))
        #expect(!narrow.contains("mgarcia"))
        let wide = render(state, size: Size(width: 120, height: 40)).lines.joined(separator: "\n")
        #expect(wide.contains("Phone support          phone             mgarcia"))
        #expect(!wide.contains("i4 4.50 €"))
        let wider = render(state, size: Size(width: 140, height: 40)).lines.joined(separator: "\n")
        #expect(wider.contains("Phone support          phone             mgarcia   i4 4.50 €"))
    }
}

@Suite struct QueueCursorTests {
    @Test func afterTakingFromTheUnassignedViewTheViewStaysAndNoKeyActsOnANeighbour() throws {
        var (state, directory) = try seededState(customers: 120)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .key(.character("m")))
        _ = update(&state, .key(.character("m")))
        #expect(state.queueScope == .unassigned)
        _ = update(&state, .key(.character("j")))
        let taken = try #require(state.selectedIncident)
        let boss = Author(login: "boss")
        let store = FileStore(directory: directory)
        let after = try store.transact(by: boss) {
            try IncidentRules.take(in: $0, incident: taken.id, by: boss, at: state.now)
        }
        _ = update(&state, .acted("Took \(taken.id).", after, taken.id))
        // The view chosen stays; the customer served stays on screen.
        #expect(state.queueScope == .unassigned)
        #expect(state.subjectCustomerID == taken.customer)
        #expect(state.focus == .profile)
        // The next key does not act on the neighbour that took its place.
        #expect(update(&state, .key(.character("t"))) == [])
        #expect(state.message == "Select an incident in the queue (4) first.")
    }

    @Test func anotherSessionsChangeDoesNotMoveTheCursorToAnotherIncident() throws {
        var (state, directory) = try seededState(customers: 120)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .key(.character("4")))
        _ = update(&state, .key(.character("G")))
        let watched = try #require(state.selectedIncident)
        // Someone else resolves the first incident in the queue: it leaves the list.
        let first = try #require(state.queue.first)
        let ana = Author(login: "mgarcia")
        let after = try FileStore(directory: directory).transact(by: ana) {
            try IncidentRules.resolve(
                in: $0, incident: first.id, playbook: nil, grant: false, declineReason: "none wanted", rating: nil,
                by: ana, at: state.now)
        }
        _ = update(&state, .storeChanged(after))
        #expect(!state.queue.contains { $0.id == first.id })
        #expect(state.selectedIncident?.id == watched.id)
    }

    @Test func switchingTheViewStartsAtItsTop() throws {
        var (state, directory) = try seededState(customers: 120)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .key(.character("4")))
        _ = update(&state, .key(.character("j")))
        _ = update(&state, .key(.character("m")))
        #expect(state.queueSelected == 0)
    }
}

@Suite struct DamagedStoreConsoleTests {
    /// A store that lost a file opens for reading and says it cannot save.
    @Test func aDamagedStoreSaysSoInTheStatusBar() throws {
        let (_, directory) = try seededState(customers: 10)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.removeItem(atPath: directory + "/coupons.json")
        let opened = try FileStore(directory: directory).open()
        var state = AppState(store: opened, now: Date(), agent: "boss")
        _ = update(&state, .resize(Size(width: 100, height: 30)))
        _ = update(&state, .storeChanged(opened))
        let screen = render(state, size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        #expect(screen.contains("Damaged store: nothing can be saved (care check says why)."), "\(screen)")
    }
}

@Suite struct LongMessageTests {
    /// A refusal longer than the status bar is shown whole, wrapped between
    /// words in a panel above it, never cut.
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func aLongMessageIsShownWholeAboveTheStatusBar(size: Size) throws {
        var (state, directory) = try seededState(customers: 10)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .resize(size))
        let sentence = StoreError.symbolicLink(path: "moments/89/C000005.jsonl").description
        state.message = sentence
        let lines = render(state, size: size).lines
        #expect(lines.last?.contains("any key closes") == true)
        let panel = lines.drop { !$0.contains("Not done") }.dropFirst().prefix { !$0.hasPrefix("└") }
        let shown = panel.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }.joined(separator: " ")
        #expect(shown == sentence, "\(lines.joined(separator: "\n"))")
        _ = update(&state, .key(.character("x")))
        #expect(!render(state, size: size).lines.joined().contains("Not done"))
    }
}

@Suite struct DemoStatusTests {
    /// The demo store says so in the status bar, beside who is working.
    @Test func theStatusBarSaysDemoOnTheDemoStore() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(render(state).lines.last?.hasPrefix(" boss  demo ") == false)
        state.isDemo = true
        #expect(render(state).lines.last?.hasPrefix(" boss  demo ") == true)
    }
}
