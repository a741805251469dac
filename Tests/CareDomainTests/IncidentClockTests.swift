import Foundation
import Testing

@testable import CareDomain

/// The service-level clock with a fixed clock: business hours across a
/// weekend and a holiday, a pause and its resume, what is owed recorded
/// when the level is missed, then granted, bettered or declined.
@Suite struct IncidentClockTests {
    /// Weekdays 09:00–14:00 and 16:00–19:00 in Madrid (UTC+1 in winter),
    /// closed on 8 December (a holiday, a Tuesday).
    static let hours = BusinessHours(
        timeZone: "Europe/Madrid",
        week: Dictionary(
            uniqueKeysWithValues: ["mon", "tue", "wed", "thu", "fri"].map { ($0, ["09:00-14:00", "16:00-19:00"]) }),
        closed: [Day("2026-12-08")].compactMap { $0 })

    static func at(_ text: String) throws -> Date { try #require(Timestamp.parse(text)) }

    @Test func dueTimesCountOnlyOpenHoursAcrossAWeekend() throws {
        let clock = ServiceClock(hours: Self.hours)
        // Friday 18:00 in Madrid, 8 open hours: 1 on Friday, 7 on Monday.
        let friday = try Self.at("2026-12-04T17:00:00.000Z")
        #expect(clock.adding(minutes: 8 * 60, to: friday) == (try Self.at("2026-12-07T17:00:00.000Z")))
        // Saturday counts nothing: the clock starts on Monday at 9.
        let saturday = try Self.at("2026-12-05T10:00:00.000Z")
        #expect(clock.adding(minutes: 60, to: saturday) == (try Self.at("2026-12-07T09:00:00.000Z")))
        // From Friday 18:00 to Monday 10:00 local: one hour each side.
        #expect(clock.openSeconds(from: friday, to: try Self.at("2026-12-07T09:00:00.000Z")) == 2 * 3600)
        // Always open when there are no hours.
        #expect(ServiceClock.alwaysOpen.adding(minutes: 90, to: friday) == friday.addingTimeInterval(5400))
    }

    @Test func aHolidayIsSkippedLikeASunday() throws {
        let clock = ServiceClock(hours: Self.hours)
        // Monday 18:00 local, 8 open hours: 1 on Monday, Tuesday the 8th closed, 7 on Wednesday.
        let monday = try Self.at("2026-12-07T17:00:00.000Z")
        #expect(clock.adding(minutes: 8 * 60, to: monday) == (try Self.at("2026-12-09T17:00:00.000Z")))
    }

    @Test func hoursThatCannotWorkAreRefusedWithTheirProblem() {
        var hours = Self.hours
        hours.week["mon"] = ["9-14"]
        hours.week["sunday"] = ["10:00-12:00"]
        hours.timeZone = "Mars/Olympus"
        let problems = hours.problems
        #expect(problems.contains { $0.contains("\"9-14\"") })
        #expect(problems.contains { $0.contains("\"sunday\"") })
        #expect(problems.contains { $0.contains("Mars/Olympus") })
        #expect(BusinessHours(week: [:]).problems == ["hours.week opens no day; leave hours out for always open."])
        #expect(Self.hours.problems.isEmpty)
        #expect(Self.hours.summary == "mon–fri 09:00-14:00 16:00-19:00 (Europe/Madrid); 1 day closed")
    }

    /// The store of `Fixture` with a workshop touchpoint open `hours`, and
    /// the two playbooks of the rule tests.
    func store(_ directory: String) throws -> FileStore {
        let store = try Fixture.makeStore(in: directory)
        var workshop = Fixture.counter
        workshop.id = "workshop"
        workshop.name = "Repair workshop"
        workshop.serviceLevel = ServiceLevel(promise: "answer within 8 h", responseMinutes: 8 * 60)
        workshop.hours = Self.hours
        _ = try store.commit(
            Transaction(
                summary: "catalog",
                changes: [
                    .touchpoint(workshop), .playbook(ResolveRulesTests.generous), .playbook(ResolveRulesTests.small),
                ]),
            by: Fixture.ana)
        return store
    }

    @Test func anIncidentOpenedOnFridayEveningIsDueOnMonday() throws {
        try withTemporaryDirectory { directory in
            let state = try store(directory).open()
            let friday = try Self.at("2026-12-04T17:00:00.000Z")
            let (incident, _) = try IncidentRules.open(
                in: state, customer: "C1", touchpoint: "workshop", kind: .complaint, subject: "Broken kettle",
                priority: .normal, channel: .counter, by: Fixture.ana, at: friday)
            #expect(incident.dueAt == (try Self.at("2026-12-07T17:00:00.000Z")))
        }
    }

    @Test func waitingStopsTheClockAndResumingMovesTheDueTimeByThePause() throws {
        try withTemporaryDirectory { directory in
            let store = try store(directory)
            let opened = try #require(store.open().incidents["I1"])
            let pausedAt = Fixture.now.addingTimeInterval(3600)
            _ = try store.transact(by: Fixture.ana) {
                try IncidentRules.wait(
                    in: $0, incident: "I1", on: .partner, note: "the courier", by: Fixture.ana, at: pausedAt)
            }
            let paused = try #require(store.open().incidents["I1"])
            #expect(paused.status == .waitingOnPartner)
            #expect(paused.pausedSince == pausedAt)
            // Two days later it is not overdue: the clock stopped with 23 h left.
            let later = Fixture.now.addingTimeInterval(2 * 86_400)
            #expect(!paused.isOverdue(at: later))
            #expect(paused.dueLine(at: later) == "clock stopped 2026-11-22 11:00 with 23 h left")
            // A note does not move it; a contact does not end a wait on a partner.
            _ = try store.transact(by: Fixture.ana) {
                try IncidentRules.contact(in: $0, incident: "I1", text: "asks", by: Fixture.ana, at: later)
            }
            #expect(try store.open().incidents["I1"]?.status == .waitingOnPartner)
            _ = try store.transact(by: Fixture.ana) {
                try IncidentRules.resume(in: $0, incident: "I1", by: Fixture.ana, at: later)
            }
            let resumed = try #require(store.open().incidents["I1"])
            #expect(resumed.status == .inProgress)
            #expect(resumed.pausedSince == nil)
            #expect(resumed.dueAt == later.addingTimeInterval(opened.dueAt.timeIntervalSince(pausedAt)))
            #expect(try store.history(of: resumed).map(\.kind).suffix(3) == [.waiting, .contact, .resumed])
            #expect(throws: IncidentRefusal.notWaiting("I1")) {
                try IncidentRules.resume(in: store.open(), incident: "I1", by: Fixture.ana, at: later)
            }
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }

    @Test func thePauseOfAnIncidentInBusinessHoursCountsOnlyOpenTime() throws {
        try withTemporaryDirectory { directory in
            let store = try store(directory)
            let friday = try Self.at("2026-12-04T17:00:00.000Z")  // 18:00 local, due Monday 18:00
            let incident = try store.transact(by: Fixture.ana) {
                try IncidentRules.open(
                    in: $0, customer: "C1", touchpoint: "workshop", kind: .complaint, subject: "Broken kettle",
                    priority: .normal, channel: .counter, by: Fixture.ana, at: friday
                ).1
            }.incidents.sorted.first { $0.touchpoint == "workshop" }
            let id = try #require(incident?.id)
            // Waiting from Monday 10:00 to Wednesday 10:00 local (Tuesday the 8th closed):
            // it had 6 open hours left, and has them from Wednesday 10:00.
            _ = try store.transact(by: Fixture.ana) {
                try IncidentRules.wait(
                    in: $0, incident: id, on: .customer, by: Fixture.ana, at: try Self.at("2026-12-07T09:00:00.000Z"))
            }
            _ = try store.transact(by: Fixture.ana) {
                try IncidentRules.contact(
                    in: $0, incident: id, text: "brought the receipt", by: Fixture.ana,
                    at: try Self.at("2026-12-09T09:00:00.000Z"))
            }
            let resumed = try #require(store.open().incidents[id])
            #expect(resumed.status == .inProgress)  // the customer's answer ends a wait on them
            // Wednesday 10:00–14:00 is 4 h, then 16:00–18:00: due Wednesday 18:00 local.
            #expect(resumed.dueAt == (try Self.at("2026-12-09T17:00:00.000Z")))
        }
    }

    @Test func aMissedLevelPutsWhatIsOwedOnRecordOnceAndADeclineKeepsItWithItsReason() throws {
        try withTemporaryDirectory { directory in
            let store = try store(directory)
            let due = try #require(store.open().incidents["I1"]?.dueAt)
            let late = due.addingTimeInterval(60)
            #expect(try IncidentRules.recordMissed(in: store.open(), by: Fixture.ana, at: due) == nil)
            _ = try store.transact(by: Fixture.ana) {
                try #require(try IncidentRules.recordMissed(in: $0, by: Fixture.ana, at: late))
            }
            let owed = try #require(store.open().incidents["I1"]?.owed)
            #expect(owed.compensation == Fixture.counter.compensation)
            #expect(owed.since == due)
            #expect(owed.isPending)
            #expect(try store.open().incidents.summary(of: "I1")?.owesPending == true)
            #expect(try IncidentRules.recordMissed(in: store.open(), by: Fixture.ana, at: late) == nil)
            #expect(throws: IncidentRefusal.declineNeedsReason("I1")) {
                try IncidentRules.resolve(
                    in: store.open(), incident: "I1", playbook: nil, grant: false, rating: nil, by: Fixture.ana,
                    at: late)
            }
            _ = try store.transact(by: Fixture.ana) {
                try IncidentRules.resolve(
                    in: $0, incident: "I1", playbook: nil, grant: false, declineReason: "refused it, wants none",
                    rating: nil, by: Fixture.ana, at: late)
            }
            let resolved = try #require(store.open().incidents["I1"])
            #expect(resolved.owed?.decision == .declined)
            #expect(resolved.owed?.reason == "refused it, wants none")
            #expect(resolved.owed?.decidedBy == "ana")
            #expect(resolved.compensation == nil)
            #expect(try store.history(of: resolved).contains { $0.kind == .declined })
            #expect(try store.ledger(of: "C1").isEmpty)
            // It counts in the resolver's scores.
            let board = Scoreboard(
                incidents: try store.open().incidents.summaries, agents: Array(try store.open().agents.sorted),
                period: .days(30, endingOn: Day(containing: late)))
            #expect(board.rows.first { $0.agent == "ana" }?.current.owedDeclined == 1)
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }

    @Test func aBlockedCustomersIncidentIsLeftAsItIs() throws {
        try withTemporaryDirectory { directory in
            let store = try store(directory)
            let late = try #require(store.open().incidents["I1"]?.dueAt).addingTimeInterval(60)
            let boss = Author(login: "boss")
            _ = try store.transact(by: boss) {
                try PrivacyRules.block(in: $0, customer: "C1", by: boss, at: Fixture.now)
            }
            #expect(try IncidentRules.recordMissed(in: store.open(), by: Fixture.ana, at: late) == nil)
        }
    }

    @Test func anyStepOnAnIncidentPastItsLevelRecordsWhatIsOwed() throws {
        try withTemporaryDirectory { directory in
            let store = try store(directory)
            let late = try #require(store.open().incidents["I1"]?.dueAt).addingTimeInterval(600)
            _ = try store.transact(by: Fixture.ana) {
                try IncidentRules.note(in: $0, incident: "I1", text: "called the warehouse", by: Fixture.ana, at: late)
            }
            let incident = try #require(store.open().incidents["I1"])
            #expect(incident.owed?.isPending == true)
            #expect(try store.history(of: incident).map(\.kind).suffix(2) == [.owed, .note])
        }
    }

    @Test func theCustomerGetsTheBetterOfTheOwedAndThePlaybookNeverLess() throws {
        try withTemporaryDirectory { directory in
            let store = try store(directory)
            let late = try #require(store.open().incidents["I1"]?.dueAt).addingTimeInterval(60)
            let state = try store.open()
            let incident = try #require(state.incidents["I1"])
            // The playbook's 50 € is worth more than the 1 € owed.
            let better = try #require(
                IncidentRules.proposal(for: incident, playbook: ResolveRulesTests.generous, in: state, at: late))
            #expect(better.compensation == ResolveRulesTests.generous.compensation)
            #expect(!better.owed)
            #expect(better.pendingOwed == Fixture.counter.compensation)
            // A playbook worth no more than what is owed: what is owed.
            let owed = try #require(
                IncidentRules.proposal(for: incident, playbook: ResolveRulesTests.small, in: state, at: late))
            #expect(owed.owed)
            #expect(owed.compensation == Fixture.counter.compensation)
            let boss = Author(login: "boss")
            _ = try store.transact(by: boss) {
                try IncidentRules.resolve(
                    in: $0, incident: "I1", playbook: "vip", grant: true, rating: nil, by: boss, at: late)
            }
            let resolved = try #require(store.open().incidents["I1"])
            #expect(resolved.owed?.decision == .bettered)
            #expect(resolved.compensation?.compensation.points == 5000)
            #expect(try store.ledger(of: "C1").map(\.points) == [5000])
        }
    }

    @Test func aCompensationAboveTheAgentsAuthorityWaitsForASupervisorsApproval() throws {
        try withTemporaryDirectory { directory in
            let store = try store(directory)
            let now = Fixture.now
            let boss = Author(login: "boss")
            #expect(throws: IncidentRefusal.withinAuthority("I1")) {
                try IncidentRules.askApproval(
                    in: store.open(), incident: "I1", playbook: "small", by: Fixture.ana, at: now)
            }
            _ = try store.transact(by: Fixture.ana) {
                try IncidentRules.askApproval(
                    in: $0, incident: "I1", playbook: "vip", note: "third late delivery", by: Fixture.ana, at: now)
            }
            #expect(try store.open().incidents.summary(of: "I1")?.awaitsApproval == true)
            #expect(throws: IncidentRefusal.approvalPending("I1")) {
                try IncidentRules.askApproval(
                    in: store.open(), incident: "I1", playbook: "vip", by: Fixture.ana, at: now)
            }
            #expect(throws: IncidentRefusal.overAuthority(limit: .euros(20), value: .euros(50))) {
                try IncidentRules.resolve(
                    in: store.open(), incident: "I1", playbook: "vip", grant: true, rating: nil, by: Fixture.ana,
                    at: now)
            }
            #expect(throws: IncidentRefusal.supervisorsOnly("approve a compensation")) {
                try IncidentRules.answerApproval(
                    in: store.open(), incident: "I1", approve: true, by: Fixture.ana, at: now)
            }
            _ = try store.transact(by: boss) {
                try IncidentRules.answerApproval(
                    in: $0, incident: "I1", approve: true, reason: "a loyal customer", by: boss, at: now)
            }
            let approved = try #require(store.open().incidents["I1"])
            #expect(approved.approval?.answer?.approved == true)
            #expect(
                approved.sheet(in: try store.open(), history: try store.history(of: approved), at: now).fields.contains
                {
                    $0.name == "approval" && $0.value.hasSuffix("approved by boss, a loyal customer")
                })
            _ = try store.transact(by: Fixture.ana) {
                try IncidentRules.resolve(
                    in: $0, incident: "I1", playbook: "vip", grant: true, rating: 5, by: Fixture.ana, at: now)
            }
            let resolved = try #require(store.open().incidents["I1"])
            #expect(resolved.compensation?.grantedBy == "ana")
            #expect(try store.ledger(of: "C1").map(\.points) == [5000])
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }

    @Test func aRefusedApprovalNeedsAReasonAndLeavesTheAgentsLimitAsItWas() throws {
        try withTemporaryDirectory { directory in
            let store = try store(directory)
            let now = Fixture.now
            let boss = Author(login: "boss")
            _ = try store.transact(by: Fixture.ana) {
                try IncidentRules.askApproval(in: $0, incident: "I1", playbook: "vip", by: Fixture.ana, at: now)
            }
            #expect(throws: IncidentRefusal.emptyText("reason for refusing")) {
                try IncidentRules.answerApproval(in: store.open(), incident: "I1", approve: false, by: boss, at: now)
            }
            _ = try store.transact(by: boss) {
                try IncidentRules.answerApproval(
                    in: $0, incident: "I1", approve: false, reason: "the small playbook covers it", by: boss, at: now)
            }
            let refused = try #require(store.open().incidents["I1"])
            #expect(refused.approval?.answer?.approved == false)
            #expect(try store.history(of: refused).last?.kind == .approvalRefused)
            #expect(throws: IncidentRefusal.overAuthority(limit: .euros(20), value: .euros(50))) {
                try IncidentRules.resolve(
                    in: store.open(), incident: "I1", playbook: "vip", grant: true, rating: nil, by: Fixture.ana,
                    at: now)
            }
            #expect(throws: IncidentRefusal.noApprovalPending("I1")) {
                try IncidentRules.answerApproval(in: store.open(), incident: "I1", approve: true, by: boss, at: now)
            }
        }
    }
}
