import Foundation
import Testing

@testable import CareDomain

/// A hand-built month of incidents whose scores were worked out by hand
/// (the figures in the comments). Period: November 2026; the previous one is
/// 2–31 October.
enum ScoreData {
    static func at(_ text: String) -> Date { Timestamp.parse(text + ":00.000Z") ?? .distantPast }

    static let november = Period.days(30, endingOn: Day("2026-11-30") ?? Fixture.today)

    static let agents = [
        Agent(id: "ana", name: "Ana Núñez", role: .agent, area: "Counter", authorityLimit: .euros(20)),
        Agent(id: "bea", name: "Bea Ruiz", role: .agent, area: "Counter", authorityLimit: .euros(20)),
        Agent(id: "boss", name: "Begoña Ibáñez", role: .supervisor, area: "Care", authorityLimit: .euros(500)),
        Agent(id: "old", name: "Olga Díaz", role: .agent, area: "Counter", authorityLimit: .euros(20), active: false),
    ]

    /// An incident due 24 hours after opening.
    static func incident(
        _ id: IncidentID, opened: String, resolved: String? = nil, by: AgentID? = nil, assignee: AgentID? = "ana",
        contacts: Int = 1,
        rating: (Int, AgentID)? = nil, compensation: Cents? = nil, firstResolved: (String, AgentID)? = nil,
        reopens: Int? = nil
    ) -> Incident {
        let openedAt = at(opened)
        var incident = Incident(
            id: id, customer: "C1", kind: .complaint, subject: "s", priority: .normal,
            status: resolved == nil ? .inProgress : .resolved,
            assignee: assignee, touchpoint: "counter", openedAt: openedAt, dueAt: openedAt.addingTimeInterval(86_400),
            contacts: contacts)
        if let resolved, let by {
            incident.resolution = Incident.Resolution(summary: "done", at: at(resolved), by: by)
            incident.firstResolved =
                firstResolved.map { Incident.Stamp(at: at($0.0), by: $0.1) } ?? Incident.Stamp(at: at(resolved), by: by)
            if let compensation {
                incident.compensation = Incident.GrantedCompensation(
                    compensation: Compensation(
                        kind: .coupon, discountPercent: 10, value: compensation, description: "coupon"), grantedBy: by,
                    at: at(resolved), forMissedServiceLevel: false)
            }
            if let (score, recorder) = rating {
                incident.rating = Incident.Rating(score: score, recordedBy: recorder, at: at(resolved))
            }
        }
        incident.reopens = reopens
        return incident
    }

    static let incidents: [Incident] = [
        // ana: 60 min, first contact, on time, rated 5 by the supervisor.
        incident("I1", opened: "2026-11-02T09:00", resolved: "2026-11-02T10:00", by: "ana", rating: (5, "boss")),
        // ana: 2 days, second contact, late, rated 2 by herself, 10 € granted.
        incident(
            "I2", opened: "2026-11-03T09:00", resolved: "2026-11-05T09:00", by: "ana", contacts: 2, rating: (2, "ana"),
            compensation: .euros(10)),
        // Resolved first by ana on the 8th, reopened, resolved by bea (52 h, late).
        incident(
            "I3", opened: "2026-11-08T08:00", resolved: "2026-11-10T12:00", by: "bea", contacts: 2,
            firstResolved: ("2026-11-08T12:00", "ana"), reopens: 1),
        // ana: still open.
        incident("I4", opened: "2026-11-20T10:00"),
        // Opened and resolved in October: the previous period (late, first contact).
        incident("I5", opened: "2026-10-30T22:00", resolved: "2026-10-31T23:30", by: "ana"),
        // Opened on the last evening, resolved on 1 December: handled, not resolved, in November.
        incident("I6", opened: "2026-11-30T23:00", resolved: "2026-12-01T00:30", by: "ana"),
        // bea: the first minute of the period, 30 min, rated 4 by the supervisor, 5 € granted.
        incident(
            "I7", opened: "2026-11-01T00:00", resolved: "2026-11-01T00:30", by: "bea", assignee: "bea",
            rating: (4, "boss"),
            compensation: .euros(5)),
        // Nobody's yet.
        incident("I8", opened: "2026-11-15T10:00", assignee: nil),
    ]

    static var summaries: [IncidentSummary] { incidents.map(\.summary) }

    /// The fixture store holding these incidents and agents, compacted so
    /// that every incident is a snapshot line.
    @discardableResult
    static func makeStore(in directory: String) throws -> FileStore {
        let store = FileStore(directory: directory, clock: Fixture.clock)
        var records = Fixture.records()
        records.incidents = incidents
        records.agents = agents
        try store.create(by: Author(login: "boss")) { _ in (records, "scores") }
        try store.compact()
        return store
    }
    static var board: Scoreboard { Scoreboard(incidents: summaries, agents: agents, period: november) }
}

@Suite struct ScoreboardTests {
    let board = ScoreData.board

    func row(_ agent: AgentID) throws -> Scoreboard.Row { try #require(board.rows.first { $0.agent == agent }) }

    @Test func anasFiguresAreTheOnesWorkedOutByHand() throws {
        let ana = try row("ana").current
        #expect(ana.handled == 5)  // I1 I2 I3 I4 I6
        #expect(ana.resolved == 2)  // I1 I2
        #expect(ana.firstContactRate == 0.5)
        #expect(ana.secondContactRate == 0.5)
        #expect(ana.serviceLevelRate == 0.5)
        #expect(ana.medianMinutes == 60)
        #expect(ana.p90Minutes == 2880)
        #expect(ana.ratings == 1 && ana.satisfaction == 5)
        #expect(ana.ownRatings == 1 && ana.ownSatisfaction == 2)
        #expect(ana.firstResolutions == 3 && ana.reopened == 1)  // I3 counts against her
        #expect(ana.compensations == 1 && ana.compensationValue == .euros(10))
    }

    @Test func beasFiguresIncludeTheIncidentSheResolvedAfterTheReopen() throws {
        let bea = try row("bea").current
        #expect(bea.handled == 1)
        #expect(bea.resolved == 2)  // I7, I3
        #expect(bea.firstContact == 1 && bea.secondContact == 1)
        #expect(bea.serviceLevelMet == 1)
        #expect(bea.resolveMinutes == [30, 3120])
        #expect(bea.medianMinutes == 30 && bea.p90Minutes == 3120)
        #expect(bea.satisfaction == 4 && bea.ownRatings == 0)
        #expect(bea.reopenRate == 0)
        #expect(bea.compensationValue == .euros(5))
    }

    @Test func theTeamLineCountsEveryIncident() {
        let team = board.team.current
        #expect(team.handled == 7)  // everything open in November, I8 unassigned included
        #expect(team.resolved == 4)
        #expect(team.firstContact == 2 && team.secondContact == 2 && team.serviceLevelMet == 2)
        #expect(team.medianMinutes == 60 && team.p90Minutes == 3120)
        #expect(team.ratings == 2 && team.satisfaction == 4.5)
        #expect(team.ownRatings == 1)
        #expect(team.reopenRate == 0.25)
        #expect(team.compensations == 2 && team.compensationValue == .euros(15))
    }

    @Test func theChangeIsAgainstThePreviousPeriod() throws {
        let ana = try row("ana")
        #expect(ana.previous.resolved == 1)  // I5, on 31 October
        #expect(ana.previous.firstContactRate == 1)
        #expect(ana.previous.serviceLevelRate == 0)
        let table = board.tabular()
        let header = table.header
        let anaRow = try #require(table.rows.first { $0.first == .text("ana") })
        func cell(_ name: String) -> String { header.firstIndex(of: name).map { anaRow[$0].plain } ?? "missing" }
        #expect(cell("resolved_change") == "1")
        #expect(cell("first_contact_change_pts") == "-50.0")
        #expect(cell("service_level_change_pts") == "50.0")
        #expect(cell("reopen_pct") == "33.3")
        #expect(cell("median_hours") == "1.0")
    }

    @Test func anAgentWithNoIncidentsHasARowOfEmptyFiguresAndAnInactiveOneNone() throws {
        let boss = try row("boss").current
        #expect(boss.handled == 0 && boss.resolved == 0)
        #expect(
            boss.firstContactRate == nil && boss.medianMinutes == nil && boss.satisfaction == nil
                && boss.reopenRate == nil)
        #expect(!board.rows.contains { $0.agent == "old" })
        let table = board.tabular()
        let bossRow = try #require(table.rows.first { $0.first == .text("boss") })
        #expect(bossRow[table.header.firstIndex(of: "first_contact_pct") ?? 0] == .empty)
    }

    @Test func anAgentSeesOnlyTheirOwnRowAndTheTeam() throws {
        let ana = try #require(ScoreData.agents.first)
        let seen = board.visible(to: ana)
        #expect(seen.rows.map(\.agent) == ["ana"])
        #expect(seen.team == board.team)
        let boss = try #require(ScoreData.agents.first { $0.id == "boss" })
        #expect(board.visible(to: boss).rows.count == 3)
    }

    @Test func sortingPutsTheBestFirstAndEmptyFiguresLast() {
        #expect(board.sorted(by: .resolveTime).map(\.agent) == ["bea", "ana", "boss"])
        #expect(board.sorted(by: .handled).map(\.agent) == ["ana", "bea", "boss"])
    }

    @Test func drillingDownListsTheIncidentsBehindAFigure() throws {
        let period = ScoreData.november
        let summaries = ScoreData.summaries
        #expect(
            Scoreboard.incidents(behind: .handled, agent: "ana", in: summaries, period: period).map(\.id) == [
                "I6", "I4", "I3", "I2", "I1",
            ])
        #expect(
            Scoreboard.incidents(behind: .serviceLevel, agent: "ana", in: summaries, period: period).map(\.id) == ["I2"]
        )
        #expect(
            Scoreboard.incidents(behind: .reopened, agent: "ana", in: summaries, period: period).map(\.id) == ["I3"])
        #expect(
            Scoreboard.incidents(behind: .compensations, agent: nil, in: summaries, period: period).map(\.id) == [
                "I2", "I7",
            ])
    }

    @Test func periodBoundariesIncludeBothEndDaysWhole() throws {
        let period = ScoreData.november
        #expect(period.length == 30)
        #expect(period.contains(ScoreData.at("2026-11-01T00:00")))
        #expect(period.contains(ScoreData.at("2026-11-30T23:59")))
        #expect(!period.contains(ScoreData.at("2026-12-01T00:00")))
        #expect(!period.contains(ScoreData.at("2026-10-31T23:59")))
        #expect(period.previous.from == Day("2026-10-02") && period.previous.to == Day("2026-10-31"))
        #expect(Period(from: Day("2026-12-01") ?? Fixture.today, to: Day("2026-11-30") ?? Fixture.today) == nil)
        let recent = Period.days(30, endingOn: Day("2026-11-22") ?? Fixture.today)
        #expect(recent.from == Day("2026-10-24"))
        #expect(recent.shifted(by: -1).to == Day("2026-10-23"))
    }

    @Test func reportFormatsParse() throws {
        let table = board.tabular()
        let csv = table.rendered(as: .csv)
        let lines = csv.split(separator: "\r\n")
        #expect(lines.first?.hasPrefix("agent,name,handled,resolved,first_contact_pct") == true)
        #expect(lines.count == 1 + 3 + 1)
        let json = Data(table.rendered(as: .json).utf8)
        let objects = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: Any]])
        let ana = try #require(objects.first { $0["agent"] as? String == "ana" })
        #expect(ana["resolved"] as? Int == 2)
        #expect(ana["service_level_pct"] as? Double == 50)
        #expect(objects.last?["agent"] as? String == "team")
    }

    @Test func theBoardFromAStoreSkipsOnlyIncidentsThatCannotCount() throws {
        try withTemporaryDirectory { directory in
            let state = try ScoreData.makeStore(in: directory).open()
            #expect(
                Scoreboard(incidents: state.incidents, agents: ScoreData.agents, period: ScoreData.november) == board)
            // Every incident has something in November or the 30 days before.
            #expect(
                Scoreboard.incidents(in: state.incidents, around: ScoreData.november).count == ScoreData.incidents.count
            )
            let later = Period.days(30, endingOn: Day("2027-03-31") ?? Fixture.today)
            // Months later only the incidents still open can count.
            #expect(Set(Scoreboard.incidents(in: state.incidents, around: later).map(\.id)) == ["I4", "I8"])
        }
    }

    @Test func aSnapshotLineGivesTheSameSummaryAsTheRecord() throws {
        try withTemporaryDirectory { directory in
            try ScoreData.makeStore(in: directory)
            let state = try FileStore(directory: directory).open()
            for incident in ScoreData.incidents {
                #expect(state.incidents.summary(of: incident.id) == incident.summary)
            }
        }
    }
}

@Suite struct RecognitionTests {
    @Test func aSupervisorRecognisesWithAReasonAndAnAgentCannot() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            let boss = Author(login: "boss")
            let state = try store.transact(by: boss) { state in
                try RosterRules.recognise(
                    "ana", reason: "  Solved the Núñez billing mess on the first call ", in: state, by: boss,
                    at: Fixture.now)
            }
            #expect(
                state.agents["ana"]?.recognitions == [
                    Agent.Recognition(
                        at: Fixture.now, by: "boss", reason: "Solved the Núñez billing mess on the first call")
                ])
            #expect(throws: RosterRefusal.supervisorsOnly("recognise an agent")) {
                try RosterRules.recognise("ana", reason: "me", in: state, by: Fixture.ana, at: Fixture.now)
            }
            #expect(throws: RosterRefusal.emptyReason) {
                try RosterRules.recognise("ana", reason: " ", in: state, by: boss, at: Fixture.now)
            }
            #expect(throws: RosterRefusal.unknownAgent("zoe")) {
                try RosterRules.recognise("zoe", reason: "x", in: state, by: boss, at: Fixture.now)
            }
        }
    }
}

@Suite struct ReopenTests {
    @Test func aReopenIsCountedAndTheFirstResolverKept() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            let boss = Author(login: "boss")
            _ = try store.transact(by: Fixture.ana) { state in
                try IncidentRules.resolve(
                    in: state, incident: "I1", playbook: nil, grant: false, rating: nil, by: Fixture.ana,
                    at: Fixture.now)
            }
            _ = try store.transact(by: boss) { state in
                try IncidentRules.reopen(in: state, incident: "I1", by: boss, at: Fixture.now)
            }
            let later = Fixture.now.addingTimeInterval(3600)
            let state = try store.transact(by: boss) { state in
                try IncidentRules.resolve(
                    in: state, incident: "I1", playbook: nil, grant: false, rating: nil, by: boss, at: later)
            }
            let summary = try #require(state.incidents.summary(of: "I1"))
            #expect(summary.reopens == 1)
            #expect(summary.firstResolved == Incident.Stamp(at: Fixture.now, by: "ana"))
            #expect(summary.resolvedBy == "boss" && summary.contacts == 2)
        }
    }
}

@Suite struct TableSummaryTests {
    /// Summaries read off snapshot lines, a line replaced by a later put and
    /// a new record: filtered in place, they are the same as filtered after.
    @Test func filteredSummariesMatchEverySummaryFiltered() throws {
        try withTemporaryDirectory { directory in
            let store = try ScoreData.makeStore(in: directory)
            let boss = Author(login: "boss")
            _ = try store.transact(by: boss) { state in
                try IncidentRules.reopen(in: state, incident: "I1", by: boss, at: Fixture.now)
            }
            let state = try store.transact(by: boss) { state in
                try IncidentRules.open(
                    in: state, customer: "C1", touchpoint: "counter", kind: .inquiry, subject: "new", priority: .low,
                    channel: .counter, by: boss, at: Fixture.now
                ).1
            }
            let open = state.incidents.summaries { $0.status.isOpen }
            #expect(Set(open.map(\.id)) == Set(state.incidents.summaries.filter { $0.status.isOpen }.map(\.id)))
            #expect(open.contains { $0.id == "I1" })  // reopened: its line's old summary is gone
            #expect(open.count == 4)  // I1 reopened, I4, I8 and the new one
            #expect(state.incidents.summaries.count == ScoreData.incidents.count + 1)
        }
    }
}
