import CareDomain
import Foundation

/// `t`, `n`, `r` on the incident queue: take at once, or open the dialog.
func startIncidentAction(_ action: Action, in state: inout AppState) -> [Command] {
    guard state.focus == .incidents, let incident = state.selectedIncident else {
        state.message = "Select an incident in the queue (4) first."
        return []
    }
    switch action {
    case .take: return [.act(.take(incident.id))]
    case .reopen: return [.act(.reopen(incident.id))]
    case .contact: return [.act(.contact(incident.id))]
    case .assign:
        let agents = state.store.agents.sorted.filter(\.active).map(\.id)
        state.dialog = .assignee(incident.id, options: agents, selected: 0)
    case .note: state.dialog = .note(incident.id, text: "")
    case .resolve:
        let touchpoint = state.store.incidents[incident.id]?.touchpoint
        let playbooks = state.store.playbooks.sorted.filter { $0.touchpoint == touchpoint }.map { Optional($0.id) }
        state.dialog = .playbook(incident.id, options: playbooks + [nil], selected: 0)
    default: break
    }
    return []
}

/// `R` and `u`: choose a reward to redeem, or a coupon to use, for the
/// customer on screen.
func startCustomerAction(_ action: Action, in state: inout AppState) {
    guard let customer = state.customer else {
        state.message = "Select a customer first."
        return
    }
    switch action {
    case .redeem:
        guard state.store.program != nil else {
            state.message = LoyaltyRefusal.noProgram.description
            return
        }
        let rewards = state.store.rewards.sorted.filter(\.active).sorted { $0.points < $1.points }.map(\.id)
        guard !rewards.isEmpty else {
            state.message = "The rewards catalog is empty."
            return
        }
        state.dialog = .redeem(customer.id, options: rewards, selected: 0)
    case .useCoupon:
        let coupons = state.validCoupons.map(\.id)
        guard !coupons.isEmpty else {
            state.message = "\(customer.name) has no coupon valid today."
            return
        }
        state.dialog = .coupon(customer.id, options: coupons, selected: 0)
    default: break
    }
}

/// `A` and `T`: the roster and the touchpoints' service levels, for a supervisor.
func startSupervisorAction(_ action: Action, in state: inout AppState) {
    guard state.isSupervisor else {
        let what =
            action == .roster ? "the roster" : action == .catalog ? "the touchpoint catalog" : "the loyalty program"
        state.message = "Only a supervisor can change \(what)."
        return
    }
    switch action {
    case .roster: state.dialog = .roster(selected: 0)
    case .catalog: state.dialog = .catalog(selected: 0)
    default:
        guard state.store.program != nil else {
            state.message = LoyaltyRefusal.noProgram.description
            return
        }
        state.dialog = .program(selected: 0)
    }
}

/// j/k (or the arrows) move through a list of `count` choices; Enter picks.
private func choose(_ key: Key, selected: inout Int, count: Int) -> Bool {
    switch KeyMap.action(for: key) {
    case .down?: selected = min(selected + 1, max(0, count - 1))
    case .up?: selected = max(selected - 1, 0)
    case .open?: return selected < count
    default: break
    }
    return false
}

/// A key while a dialog is open.
func answer(_ key: Key, in state: inout AppState) -> [Command] {
    guard let dialog = state.dialog else { return [] }
    if key == .escape || key == .control("c") {
        state.dialog = nil
        return []
    }
    switch dialog {
    case .note(let id, let text):
        switch key {
        case .character(let character): state.dialog = .note(id, text: text + String(character))
        case .backspace: state.dialog = .note(id, text: String(text.dropLast()))
        case .enter:
            state.dialog = nil
            return [.act(.note(id, text))]
        default: break
        }
    case .playbook(let id, let options, var selected):
        guard choose(key, selected: &selected, count: options.count) else {
            state.dialog = .playbook(id, options: options, selected: selected)
            return []
        }
        let playbook = options[selected]
        if let incident = state.store.incidents[id],
            let (compensation, owed) = IncidentRules.proposal(
                for: incident, playbook: playbook.flatMap { state.store.playbooks[$0] }, in: state.store, at: state.now)
        {
            state.dialog = .grant(id, playbook: playbook, offer: offer(compensation, owed: owed, in: state))
        } else {
            state.dialog = .rating(id, playbook: playbook, grant: false)
        }
    case .grant(let id, let playbook, _):
        switch key {
        case .character("y"), .enter: state.dialog = .rating(id, playbook: playbook, grant: true)
        case .character("n"): state.dialog = .rating(id, playbook: playbook, grant: false)
        default: break
        }
    case .assignee(let id, let options, var selected):
        guard choose(key, selected: &selected, count: options.count) else {
            state.dialog = .assignee(id, options: options, selected: selected)
            return []
        }
        state.dialog = nil
        return [.act(.assign(id, to: options[selected]))]
    case .redeem(let customer, let options, var selected):
        guard choose(key, selected: &selected, count: options.count) else {
            state.dialog = .redeem(customer, options: options, selected: selected)
            return []
        }
        state.dialog = nil
        return [.act(.redeem(customer, options[selected]))]
    case .coupon(let customer, let options, var selected):
        guard choose(key, selected: &selected, count: options.count) else {
            state.dialog = .coupon(customer, options: options, selected: selected)
            return []
        }
        state.dialog = nil
        return [.act(.useCoupon(options[selected]))]
    case .newIncident(var draft):
        return fill(&draft, key, in: &state)
    case .palette(let query, let selected):
        let entries = Dialog.paletteEntries(query)
        switch key {
        case .character(let character): state.dialog = .palette(query: query + String(character), selected: 0)
        case .backspace: state.dialog = .palette(query: String(query.dropLast()), selected: 0)
        case .down, .control("n"):
            state.dialog = .palette(query: query, selected: min(selected + 1, max(0, entries.count - 1)))
        case .up, .control("p"): state.dialog = .palette(query: query, selected: max(selected - 1, 0))
        case .enter where selected < entries.count:
            state.dialog = nil
            return run(entries[selected].action, in: &state)
        default: break
        }
    case .roster(var selected):
        let agents = state.store.agents.sorted
        _ = choose(key, selected: &selected, count: agents.count)
        state.dialog = .roster(selected: selected)
        guard selected < agents.count else { return [] }
        let login = agents[selected].id
        switch key {
        case .character("n"): state.dialog = .newAgent(login: "", name: "", onName: false)
        case .enter: return [.act(.changeAgent(login, .toggleActive))]
        case .character("s"): return [.act(.changeAgent(login, .toggleRole))]
        case .character("+"): return [.act(.changeAgent(login, .authority(by: .euros(5))))]
        case .character("-"): return [.act(.changeAgent(login, .authority(by: .euros(-5))))]
        default: break
        }
    case .newAgent(var login, var name, let onName):
        switch key {
        case .character(let character) where onName: name.append(character)
        case .character(let character): login.append(character)
        case .backspace where onName: if !name.isEmpty { name.removeLast() }
        case .backspace: if !login.isEmpty { login.removeLast() }
        case .tab where !onName, .enter where !onName:
            state.dialog = .newAgent(login: login, name: name, onName: true)
            return []
        case .enter:
            state.dialog = .roster(selected: 0)
            return [.act(.addAgent(AgentID(login), name: name))]
        default: break
        }
        state.dialog = .newAgent(login: login, name: name, onName: onName)
    case .catalog(var selected):
        let touchpoints = state.store.touchpoints.sorted
        _ = choose(key, selected: &selected, count: touchpoints.count)
        state.dialog = .catalog(selected: selected)
        guard selected < touchpoints.count else { return [] }
        let point = touchpoints[selected]
        let minutes = point.serviceLevel.responseMinutes
        // Steps that suit the scale: 15 min under 4 h, an hour under 2 days, then a day.
        let step = minutes < 240 ? 15 : minutes < 2 * 24 * 60 ? 60 : 24 * 60
        switch key {
        case .character("+"): return [.act(.setServiceLevel(point.id, minutes: minutes + step))]
        case .character("-") where minutes > step: return [.act(.setServiceLevel(point.id, minutes: minutes - step))]
        default: break
        }
    case .program(var selected):
        guard let program = state.store.program else { return [] }
        let settings = ProgramSetting.all(of: program)
        _ = choose(key, selected: &selected, count: settings.count)
        state.dialog = .program(selected: selected)
        guard selected < settings.count else { return [] }
        switch key {
        case .character("+"): return [.act(.changeProgram(settings[selected], steps: 1))]
        case .character("-"): return [.act(.changeProgram(settings[selected], steps: -1))]
        default: break
        }
    case .recognise(let agent, let reason):
        switch key {
        case .character(let character): state.dialog = .recognise(agent, reason: reason + String(character))
        case .backspace: state.dialog = .recognise(agent, reason: String(reason.dropLast()))
        case .enter:
            state.dialog = nil
            return [.act(.recognise(agent, reason: reason))]
        default: break
        }
    case .rating(let id, let playbook, let grant):
        switch key {
        case .character(let character) where ("1"..."5").contains(character):
            state.dialog = nil
            return [.act(.resolve(id, playbook: playbook, grant: grant, rating: character.wholeNumberValue))]
        case .enter:
            state.dialog = nil
            return [.act(.resolve(id, playbook: playbook, grant: grant, rating: nil))]
        default: break
        }
    }
    return []
}

/// The compensation proposed when resolving, as the agent reads it: what,
/// its worth, whether it is owed, and whether it is within their authority.
private func offer(_ compensation: Compensation, owed: Bool, in state: AppState) -> String {
    var text = "\(compensation.description) (worth \(compensation.value)\(owed ? ", owed: service level missed" : ""))"
    if let agent = state.store.agents[AgentID(state.agentLogin)], !agent.mayGrant(compensation.value) {
        text += ". It is above your authority of \(agent.authorityLimit): answer n, or ask a supervisor"
    }
    return text
}

/// A key in the new-incident dialog: choose each field, then type the subject.
private func fill(_ draft: inout IncidentDraft, _ key: Key, in state: inout AppState) -> [Command] {
    if draft.field == .subject {
        switch key {
        case .character(let character): draft.subject.append(character)
        case .backspace: if !draft.subject.isEmpty { draft.subject.removeLast() }
        case .enter:
            state.dialog = nil
            let touchpoint =
                draft.touchpoint < draft.touchpoints.count ? draft.touchpoints[draft.touchpoint] : TouchpointID("")
            return [
                .act(
                    .open(
                        draft.customer, touchpoint: touchpoint, kind: Incident.Kind.allCases[draft.kind],
                        priority: Incident.Priority.allCases[draft.priority], subject: draft.subject))
            ]
        default: break
        }
        state.dialog = .newIncident(draft)
        return []
    }
    let count = draft.options(in: state.store).count
    switch KeyMap.action(for: key) {
    case .down?: draft.selected = min(draft.selected + 1, max(0, count - 1))
    case .up?: draft.selected = max(draft.selected - 1, 0)
    case .open?: draft.field = IncidentDraft.Field(rawValue: draft.field.rawValue + 1) ?? .subject
    default: break
    }
    state.dialog = .newIncident(draft)
    return []
}
