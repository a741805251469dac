import CareDomain
import Foundation
import Testing

@testable import CareConsole

/// Selects the customer `id` in the list, as filtering for it would, and
/// loads their profile and ledger from `directory`.
func select(_ id: CustomerID, in state: inout AppState, directory: String) throws {
    let index = try #require(state.visible.firstIndex { state.rows[$0].summary.id == id })
    state.selected = index
    let store = FileStore(directory: directory)
    _ = try store.open()
    _ = update(
        &state, .customerLoaded(state.store.customers[id], try store.moments(of: id), try store.ledger(of: id), []))
}

@Suite struct RedeemDialogTests {
    @Test func theDialogListsRewardsWithWhatEachStillNeedsAndEnterRedeems() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cheapest = try #require(state.store.rewards.sorted.filter(\.active).map(\.points).min())
        let customer = try #require(
            state.store.customers.sorted.first { $0.loyalty.points >= cheapest && $0.loyalty.points < 4000 })
        try select(customer.id, in: &state, directory: directory)
        _ = update(&state, .key(.character("R")))
        guard let redeem = state.dialog as? RedeemDialog, redeem.customer == customer.id, redeem.selected == 0 else {
            Issue.record("no redeem dialog: \(String(describing: state.dialog))")
            return
        }
        let text = render(state, size: Size(width: 100, height: 30)).lines.joined(separator: "\n")
        #expect(text.contains("Redeem for \(customer.name): \(customer.loyalty.points) points"))
        #expect(text.contains("Country weekend"))
        #expect(text.contains("needs \(4000 - customer.loyalty.points) more"))
        #expect(update(&state, .key(.enter)) == [.act(.redeem(customer.id, redeem.options[0]))])
        #expect(state.dialog == nil)
    }

    /// A letter jumps to the next reward whose name starts with it, accents
    /// and case aside; the arrows move one at a time.
    @Test func aLetterJumpsToTheRewardThatStartsWithIt() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let customer = try #require(state.store.customers.sorted.first)
        try select(customer.id, in: &state, directory: directory)
        _ = update(&state, .key(.character("R")))
        let redeem = try #require(state.dialog as? RedeemDialog)
        let last = try #require(redeem.names.indices.last)
        let letter = try #require(redeem.names[last].first)
        let wanted = try #require(
            redeem.names.indices.first { index in
                index > 0 && Folding.fold(String(redeem.names[index].prefix(1))) == Folding.fold(String(letter))
            })
        _ = update(&state, .key(.character(Character(letter.lowercased()))))
        #expect((state.dialog as? RedeemDialog)?.selected == wanted)
        _ = update(&state, .key(.up))
        #expect((state.dialog as? RedeemDialog)?.selected == wanted - 1)
    }

    @Test func theConsoleRedeemsAndShowsTheBalanceOrTheRefusal() throws {
        let (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = FileStore(directory: directory, clock: .fixed(state.now))
        let rich = try #require(
            state.store.customers.sorted.first { $0.loyalty.points >= 100 && $0.loyalty.points < 250 })
        var app = state
        try select(rich.id, in: &app, directory: directory)
        let console = Console(store: store, author: Author(login: "boss"), clock: .fixed(state.now))
        // The cheapest reward (100 points) is first: it is redeemed.
        guard
            case .acted(let notice, let after, nil, _, _, _)? = console.perform(
                .act(.redeem(rich.id, "coffee")), in: app)
        else {
            Issue.record("not redeemed")
            return
        }
        let left = rich.loyalty.points - (try #require(after.rewards["coffee"]?.points))
        #expect(notice == "Redeemed Coffee and a pastry for \(rich.name) (\(rich.id)): \(left) points left.")
        #expect(try store.ledger(of: rich.id).last?.reward == "coffee")
        // The dearest one is refused with the shortfall, and nothing is written.
        guard case .refused(_, let refusal)? = console.perform(.act(.redeem(rich.id, "weekend")), in: app) else {
            Issue.record("not refused")
            return
        }
        #expect(refusal == "The customer has \(left) points; Country weekend needs 4000 (\(4000 - left) more).")
        #expect(try StoreChecker.check(directory: directory).isClean)
    }

    @Test func pShowsThePointsHistoryNewestFirst() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let customer = try #require(state.store.customers.sorted.first { $0.loyalty.points > 0 })
        try select(customer.id, in: &state, directory: directory)
        _ = update(&state, .key(.character("p")))
        #expect(state.showingPoints)
        let lines = render(state, size: Size(width: 120, height: 40)).lines
        let text = lines.joined(separator: "\n")
        #expect(text.contains("Points history (\(state.ledger.count))"))
        let newest = try #require(state.ledger.last)
        let row = try #require(
            lines.firstIndex { $0.contains(Day(containing: newest.at).description) && $0.contains(newest.reason) })
        let title = try #require(lines.firstIndex { $0.contains("Points history") })
        #expect(row == title + 1)
        _ = update(&state, .key(.character("p")))
        #expect(render(state, size: Size(width: 120, height: 40)).lines.joined().contains("Moments of truth"))
    }
}

@Suite struct CompensationProposalTests {
    @Test func anAgentIsToldWhenTheProposalIsAboveTheirAuthority() throws {
        var (state, directory) = try seededState(customers: 120)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        state.agentLogin = "ralvarez"  // 15 € authority
        _ = update(&state, .key(.character("4")))
        // An open incident with a playbook that offers more than 15 €.
        var target: (incident: Int, playbook: Int)?
        for (index, summary) in state.queue.enumerated() where target == nil {
            guard let incident = state.store.incidents[summary.id] else { continue }
            let playbooks = state.store.playbooks.sorted.filter { $0.touchpoint == incident.touchpoint }
            if let choice = playbooks.firstIndex(where: {
                (IncidentRules.proposal(for: incident, playbook: $0, in: state.store, at: state.now)?.compensation.value
                    ?? .zero) > .euros(15)
            }) {
                target = (index, choice)
            }
        }
        let (index, choice) = try #require(target)
        let summary = state.queue[index]
        state.queueSelected = index
        _ = update(&state, .key(.character("r")))
        for _ in 0..<choice { _ = update(&state, .key(.down)) }
        _ = update(&state, .key(.enter))
        guard let grant = state.dialog as? GrantDialog, grant.incident == summary.id else {
            Issue.record("no compensation proposed: \(String(describing: state.dialog))")
            return
        }
        #expect(grant.offer.contains("above your authority of 15.00 €"))
        // Said before asking: y does not grant it; a asks a supervisor.
        let text = render(state, size: Size(width: 120, height: 40)).lines.joined(separator: "\n")
        #expect(text.contains("a asks a supervisor"))
        #expect(update(&state, .key(.character("y"))) == [])
        #expect(state.dialog is GrantDialog)
        let playbook = grant.playbook
        #expect(update(&state, .key(.character("a"))) == [.act(.askApproval(summary.id, playbook: playbook, note: ""))])
        state.agentLogin = "boss"
        _ = update(&state, .key(.escape))
        _ = update(&state, .key(.character("r")))
        for _ in 0..<choice { _ = update(&state, .key(.down)) }
        _ = update(&state, .key(.enter))
        guard let bossOffer = (state.dialog as? GrantDialog)?.offer else {
            Issue.record("no compensation proposed to the supervisor")
            return
        }
        #expect(!bossOffer.contains("authority"))
    }

    @Test func cRecordsAnotherContactOnTheIncident() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .key(.character("4")))
        let incident = try #require(state.selectedIncident)
        #expect(update(&state, .key(.character("c"))) == [.act(.contact(incident.id))])
    }
}

@Suite struct CouponDialogTests {
    @Test func uListsTheCouponsValidTodayAndEnterUsesOne() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let customer = try #require(state.store.customers.sorted.first)
        try select(customer.id, in: &state, directory: directory)
        _ = update(&state, .key(.character("u")))
        #expect(state.dialog == nil)
        #expect(state.message == "\(customer.name) has no coupon valid today.")

        let today = Day(containing: state.now)
        let store = FileStore(directory: directory)
        _ = try store.open()
        let valid = Coupon(
            id: "CP-T1", customer: customer.id, discountPercent: 10, validFrom: today,
            validUntil: today.adding(days: 30), reason: "test")
        let old = Coupon(
            id: "CP-T0", customer: customer.id, discountPercent: 5, validFrom: today.adding(days: -90),
            validUntil: today.adding(days: -1), reason: "old")
        _ = update(
            &state,
            .storeChanged(
                try store.commit(
                    Transaction(summary: "coupons", changes: [.coupon(valid), .coupon(old)]), by: Author(login: "boss"))
            ))
        #expect(
            render(state, size: Size(width: 120, height: 40)).lines.joined().contains(
                "coupon 10% until \(today.adding(days: 30))"))
        _ = update(&state, .key(.character("u")))
        #expect(
            state.dialog as? CouponDialog
                == CouponDialog(customer: customer.id, options: ["CP-T1"], selected: 0, reasons: ["test"]))
        #expect(update(&state, .key(.enter)) == [.act(.useCoupon("CP-T1"))])
    }
}

@Suite struct SupervisorConsoleTests {
    @Test func hShowsWhoChangedTheCustomerNewestFirst() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = FileStore(directory: directory, clock: .fixed(state.now))
        let customer = try #require(state.store.customers.sorted.first { $0.loyalty.points >= 100 })
        try select(customer.id, in: &state, directory: directory)
        let console = Console(store: store, author: Author(login: "boss"), clock: .fixed(state.now))
        _ = console.perform(.act(.redeem(customer.id, "coffee")), in: state)
        #expect(update(&state, .key(.character("h"))) == [.loadAudit(customer.id)])
        guard case .auditLoaded(let view)? = console.perform(.loadAudit(customer.id), in: state) else {
            Issue.record("no audit")
            return
        }
        _ = update(&state, .auditLoaded(view))
        let text = render(state, size: Size(width: 120, height: 30)).lines.joined(separator: "\n")
        #expect(text.contains("Changes to \(customer.name) (\(customer.id)), newest first (1)"))
        #expect(text.contains("boss"))
        #expect(text.contains("redeem coffee for customer \(customer.id)"))
        _ = update(&state, .key(.character("x")))
        #expect(state.audit == nil)
    }

    @Test func theRosterAndCatalogAreForSupervisorsOnly() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        state.agentLogin = "mgarcia"
        for key in ["A", "T", "H"] {
            _ = update(&state, .key(.character(Character(key))))
            #expect(state.dialog == nil)
            #expect(state.message?.hasPrefix("Only a supervisor can") == true, "\(key)")
        }
        state.agentLogin = "boss"
        _ = update(&state, .key(.character("A")))
        #expect(state.dialog as? RosterDialog == RosterDialog(selected: 0))
        let first = try #require(state.store.agents.sorted.first)
        #expect(update(&state, .key(.enter)) == [.act(.changeAgent(first.id, .toggleActive))])
        #expect(update(&state, .key(.character("+"))) == [.act(.changeAgent(first.id, .authority(by: .euros(5))))])
        _ = update(&state, .key(.escape))
        _ = update(&state, .key(.character("T")))
        let point = try #require(state.store.touchpoints.sorted.first)
        let minutes = point.serviceLevel.responseMinutes
        guard case .act(.setServiceLevel(point.id, let more))? = update(&state, .key(.character("+"))).first else {
            Issue.record("no change")
            return
        }
        #expect(more > minutes)
        // Written by the console, refused for an agent by the rules themselves.
        let console = Console(
            store: FileStore(directory: directory), author: Author(login: "mgarcia"), clock: .fixed(state.now))
        guard
            case .refused(_, let refusal)? = console.perform(.act(.setServiceLevel(point.id, minutes: more)), in: state)
        else {
            Issue.record("an agent changed the catalog")
            return
        }
        #expect(refusal == "Only a supervisor can change the touchpoint catalog.")
    }

    @Test func theProfileShowsEachConsentWithItsDay() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let customer = try #require(state.store.customers.sorted.first { $0.consents?.isEmpty == false })
        try select(customer.id, in: &state, directory: directory)
        let consent = try #require(customer.consents?.first { $0.purpose == .service })
        let text = render(state, size: Size(width: 160, height: 50)).lines.joined(separator: "\n")
        #expect(text.contains("service \(consent.granted ? "yes" : "no") \(Day(containing: consent.at))"))
    }
}

@Suite struct ProgramDialogTests {
    @Test func aSupervisorStepsTheProgramAndAnInvalidStepIsRefused() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = try #require(state.store.program)
        _ = update(&state, .key(.character("P")))
        #expect(state.dialog as? ProgramDialog == ProgramDialog(selected: 0))
        #expect(render(state, size: Size(width: 100, height: 30)).lines.joined().contains("points per euro"))
        #expect(update(&state, .key(.character("+"))) == [.act(.changeProgram(.pointsPerEuro, steps: 1))])
        let console = Console(
            store: FileStore(directory: directory), author: Author(login: "boss"), clock: .fixed(state.now))
        guard
            case .acted(let notice, let after, nil, _, _, _)? = console.perform(
                .act(.changeProgram(.pointsPerEuro, steps: 1)), in: state)
        else {
            Issue.record("not changed")
            return
        }
        #expect(after.program?.pointsPerEuro == before.pointsPerEuro + 1)
        #expect(notice == "points per euro: \(before.pointsPerEuro + 1) (program version \(before.version + 1)).")
        // The top tier's service time is 25 %; four steps down would make it 5 %, five would make it 0: refused.
        let top = before.tiers.count - 1
        var refused: String?
        for _ in 0..<6 {
            if case .refused(_, let text)? = console.perform(
                .act(.changeProgram(.serviceLevelPercent(tier: top), steps: -1)), in: state)
            {
                refused = text
                break
            }
        }
        #expect(refused?.contains("serviceLevelPercent must be 1 to 100") == true, "\(refused ?? "nothing refused")")
        state.agentLogin = "mgarcia"
        _ = update(&state, .key(.escape))
        _ = update(&state, .key(.character("P")))
        #expect(state.message == "Only a supervisor can change the loyalty program.")
    }
}

@Suite struct NewAgentDialogTests {
    @Test func nInTheRosterAddsAnAgentByLoginAndName() throws {
        var (state, directory) = try seededState()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = update(&state, .key(.character("A")))
        _ = update(&state, .key(.character("n")))
        type("lucia", into: &state)
        _ = update(&state, .key(.tab))
        type("Lucía Pérez", into: &state)
        #expect(
            state.dialog as? NewAgentDialog
                == NewAgentDialog(login: TextField("lucia"), name: TextField("Lucía Pérez"), onName: true))
        #expect(render(state, size: Size(width: 100, height: 30)).lines.joined().contains("Name:       Lucía Pérez"))
        let commands = update(&state, .key(.enter))
        #expect(commands == [.act(.addAgent("lucia", name: "Lucía Pérez"))])
        #expect(state.dialog as? RosterDialog == RosterDialog(selected: 0))
        let console = Console(
            store: FileStore(directory: directory), author: Author(login: "boss"), clock: .fixed(state.now))
        guard
            case .acted(let notice, let after, _, _, _, _)? = console.perform(
                .act(.addAgent("lucia", name: "Lucía Pérez")), in: state)
        else {
            Issue.record("not added")
            return
        }
        #expect(notice == "Added Lucía Pérez (lucia) to the roster as an agent.")
        #expect(after.agents["lucia"]?.role == .agent)
        guard case .refused(_, let again)? = console.perform(.act(.addAgent("lucia", name: "Otra")), in: state) else {
            Issue.record("added twice")
            return
        }
        #expect(again.hasPrefix("lucia is already in the roster"))
    }
}
