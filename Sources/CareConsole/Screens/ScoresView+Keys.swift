import CareDomain
import Foundation

extension ScoresView {
    /// Opens the scores screen: every agent's for a supervisor, their own for
    /// an agent.
    static func open(in state: inout AppState) {
        guard let viewer = state.store.activeAgent(Author(login: state.agentLogin)) else {
            state.message = tr("You are not an active agent in the roster.")
            return
        }
        state.scores = ScoresView(store: state.store, viewer: viewer, today: Day(containing: state.now))
    }

    /// A key on the scores screen: its binding, checked against what it
    /// requires, then what it does to this view.
    func handle(_ key: Key, in state: inout AppState) -> [Command] {
        guard let binding = KeyMap.scoresBindings.binding(for: key) else { return [] }
        if let refusal = binding.requires.refusal(in: state) {
            state.message = refusal
            return []
        }
        return act(binding.action, in: &state)
    }

    private func act(_ action: Action, in state: inout AppState) -> [Command] {
        var view = self
        let viewer = state.store.activeAgent(Author(login: state.agentLogin))
        let today = Day(containing: state.now)
        // A new period re-reads the report on screen; the agents are worked out here.
        var commands: [Command] = []
        func recompute() {
            if let viewer { view.recompute(store: state.store, viewer: viewer, today: today) }
            if view.tab != .agents {
                view.report = nil
                commands = [.loadReport(view.tab, view.period(today: today))]
            }
        }
        switch action {
        case .quit: state.quitting = true
        case .help: state.mode.layer = HelpOverlay(bindings: KeyMap.scoresBindings)
        case .back:
            if view.drill != nil {
                view.drill = nil
            } else if view.tab != .agents {
                view.tab = .agents
                view.report = nil
            } else {
                state.scores = nil
                return []
            }
        case .down, .up, .top, .bottom, .pageDown, .pageUp:
            if view.tab != .agents {
                view.reportSelected = moved(
                    view.reportSelected, count: view.report?.rows.count ?? 0, by: action, page: state.pageSize)
            } else if var drill = view.drill {
                drill.selected = moved(drill.selected, count: drill.incidents.count, by: action, page: state.pageSize)
                view.drill = drill
            } else {
                // The team line is the last stop.
                view.selected = moved(view.selected, count: view.rows.count + 1, by: action, page: state.pageSize)
            }
        case .nextReport:
            view.tab = view.tab.next
            view.drill = nil
            view.reportSelected = 0
            // Segments and profitability mean most over a year.
            if view.tab == .segments, view.length < 365 {
                view.length = 365
                view.back = 0
            }
            recompute()
        case .sortScores where view.tab == .agents:
            let all = ScoreFigure.allCases
            view.sort = all[((all.firstIndex(of: view.sort) ?? 0) + 1) % all.count]
            recompute()
        case .periodLength:
            let lengths = ScoresView.lengths
            view.length = lengths[((lengths.firstIndex(of: view.length) ?? 0) + 1) % lengths.count]
            view.back = 0
            recompute()
        case .earlierPeriod:
            view.back += 1
            recompute()
        case .laterPeriod:
            guard view.back > 0 else {
                state.message = tr("This period ends today; there is no later one yet.")
                return []
            }
            view.back -= 1
            recompute()
        case .nextFigure:
            guard var drill = view.drill else { break }
            let all = ScoresView.drillFigures
            drill.figure = all[((all.firstIndex(of: drill.figure) ?? 0) + 1) % all.count]
            drill.selected = 0
            view.drill = drill
            recompute()
        case .open where view.tab == .profitability:
            // A customer's row leads to their profile.
            guard let table = view.report, view.reportSelected < table.rows.count,
                case .text(let id)? = table.rows[view.reportSelected].first
            else { return [] }
            state.scores = nil
            if state.selectCustomer(CustomerID(id)) { state.focus = .profile }
            return []
        case .open where view.tab == .agents:
            if let drill = view.drill {
                guard drill.selected < drill.incidents.count else { return [] }
                state.scores = nil
                state.showIncident(drill.incidents[drill.selected])
                return []
            }
            let row = view.selectedRow
            // The team line's incidents are other agents' too.
            guard row.agent != nil || state.isSupervisor else {
                state.message = tr(
                    "Only a supervisor can list the team's incidents; Enter on your own row lists yours.")
                return []
            }
            view.drill = ScoresView.Drill(
                agent: row.agent, name: row.name, figure: view.sort == .resolveTime ? .resolved : view.sort)
            recompute()
        case .recognise where view.tab == .agents:
            guard let agent = view.selectedRow.agent else {
                state.message = tr("Choose an agent's row to recognise them.")
                return []
            }
            state.mode.layer = RecogniseDialog(agent: agent)
        default: break
        }
        state.scores = view
        return commands
    }
}
