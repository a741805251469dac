import CareDomain
import Foundation
import Testing

@testable import CareConsole

/// A compensation above the agent's authority, end to end in two consoles:
/// the agent asks, the supervisor finds it in their approvals view and
/// answers, the agent reads the answer and resolves.
@Suite struct ApprovalConsoleTests {
    /// An open incident in the queue of `state` and the place of a playbook
    /// whose compensation is worth more than `limit`.
    static func aboveAuthority(_ state: AppState, limit: Cents) -> (incident: IncidentID, playbook: Int)? {
        for summary in state.queue {
            guard let incident = state.store.incidents[summary.id] else { continue }
            let playbooks = state.catalog.sortedPlaybooks.filter { $0.touchpoint == incident.touchpoint }
            if let choice = playbooks.firstIndex(where: {
                (IncidentRules.proposal(for: incident, playbook: $0, in: state.store, at: state.now)?.compensation.value
                    ?? .zero) > limit
            }) {
                return (summary.id, choice)
            }
        }
        return nil
    }

    /// The agent's console with the resolve dialog at the compensation above
    /// their authority, and the supervisor's on the same store.
    static func asked() throws -> (agent: CounterDriver, boss: CounterDriver, incident: IncidentID, choice: Int) {
        var boss = try CounterDriver()
        var agent = try CounterDriver(directory: boss.directory, login: "ralvarez", now: boss.state.now)
        agent.keys("4")
        let (incident, choice) = try #require(aboveAuthority(agent.state, limit: .euros(15)))
        agent.state.queueSelected = try #require(agent.state.queue.firstIndex { $0.id == incident })
        agent.keys("r" + String(repeating: "↓", count: choice) + "⏎")
        #expect(agent.screen.contains("above your authority"))
        agent.keys("a")
        #expect(agent.state.notice?.contains("Asked a supervisor") == true)
        #expect(agent.state.store.incidents.summary(of: incident)?.awaitsApproval == true)
        try boss.refresh()
        return (agent, boss, incident, choice)
    }

    @Test func theSupervisorApprovesAndTheAgentGrantsIt() throws {
        var (agent, boss, incident, choice) = try Self.asked()
        defer { try? FileManager.default.removeItem(atPath: boss.directory) }
        #expect(boss.state.approvalsWaiting == 1)
        #expect(boss.screen.contains("1 to approve"))
        boss.keys("4mmmm")
        #expect(boss.state.queueScope == .approvals)
        #expect(boss.state.queue.map(\.id) == [incident])
        boss.keys("v")
        #expect(boss.state.dialog is ApprovalDialog)
        #expect(boss.screen.contains("ralvarez"))
        boss.keys("⏎")
        #expect(boss.state.store.incidents[incident]?.approval?.answer?.approved == true)
        try agent.refresh()
        #expect(
            agent.state.notice?.contains("boss approved the compensation on \(incident): r resolves with it.") == true)
        // The approved answer is the one chosen; y grants it now.
        agent.keys("4r")
        #expect((agent.state.dialog as? PlaybookDialog)?.selected == choice)
        agent.keys("⏎y5")
        let resolved = try #require(agent.state.store.incidents[incident])
        #expect(resolved.status == .resolved)
        #expect(resolved.compensation?.grantedBy == "ralvarez")
        #expect(try StoreChecker.check(directory: boss.directory).isClean)
    }

    @Test func aRefusalNeedsAReasonAndTheAgentReadsIt() throws {
        var (agent, boss, incident, _) = try Self.asked()
        defer { try? FileManager.default.removeItem(atPath: boss.directory) }
        boss.keys("4mmmmv→⏎")
        // No reason: the dialog stays, the reason field active.
        #expect(boss.state.dialog is ApprovalDialog)
        #expect(boss.state.message?.contains("Say why it is refused") == true)
        boss.keys("the playbook's smaller one is enough⏎")
        #expect(boss.state.store.incidents[incident]?.approval?.answer?.approved == false)
        try agent.refresh()
        #expect(agent.state.notice?.contains("boss refused the compensation on \(incident)") == true)
        // The incident view says it too.
        agent.keys("4⏎")
        #expect(agent.screen.contains("refused by boss"))
    }
}

/// Supervisors keep the playbooks from the catalog (T, Enter on a touchpoint).
@Suite struct PlaybookConsoleTests {
    @Test func aSupervisorWritesANewPlaybookAndARefusedOneOpensAgainAsTyped() throws {
        var driver = try CounterDriver()
        defer { try? FileManager.default.removeItem(atPath: driver.directory) }
        driver.keys("T⏎")
        let list = try #require(driver.state.dialog as? PlaybookListDialog)
        let before = driver.state.store.playbooks.sorted.filter { $0.touchpoint == list.touchpoint }.count
        #expect(driver.screen.contains("Playbooks of"))
        // No solution: refused with the rule's sentence, the form back as typed.
        driver.keys("nCobro duplicado en tienda⏎")
        #expect(driver.state.message?.contains("It needs a solution") == true)
        let kept = try #require(driver.state.dialog as? PlaybookEditDialog)
        #expect(kept.form.text(PlaybookEditDialog.situation) == "Cobro duplicado en tienda")
        driver.keys("⇥Devolver el importe en el acto⇥p⇥250⇥2,50⇥250 puntos por la molestia⏎")
        let saved = driver.state.store.playbooks.sorted.filter { $0.touchpoint == list.touchpoint }
        #expect(saved.count == before + 1)
        let added = try #require(saved.first { $0.situation == "Cobro duplicado en tienda" })
        #expect(added.solution == "Devolver el importe en el acto")
        #expect(added.compensation?.points == 250 && added.compensation?.value == Cents(250))
        #expect(driver.state.notice?.contains("Playbook \(added.id) saved") == true)
        #expect(try StoreChecker.check(directory: driver.directory).isClean)
    }
}
