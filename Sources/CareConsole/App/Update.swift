import CareDomain
import Foundation

/// Everything that happens to the console becomes a message.
public enum Message: Sendable {
    case key(Key)
    case resize(Size)
    case tick(Date)
    case storeChanged(StoreState)
    case customerLoaded(Customer?, [Moment], [LedgerEntry])
    case auditLoaded(AuditView)
    /// A report of the scores screen, read from every history.
    case reportLoaded(ScoresView.Tab, Period, Tabular)
    /// A history could not be read for it (a damaged file, named).
    case reportFailed(ScoresView.Tab, String)
    case failed(String)
    /// Reading other sessions' changes failed; the next tick tries again.
    case refreshFailed(String)
    /// An action was saved: what to tell the agent, the store as it is
    /// now, and the incident it was about.
    case acted(String, StoreState, IncidentID?)
}

/// Work `update` asks the loop to do (file I/O), whose result comes back as
/// a message.
public enum Command: Equatable, Sendable {
    case loadCustomer(CustomerID)
    case refreshStore
    case act(CounterAction)
    /// Read the audit trail: one customer's, or the whole store's (nil).
    case loadAudit(CustomerID?)
    /// Read every customer's history for a report of the scores screen.
    case loadReport(ScoresView.Tab, Period)
}

/// The console's one state transition: pure, so tests drive it with messages.
public func update(_ state: inout AppState, _ message: Message) -> [Command] {
    let before = state.selectedCustomerID
    switch message {
    case .key(let key):
        let commands = handle(key, in: &state)
        if !commands.isEmpty { return commands }
    case .resize(let size):
        state.pageSize = max(1, size.height / 2 - 4)
    case .tick(let now):
        let newDay = Day(containing: now) != Day(containing: state.now)
        state.now = now
        if newDay { state.refreshCustomerFacts() }
        return [.refreshStore]
    case .storeChanged(let store):
        state.reload(store)
        state.recomputeScores()
        // Shown until another message takes its place; every write is refused meanwhile.
        if !store.damage.isEmpty, state.message == nil {
            state.message = "Damaged store: nothing can be saved (care check says why)."
        }
        if let id = state.selectedCustomerID { return [.loadCustomer(id)] }
    case .customerLoaded(let customer, let moments, let ledger):
        state.customer = customer
        state.ledger = ledger
        state.timeline = moments.sorted { $0.at > $1.at }
        state.timelineSelected = 0
        state.refreshCustomerFacts()
    case .auditLoaded(let view):
        state.audit = view
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
    case .failed(let text):
        state.message = text
        // Someone may have changed it meanwhile: show the store as it is.
        return [.refreshStore]
    case .acted(let notice, let store, let incident):
        state.notice = notice
        state.reload(store)
        state.recomputeScores()
        if let incident {
            state.selectIncident(incident)
            state.focus = .incidents
        }
        if let id = state.selectedCustomerID { return [.loadCustomer(id)] }
    }
    if let after = state.selectedCustomerID, after != before { return [.loadCustomer(after)] }
    if state.selectedCustomerID == nil, before != nil {
        state.customer = nil
        state.timeline = []
        state.refreshCustomerFacts()
    }
    return []
}

private func handle(_ key: Key, in state: inout AppState) -> [Command] {
    state.message = nil
    state.notice = nil
    if state.dialog != nil { return answer(key, in: &state) }
    if state.showingHelp, state.scores != nil {
        state.showingHelp = false
        return []
    }
    if state.scores != nil { return scoresKey(key, in: &state) }
    if var audit = state.audit {
        switch KeyMap.action(for: key) {
        case .down?: audit.top = min(audit.top + 1, max(0, audit.lines.count - 1))
        case .up?: audit.top = max(audit.top - 1, 0)
        case .pageDown?: audit.top = min(audit.top + state.pageSize, max(0, audit.lines.count - 1))
        case .pageUp?: audit.top = max(audit.top - state.pageSize, 0)
        default:
            state.audit = nil
            return []
        }
        state.audit = audit
        return []
    }
    if state.showingHelp || state.showingMoment {
        state.showingHelp = false
        state.showingMoment = false
        if KeyMap.action(for: key) == .quit, key != .character("q") { state.quitting = true }
        return []
    }
    if state.editingFilter {
        editFilter(key, in: &state)
        return []
    }
    guard let action = KeyMap.action(for: key) else { return [] }
    return run(action, in: &state)
}

/// What an action does, whether it came from its key or from the palette.
func run(_ action: Action, in state: inout AppState) -> [Command] {
    switch action {
    case .quit: state.quitting = true
    case .help: state.showingHelp = true
    case .nextPane: state.focus = Pane(rawValue: (state.focus.rawValue + 1) % Pane.allCases.count) ?? .customers
    case .previousPane:
        state.focus =
            Pane(rawValue: (state.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count) ?? .customers
    case .pane(let pane): state.focus = pane
    case .filter:
        state.focus = .customers
        state.editingFilter = true
    case .back:
        if !state.filter.isEmpty {
            state.filter = ""
            state.applyFilter()
        }
    case .open: open(in: &state)
    case .queueScope:
        state.queueScope = state.queueScope.next
        state.focus = .incidents
        // A new view starts at its top, not on the incident seen before.
        state.queue = []
        state.queueSelected = 0
        state.reloadQueue()
    case .down, .up, .top, .bottom, .pageDown, .pageUp: move(action, in: &state)
    case .take, .note, .contact, .resolve, .assign, .reopen: return startIncidentAction(action, in: &state)
    case .redeem, .useCoupon: startCustomerAction(action, in: &state)
    case .audit:
        guard let customer = state.customer else {
            state.message = "Select a customer first."
            return []
        }
        return [.loadAudit(customer.id)]
    case .storeAudit:
        guard state.isSupervisor else {
            state.message = "Only a supervisor can read the whole store's audit trail."
            return []
        }
        return [.loadAudit(nil)]
    case .roster, .catalog, .program: startSupervisorAction(action, in: &state)
    case .pointsHistory:
        state.showingPoints.toggle()
        state.timelineSelected = 0
    case .palette: state.dialog = .palette(query: "", selected: 0)
    case .scores: openScores(in: &state)
    case .sortScores, .periodLength, .earlierPeriod, .laterPeriod, .nextFigure, .recognise, .nextReport: break
    case .newIncident:
        guard let customer = state.selectedCustomerID else {
            state.message = "Select a customer first."
            return []
        }
        let touchpoints = state.store.touchpoints.sorted.sorted { $0.name < $1.name }.map(\.id)
        state.dialog = .newIncident(IncidentDraft(customer: customer, touchpoints: touchpoints))
    }
    return []
}

private func editFilter(_ key: Key, in state: inout AppState) {
    var narrowing = false
    switch key {
    case .character(let character):
        state.filter.append(character)
        narrowing = true
    case .backspace:
        if !state.filter.isEmpty { state.filter.removeLast() }
    case .escape:
        state.filter = ""
        state.editingFilter = false
    case .enter, .tab, .down:
        state.editingFilter = false
        return
    case .control("c"):
        state.quitting = true
        return
    default:
        return
    }
    state.selected = 0
    state.applyFilter(narrowing: narrowing)
}

private func open(in state: inout AppState) {
    switch state.focus {
    case .customers: state.focus = .profile
    case .profile: state.focus = .timeline
    case .timeline: state.showingMoment = !state.showingPoints && !state.timeline.isEmpty
    case .incidents:
        guard state.queueSelected < state.queue.count else { return }
        if state.selectCustomer(state.queue[state.queueSelected].customer) { state.focus = .profile }
    }
}

private func move(_ action: Action, in state: inout AppState) {
    let page = state.pageSize
    switch state.focus {
    case .customers, .profile:
        state.selected = moved(state.selected, count: state.visible.count, by: action, page: page)
    case .timeline:
        state.timelineSelected = moved(
            state.timelineSelected, count: state.showingPoints ? state.ledger.count : state.timeline.count, by: action,
            page: page)
    case .incidents: state.queueSelected = moved(state.queueSelected, count: state.queue.count, by: action, page: page)
    }
}
