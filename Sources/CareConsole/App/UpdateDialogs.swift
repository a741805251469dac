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
    case .playbook(let id, let options, let selected):
        switch KeyMap.action(for: key) {
        case .down?: state.dialog = .playbook(id, options: options, selected: min(selected + 1, options.count - 1))
        case .up?: state.dialog = .playbook(id, options: options, selected: max(selected - 1, 0))
        case .open?:
            let playbook = selected < options.count ? options[selected] : nil
            if let incident = state.store.incidents[id],
                let (compensation, owed) = IncidentRules.proposal(for: incident, playbook: playbook.flatMap { state.store.playbooks[$0] }, in: state.store, at: state.now)
            {
                let offer = "\(compensation.description) (worth \(compensation.value)\(owed ? ", owed: the service level was missed" : ""))"
                state.dialog = .grant(id, playbook: playbook, offer: offer)
            } else {
                state.dialog = .rating(id, playbook: playbook, grant: false)
            }
        default: break
        }
    case .grant(let id, let playbook, _):
        switch key {
        case .character("y"), .enter: state.dialog = .rating(id, playbook: playbook, grant: true)
        case .character("n"): state.dialog = .rating(id, playbook: playbook, grant: false)
        default: break
        }
    case .assignee(let id, let options, let selected):
        switch KeyMap.action(for: key) {
        case .down?: state.dialog = .assignee(id, options: options, selected: min(selected + 1, options.count - 1))
        case .up?: state.dialog = .assignee(id, options: options, selected: max(selected - 1, 0))
        case .open? where selected < options.count:
            state.dialog = nil
            return [.act(.assign(id, to: options[selected]))]
        default: break
        }
    case .newIncident(var draft):
        return fill(&draft, key, in: &state)
    case .palette(let query, let selected):
        let entries = Dialog.paletteEntries(query)
        switch key {
        case .character(let character): state.dialog = .palette(query: query + String(character), selected: 0)
        case .backspace: state.dialog = .palette(query: String(query.dropLast()), selected: 0)
        case .down, .control("n"): state.dialog = .palette(query: query, selected: min(selected + 1, max(0, entries.count - 1)))
        case .up, .control("p"): state.dialog = .palette(query: query, selected: max(selected - 1, 0))
        case .enter where selected < entries.count:
            state.dialog = nil
            return run(entries[selected].action, in: &state)
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

/// A key in the new-incident dialog: choose each field, then type the subject.
private func fill(_ draft: inout IncidentDraft, _ key: Key, in state: inout AppState) -> [Command] {
    if draft.field == .subject {
        switch key {
        case .character(let character): draft.subject.append(character)
        case .backspace: if !draft.subject.isEmpty { draft.subject.removeLast() }
        case .enter:
            state.dialog = nil
            let touchpoint = draft.touchpoint < draft.touchpoints.count ? draft.touchpoints[draft.touchpoint] : TouchpointID("")
            return [.act(.open(
                draft.customer, touchpoint: touchpoint, kind: Incident.Kind.allCases[draft.kind],
                priority: Incident.Priority.allCases[draft.priority], subject: draft.subject))]
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
