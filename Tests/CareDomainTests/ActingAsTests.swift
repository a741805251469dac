import Foundation
import Testing

@testable import CareDomain

/// Who may act, and as whom: every role × active × `--as` combination.
@Suite struct ActingAsTests {
    private static func state(loginRole: Agent.Role, loginActive: Bool) -> StoreState {
        var state = StoreState()
        state.apply(
            .agent(
                Agent(
                    id: "me", name: "Me", role: loginRole, area: "Care", authorityLimit: .euros(50), active: loginActive
                )))
        state.apply(
            .agent(Agent(id: "clerk", name: "Clerk", role: .agent, area: "Counter", authorityLimit: .euros(20))))
        state.apply(
            .agent(Agent(id: "chief", name: "Chief", role: .supervisor, area: "Care", authorityLimit: .euros(500))))
        state.apply(
            .agent(
                Agent(
                    id: "gone", name: "Gone", role: .agent, area: "Counter", authorityLimit: .euros(20), active: false))
        )
        return state
    }

    @Test(arguments: [Agent.Role.agent, .supervisor], [true, false])
    func actingAsNeedsAnActiveSupervisor(role: Agent.Role, active: Bool) {
        let state = Self.state(loginRole: role, loginActive: active)
        // Oneself: whoever is active in the roster.
        let alone = Author(login: "me")
        #expect((state.activeAgent(alone) != nil) == active)
        #expect((state.activeSupervisor(alone) != nil) == (active && role == .supervisor))
        // Acting as oneself is the same as not acting as anyone.
        #expect((state.activeAgent(Author(login: "me", actingAs: "me")) != nil) == active)
        // Someone else: only an active supervisor, and only as an active agent.
        let mayActAs = active && role == .supervisor
        #expect((state.activeAgent(Author(login: "me", actingAs: "clerk"))?.id == "clerk") == mayActAs)
        #expect((state.activeSupervisor(Author(login: "me", actingAs: "chief"))?.id == "chief") == mayActAs)
        #expect(state.activeAgent(Author(login: "me", actingAs: "gone")) == nil)
        #expect(state.activeAgent(Author(login: "me", actingAs: "nobody")) == nil)
    }

    /// The rules check it under the writer lock too: a supervisor
    /// deactivated after opening cannot write as anyone.
    @Test func aDeactivatedSupervisorCannotWriteAsAnotherAgent() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            let boss = Author(login: "boss")
            let relsup = Agent(
                id: "relsup", name: "Rel Sup", role: .supervisor, area: "Care", authorityLimit: .euros(100))
            _ = try store.transact(by: boss) { state in try RosterRules.add(relsup, in: state, by: boss) }
            _ = try store.transact(by: boss) { state in
                try RosterRules.update("relsup", in: state, by: boss) { $0.active = false }
            }
            let actingAsBoss = Author(login: "relsup", actingAs: "boss")
            let mallory = Agent(
                id: "mallory", name: "Mallory", role: .supervisor, area: "Care", authorityLimit: .euros(999))
            #expect(throws: RosterRefusal.self) {
                _ = try store.transact(by: actingAsBoss) { state in
                    try RosterRules.add(mallory, in: state, by: actingAsBoss)
                }
            }
            #expect(try store.open().agents["mallory"] == nil)
        }
    }

    @Test func anAgentsNameHoldsNoControlCharactersAndHasALimit() {
        for name in ["Ana\u{0}", "Ana\u{1B}]0;x\u{07}", String(repeating: "a", count: SafeText.importedCellLimit + 1)] {
            let agent = Agent(id: "ana", name: name, role: .agent, area: "Counter", authorityLimit: .euros(20))
            #expect(throws: RosterRefusal.self) { try RosterRules.check(agent) }
        }
        #expect(throws: Never.self) {
            try RosterRules.check(
                Agent(id: "ana", name: "Ana Núñez", role: .agent, area: "Counter", authorityLimit: .euros(20)))
        }
    }
}
