import CareDomain
import Foundation

/// The console's one state transition: pure, so tests drive it with messages.
public func update(_ state: inout AppState, _ message: Message) -> [Command] {
    let before = state.subjectCustomerID
    switch message {
    case .key(let key):
        let commands = handle(key, in: &state)
        if !commands.isEmpty { return commands }
    case .resize(let size):
        state.size = size
        state.pageSize = max(1, size.height / 2 - 4)
    case .tick(let now):
        let newDay = Day(containing: now) != Day(containing: state.now)
        state.now = now
        if newDay { state.refreshCustomerFacts() }
        // A service level just missed: what is owed goes on record at once,
        // asked again at most once a minute (another console may do it first).
        if state.missedToRecord, state.missedAskedAt.map({ now.timeIntervalSince($0) >= 60 }) ?? true {
            state.missedAskedAt = now
            return [.refreshStore, .act(.recordMissed)]
        }
        return [.refreshStore]
    case .storeChanged(let store, let lists, let customers):
        // A refresh read before a write of ours came back after it: the newer stands.
        guard store.seq >= state.store.seq else { return [] }
        state.offline = nil
        // The records came: the key that had to wait may be pressed again.
        if store.holdsEveryRecord, state.message == MainScreen.recordsStillComing { state.message = nil }
        state.reload(store, lists: lists, customers: customers)
        state.recomputeScores()
        // Shown until another message takes its place; every write is refused meanwhile.
        // A record the screen names things from that does not decode is named.
        let unreadable = state.catalog.problems.first.map { tr(" %@ It is left out of the screen.", $0) } ?? ""
        if !store.damage.isEmpty, state.message == nil {
            state.message = tr("Damaged store: nothing can be saved (care check says why).") + unreadable
        } else if !unreadable.isEmpty, state.message == nil {
            state.message = unreadable.dropFirst() + tr(" care check says why.")
        }
        if let id = state.subjectCustomerID { return [.loadCustomer(id)] }
    case .customerLoaded(let customer, let moments, let ledger, let incidentSteps):
        // The selection moved on while it was read: the newer load is on its way.
        if let customer, customer.id != state.subjectCustomerID { return [] }
        // The same customer read again (another session changed the store):
        // the timeline's cursor and the profile's scroll stay where they were.
        let sameCustomer = customer != nil && customer?.id == state.customer?.id
        state.customer = customer
        state.ledger = ledger
        state.incidentSteps = incidentSteps
        // Newest first; at the same moment, the one written later first (a
        // survey above its contact, a return above its purchase).
        state.timeline = moments.enumerated().sorted { ($0.element.at, $0.offset) > ($1.element.at, $1.offset) }
            .map(\.element)
        let shown = state.showingPoints ? ledger.count : state.timeline.count
        state.timelineSelected = sameCustomer ? min(state.timelineSelected, max(0, shown - 1)) : 0
        if !sameCustomer { state.profileTop = 0 }
        state.refreshCustomerFacts()
    case .auditLoaded(let view):
        state.mode.layer = view
    case .reportFailed(let tab, let text):
        state.message = text
        // Back to the agents rather than "reading…" for ever.
        if state.scores?.tab == tab, state.scores?.report == nil { state.scores?.tab = .agents }
    case .reportLoaded(let tab, let period, let table):
        // Only if the screen still shows that report for that period.
        if var view = state.scores, view.tab == tab, view.period(today: Day(containing: state.now)) == period {
            view.report = table
            view.reportSelected = min(view.reportSelected, max(0, table.rows.count - 1))
            state.scores = view
        }
    case .refreshFailed(let text):
        state.message = text
    case .offline(let reason):
        // Said once in the status bar, not as a message at every tick.
        state.offline = reason
    case .online:
        state.offline = nil
    case .refused(.recordMissed, _):
        // Someone else recorded it first, or the store takes no writes now
        // (which the status bar says): the next minute tries again.
        return [.refreshStore]
    case .refused(let action, let text):
        state.message = text
        // What was typed is not lost: the dialog opens again as it was.
        if state.mode.layer == nil, let dialog = state.takeKeptDialog(for: action) { state.mode.layer = dialog }
        return [.refreshStore]
    case .failed(let text):
        state.message = text
        // Someone may have changed it meanwhile: show the store as it is.
        return [.refreshStore]
    case .writesPending(let count):
        state.saving = count
    case .storeNotice(let text):
        state.notice = [state.notice, text].compactMap { $0 }.joined(separator: " ")
    case .customersListed(let customers):
        state.takeWholeList(customers)
    case .acted(let notice, let store, let incident, let lists, let customers, let registered):
        if !notice.isEmpty { state.notice = notice }
        if store.seq >= state.store.seq { state.reload(store, lists: lists, customers: customers) }
        state.recomputeScores()
        if let incident {
            state.focus = state.selectIncident(incident, keepingView: true) ? .incidents : .profile
        }
        if let registered, state.selectCustomer(registered) { state.focus = .profile }
        if let id = state.subjectCustomerID { return [.loadCustomer(id)] }
    }
    if let after = state.subjectCustomerID, after != before { return [.loadCustomer(after)] }
    if state.subjectCustomerID == nil, before != nil {
        state.customer = nil
        state.timeline = []
        state.incidentSteps = []
        state.refreshCustomerFacts()
    }
    return []
}

private func handle(_ key: Key, in state: inout AppState) -> [Command] {
    // Esc on a message only closes it: it must not also clear the filter
    // and lose the customer being served.
    let saying = state.message != nil || state.notice != nil
    state.message = nil
    state.notice = nil
    if saying, key == .escape, state.mode.layer == nil { return [] }
    // Nothing the agent cannot see may be acted on: below the minimum the
    // screen only says so, and only quitting acts.
    guard state.fitsTerminal else {
        if key == .character("q") || key == .control("c") { state.quitting = true }
        return []
    }
    if state.mode.layer != nil { return state.handleLayerKey(key) }
    if case .scores(let view) = state.mode.page { return view.handle(key, in: &state) }
    return MainScreen.handle(key, in: &state)
}
