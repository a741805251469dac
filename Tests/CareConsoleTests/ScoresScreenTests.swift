import CareDomain
import Foundation
import Testing

@testable import CareConsole

/// A store with three agents and four incidents in the 30 days that end on
/// 2026-11-22, whose scores are easy to check by eye.
func scoresState(as login: String) throws -> (AppState, String) {
    let directory = FileManager.default.temporaryDirectory.path + "/care-scores-" + UUID().uuidString
    let now = Timestamp.parse("2026-11-22T17:00:00.000Z") ?? Date(timeIntervalSince1970: 0)
    func at(_ text: String) -> Date { Timestamp.parse("2026-11-" + text + ":00.000Z") ?? now }
    func incident(
        _ id: IncidentID, opened: String, resolved: String?, by: AgentID, contacts: Int = 1,
        rating: (Int, AgentID)? = nil, granted: Cents? = nil
    ) -> Incident {
        var incident = Incident(
            id: id, customer: "C1", kind: .complaint, subject: "Wrong invoice", priority: .normal,
            status: resolved == nil ? .inProgress : .resolved,
            assignee: by, touchpoint: "counter", openedAt: at(opened), dueAt: at(opened).addingTimeInterval(86_400),
            contacts: contacts)
        if let resolved {
            incident.resolution = Incident.Resolution(summary: "fixed", at: at(resolved), by: by)
            incident.firstResolved = Incident.Stamp(at: at(resolved), by: by)
            incident.rating = rating.map { Incident.Rating(score: $0.0, recordedBy: $0.1, at: at(resolved)) }
            incident.compensation = granted.map {
                Incident.GrantedCompensation(
                    compensation: Compensation(kind: .treatment, value: $0, description: "priority"), grantedBy: by,
                    at: at(resolved), forMissedServiceLevel: true)
            }
        }
        return incident
    }
    var records = InitialRecords()
    records.agents = [
        Agent(id: "ana", name: "Ana Núñez", role: .agent, area: "Counter", authorityLimit: .euros(20)),
        Agent(id: "bea", name: "Bea Ruiz", role: .agent, area: "Counter", authorityLimit: .euros(20)),
        Agent(id: "boss", name: "Begoña Ibáñez", role: .supervisor, area: "Care", authorityLimit: .euros(500)),
    ]
    records.touchpoints = [
        Touchpoint(
            id: "counter", name: "Counter", stage: .active, ownerArea: "Counter", participants: [], process: ["serve"],
            cost: 100, impact: 4,
            serviceLevel: ServiceLevel(promise: "answer within 24 h", responseMinutes: 1440),
            compensation: Compensation(kind: .treatment, value: 0, description: "priority"))
    ]
    records.customers = [
        Customer(
            id: "C1", name: "José Núñez", customerSince: Day("2020-01-15") ?? Day(daysSinceEpoch: 0), lifecycle: .active
        )
    ]
    records.incidents = [
        incident("I1", opened: "20T09:00", resolved: "20T10:00", by: "ana", rating: (5, "boss")),
        incident(
            "I2", opened: "19T09:00", resolved: "21T09:00", by: "ana", contacts: 2, rating: (2, "ana"),
            granted: .euros(10)),
        incident("I3", opened: "10T08:00", resolved: "10T08:30", by: "bea"),
        incident("I4", opened: "22T10:00", resolved: nil, by: "ana"),
    ]
    let store = FileStore(directory: directory, clock: .fixed(now))
    try store.create(by: Author(login: "boss")) { _ in (records, "scores") }
    var state = AppState(store: try store.open(), now: now, agent: login)
    _ = update(&state, .resize(Size(width: 100, height: 30)))
    return (state, directory)
}

@Suite struct ScoresScreenTests {
    /// Each agent's sorted figure over the last six periods, the current one
    /// last: in a column from 100 columns up, and for the selected row.
    @Test func eachAgentsTrendOverTheLastPeriodsIsDrawn() throws {
        var (state, directory) = try scoresState(as: "boss")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .key(.character("S")))
        let view = try #require(state.scores)
        #expect(view.trends["ana"]?.map(\.resolved) == [0, 0, 0, 0, 0, 2])
        #expect(view.trends[nil]?.map(\.resolved) == [0, 0, 0, 0, 0, 3])
        // Every row has a figure for each period, those without any too.
        #expect(view.trends.count == view.rows.count + 1)
        #expect(view.trends.values.allSatisfy { $0.count == ScoresView.trendPeriods })
        // A week at a time, Bea's resolve of the 10th is a period before the last.
        var weekly = view
        weekly.length = 7
        weekly.recompute(
            store: state.store, viewer: try #require(state.store.agents["boss"]), today: Day("2026-11-22")!)
        #expect(weekly.trends["bea"]?.map(\.resolved) == [0, 0, 0, 0, 1, 0])
        let lines = render(state, size: Size(width: 120, height: 40)).lines
        let ana = try #require(lines.first { $0.contains("Ana Núñez ") && $0.contains("%") })
        #expect(ana.contains("     █ "))
        #expect(lines.contains { $0.contains("trend") })
        let narrow = render(state, size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        #expect(narrow.contains("resolved, the last 6 periods of 30 days:      █"))
    }

    @Test func aSupervisorSeesEveryAgentTheTeamAndTheSelectedAgentsFigures() throws {
        var (state, directory) = try scoresState(as: "boss")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .key(.character("S")))
        let lines = render(state, size: Size(width: 100, height: 30)).lines
        let text = lines.joined(separator: "\n")
        #expect(lines.allSatisfy { DisplayWidth.of($0) == 100 })
        #expect(text.contains("Agent scores · 2026-10-24 to 2026-11-22 (30 days)"))
        let ana = try #require(lines.first { $0.contains("Ana Núñez ") && $0.contains("%") })
        // handled 3, resolved 2, 1st 50%, 2nd 50%, SLA 50%, median 1.0h, p90 2.0d, rated 5 once, no reopen, 10 €.
        #expect(ana.contains("Ana Núñez           3     2   50%   50%   50%   1.0h   2.0d    5.0·1    0%      10€ "))
        #expect(ana.contains("████████████"))
        let bea = try #require(lines.first { $0.contains("Bea Ruiz") })
        #expect(bea.contains("██████") && !bea.contains("███████"))
        #expect(
            lines.contains {
                $0.contains("team ")
                    && $0.contains("     4     3   67%   33%   67%   1.0h   2.0d    5.0·1    0%      10€")
            })
        #expect(
            lines.firstIndex { $0.contains("Ana Núñez ") } ?? 99 < lines.firstIndex { $0.contains("Bea Ruiz") } ?? 0)
        #expect(text.contains("Ana Núñez: 3 handled, 2 resolved (+2 on the 0 before)"))
        #expect(text.contains("entered by the resolver: 2.0 from 1 (apart)"))
        #expect(text.contains("s sort") && text.contains("< before") && text.contains("r recognise"))
        // At 80 columns the table keeps the main figures.
        let narrow = render(state, size: Size(width: 80, height: 24)).lines
        #expect(narrow.allSatisfy { DisplayWidth.of($0) == 80 })
        #expect(narrow.contains { $0.contains("Ana Núñez") && $0.contains("50%") && $0.contains("5.0·1") })
        // Every figure line of the details fits whole at 80 columns.
        #expect(narrow.contains { $0.contains("1st contact 50% · 2nd 50% · service level met 50%") })
    }

    @Test func keysSortChangeThePeriodAndDrillDownToAnIncident() throws {
        var (state, directory) = try scoresState(as: "boss")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .key(.character("S")))
        _ = update(&state, .key(.character("s")))
        #expect(state.scores?.sort == .firstContact)
        #expect(state.scores?.rows.first?.agent == "bea")  // 100% against 50%
        _ = update(&state, .key(.character("<")))
        #expect(state.scores?.board.period.to == Day("2026-10-23"))
        #expect(state.scores?.rows.allSatisfy { $0.current.resolved == 0 } == true)
        _ = update(&state, .key(.character(">")))
        _ = update(&state, .key(.character(">")))
        #expect(state.message == "This period ends today; there is no later one yet.")
        _ = update(&state, .key(.character("p")))
        #expect(state.scores?.board.period == Period.days(90, endingOn: Day("2026-11-22") ?? Day(daysSinceEpoch: 0)))
        // Ana's row, then her incidents behind "1st contact".
        _ = update(&state, .key(.character("g")))
        let anaIndex = try #require(state.scores?.rows.firstIndex { $0.agent == "ana" })
        for _ in 0..<anaIndex { _ = update(&state, .key(.character("j"))) }
        _ = update(&state, .key(.enter))
        #expect(state.scores?.drill?.figure == .firstContact)
        #expect(state.scores?.drill?.incidents.map(\.id) == ["I1"])
        _ = update(&state, .key(.tab))
        #expect(state.scores?.drill?.incidents.map(\.id) == ["I2"])
        let text = render(state, size: Size(width: 100, height: 30)).lines.joined(separator: "\n")
        #expect(text.contains("Ana Núñez · 2nd contact · 1 incident"))
        #expect(
            text.contains("I2  José Núñez") && text.contains("11-19 09:00 → 11-21 09:00 ana late · 2 contacts")
                && text.contains("rated 2 (own)"))
        _ = update(&state, .key(.enter))
        #expect(state.scores == nil)
        #expect(state.selectedIncident?.id == "I2")
        #expect(state.focus == .incidents)
        #expect(state.selectedCustomerID == "C1")
    }

    @Test func aSupervisorRecognisesAnAgentAndTheReasonShows() throws {
        var (state, directory) = try scoresState(as: "boss")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .key(.character("S")))
        let anaIndex = try #require(state.scores?.rows.firstIndex { $0.agent == "ana" })
        for _ in 0..<anaIndex { _ = update(&state, .key(.character("j"))) }
        _ = update(&state, .key(.character("r")))
        #expect(state.dialog as? RecogniseDialog == RecogniseDialog(agent: "ana"))
        type("Calmed a furious customer", into: &state)
        let commands = update(&state, .key(.enter))
        #expect(commands == [.act(.recognise("ana", reason: "Calmed a furious customer"))])
        let console = Console(
            store: FileStore(directory: directory, clock: .fixed(state.now)), author: Author(login: "boss"),
            clock: .fixed(state.now))
        let message = try #require(
            console.perform(.act(.recognise("ana", reason: "Calmed a furious customer")), in: state))
        _ = update(&state, message)
        #expect(state.notice == "Recognised Ana Núñez; they see it on their scores.")
        let text = render(state, size: Size(width: 100, height: 30)).lines.joined(separator: "\n")
        #expect(text.contains("★ Recognised 2026-11-22 by Begoña Ibáñez: Calmed a furious customer"))
    }

    @Test func anAgentSeesOnlyTheirOwnScoresAndCannotRecognise() throws {
        var (state, directory) = try scoresState(as: "bea")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .key(.character("S")))
        let text = render(state, size: Size(width: 100, height: 30)).lines.joined(separator: "\n")
        #expect(text.contains("Your scores"))
        #expect(!text.contains("r recognise") && !text.contains("v view"))
        #expect(text.contains("Bea Ruiz"))
        #expect(!text.contains("Ana Núñez") && !text.contains("Begoña"))
        #expect(text.contains("team "))
        _ = update(&state, .key(.character("r")))
        #expect(state.dialog == nil)
        #expect(state.message == "Only a supervisor can recognise an agent.")
        _ = update(&state, .key(.character("G")))
        _ = update(&state, .key(.enter))
        #expect(state.scores?.drill == nil)
        #expect(state.message == "Only a supervisor can list the team's incidents; Enter on your own row lists yours.")
        _ = update(&state, .key(.character("?")))
        let help = render(state, size: Size(width: 80, height: 24)).lines.joined(separator: "\n")
        for binding in KeyMap.scoresBindings { #expect(help.contains(binding.help), "\(binding.help)") }
        _ = update(&state, .key(.character("x")))
        #expect(!state.showingHelp && state.scores != nil)
        _ = update(&state, .key(.escape))
        #expect(state.scores == nil)
    }
}

@Suite struct ReportTabTests {
    @Test func aSupervisorStepsThroughTheReportsReadFromEveryHistory() throws {
        var (state, directory) = try scoresState(as: "boss")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let console = Console(
            store: FileStore(directory: directory, clock: .fixed(state.now)), author: Author(login: "boss"),
            clock: .fixed(state.now))
        _ = update(&state, .key(.character("S")))
        let year = Period.days(365, endingOn: Day("2026-11-22") ?? Day(daysSinceEpoch: 0))
        #expect(update(&state, .key(.character("v"))) == [.loadReport(.segments, year)])
        #expect(
            render(state, size: Size(width: 100, height: 30)).lines.joined().contains(
                "Reading every customer's history…"))
        let loaded = try #require(console.perform(.loadReport(.segments, year), in: state))
        _ = update(&state, loaded)
        var text = render(state, size: Size(width: 100, height: 30)).lines.joined(separator: "\n")
        #expect(text.contains("Segments · 2025-11-23 to 2026-11-22 (365 days)"))
        #expect(text.contains("Dormant            basic                  1   100.0"), "\(text)")
        // A report for another period that arrives late is not shown.
        _ = update(&state, .key(.character("v")))
        _ = update(
            &state, .reportLoaded(.profitability, year.previous, Tabular(header: ["customer"], rows: [[.text("C9")]])))
        #expect(state.scores?.report == nil)
        _ = update(&state, try #require(console.perform(.loadReport(.profitability, year), in: state)))
        text = render(state, size: Size(width: 100, height: 30)).lines.joined(separator: "\n")
        #expect(text.contains("C1        José Núñez") && text.contains("Enter opens the customer"), "\(text)")
        _ = update(&state, .key(.enter))
        #expect(state.scores == nil && state.selectedCustomerID == "C1" && state.focus == .profile)
    }

    @Test func aDamagedHistoryIsNamedAndTheScreenGoesBackToTheAgents() throws {
        var (state, directory) = try scoresState(as: "boss")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = FileStore(directory: directory, clock: .fixed(state.now))
        _ = try store.open()
        // C1 gets a history file that is not JSON Lines.
        let bought = Moment(
            id: "C1-M1", customer: "C1", touchpoint: "counter", at: state.now, channel: .counter, outcome: "bought",
            cost: 100, amount: .euros(10))
        _ = try store.commit(Transaction(summary: "purchase", changes: [.moment(bought)]), by: Author(login: "boss"))
        try store.compact()
        let moments = try #require(
            try FileManager.default.subpathsOfDirectory(atPath: directory + "/moments").first { $0.hasSuffix(".jsonl") }
        )
        try Data("not json\n".utf8).write(to: URL(fileURLWithPath: directory + "/moments/" + moments))
        // The figures hold what the history said when it was written; without
        // them the report reads every history and meets the damage.
        try FileManager.default.removeItem(atPath: directory + "/figures.bin")
        let console = Console(
            store: FileStore(directory: directory, clock: .fixed(state.now)), author: Author(login: "boss"),
            clock: .fixed(state.now))
        _ = update(&state, .key(.character("S")))
        let commands = update(&state, .key(.character("v")))
        guard case .loadReport(let tab, let period)? = commands.first else {
            Issue.record("no report asked for")
            return
        }
        let message = try #require(console.perform(.loadReport(tab, period), in: state))
        _ = update(&state, message)
        #expect(state.scores?.tab == .agents)
        #expect(state.message?.contains("moments/") == true, "\(state.message ?? "")")
    }

    @Test func anAgentIsRefusedTheReports() throws {
        var (state, directory) = try scoresState(as: "ana")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .key(.character("S")))
        #expect(update(&state, .key(.character("v"))) == [])
        #expect(state.message == "Only a supervisor can read segments, profitability and touchpoints.")
        #expect(state.scores?.tab == .agents)
    }
}

@Suite struct RefreshFailureTests {
    /// A journal line this console cannot read (a newer care's, or a
    /// damaged one) is reported once per tick, never in a busy loop.
    @Test func aRefreshThatFailsWaitsForTheNextTick() throws {
        var (state, directory) = try seededState(customers: 5)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = directory + "/journal"
        let file = try #require(
            try FileManager.default.contentsOfDirectory(atPath: journal).filter { $0.hasSuffix(".jsonl") }.sorted().last
        )
        let handle = try #require(FileHandle(forWritingAtPath: journal + "/" + file))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"seq\":999999,\"bogus\":true}\n".utf8))
        try handle.close()
        let console = Console(
            store: FileStore(directory: directory, clock: .fixed(state.now)), author: Author(login: "boss"),
            clock: .fixed(state.now))
        _ = console.perform(.refreshStore, in: state)
        let message = try #require(console.perform(.refreshStore, in: state))
        guard case .refreshFailed(let text) = message else {
            Issue.record("not a refresh failure: \(message)")
            return
        }
        #expect(update(&state, message) == [])
        #expect(state.message == text)
        #expect(text.contains("journal"))
    }
}

@Suite struct WrapTests {
    @Test func aLongReasonBreaksBetweenWordsAndIndentsWhatFollows() {
        #expect(
            wrap("★ Recognised by Begoña: kept the Núñez family", width: 24) == [
                "★ Recognised by Begoña:", "  kept the Núñez family",
            ])
        #expect(wrap("short", width: 24) == ["short"])
        #expect(wrap("", width: 10) == [])
    }
}
