import CareDomain

/// The four panes' keys: a binding found for the key, checked against what
/// it requires, then run. The palette runs bindings the same way.
enum MainScreen {
    static func handle(_ key: Key, in state: inout AppState) -> [Command] {
        guard let binding = KeyMap.bindings.binding(for: key) else { return [] }
        return perform(binding, in: &state)
    }

    /// A binding's action, unless the one acting may not use it.
    static func perform(_ binding: Binding<Action>, in state: inout AppState) -> [Command] {
        if let refusal = binding.requires.refusal(in: state) {
            state.message = refusal
            return []
        }
        if !state.store.holdsEveryRecord, !binding.action.worksOnSummaries {
            state.message = recordsStillComing
            return []
        }
        return run(binding.action, in: &state)
    }

    /// Why a key waits while the customers' records are read.
    static var recordsStillComing: String { tr("Still reading the records: one moment.") }

    /// What an action does.
    static func run(_ action: Action, in state: inout AppState) -> [Command] {
        switch action {
        case .quit: state.quitting = true
        case .help: state.mode.layer = HelpOverlay(bindings: KeyMap.bindings)
        case .nextPane:
            focus(Pane(rawValue: (state.focus.rawValue + 1) % Pane.allCases.count) ?? .customers, in: &state)
        case .previousPane:
            let count = Pane.allCases.count
            focus(Pane(rawValue: (state.focus.rawValue + count - 1) % count) ?? .customers, in: &state)
        case .pane(let pane): focus(pane, in: &state)
        case .filter:
            focus(.customers, in: &state)
            state.mode.layer = FilterEditing()
        case .back:
            if !state.filter.isEmpty {
                // The customer chosen stays chosen in the whole list.
                let chosen =
                    state.visible.indices.contains(state.selected) ? state.rows[state.visible[state.selected]] : nil
                state.filterField.clear()
                state.applyFilter()
                if let chosen { state.selectCustomer(chosen.summary.id) }
            }
        case .open: open(in: &state)
        case .queueScope:
            state.queueScope = state.queueScope.next(supervisor: state.isSupervisor)
            focus(.incidents, in: &state)
            // A new view starts at its top, not on the incident seen before.
            state.queue = []
            state.queueSelected = 0
            state.reloadQueue()
        case .down, .up, .top, .bottom, .pageDown, .pageUp: move(action, in: &state)
        case .take, .note, .contact, .resolve, .assign, .reopen, .wait, .approve:
            return startIncidentAction(action, in: &state)
        case .redeem, .useCoupon: startCustomerAction(action, in: &state)
        case .register: state.mode.layer = RegisterDialog()
        case .correct, .purchase, .giveBack, .logContact, .survey, .stage, .merge:
            CounterDialogs.open(action, in: &state)
        case .audit:
            // The customer selected, even while their profile is still being read.
            guard let customer = state.subjectCustomerID else {
                state.message = tr("Select a customer first.")
                return []
            }
            return [.loadAudit(customer)]
        case .storeAudit: return [.loadAudit(nil)]
        case .roster: state.mode.layer = RosterDialog()
        case .catalog: state.mode.layer = CatalogDialog(names: state.catalog.sortedTouchpoints.map(\.name))
        case .program:
            guard state.store.program != nil else {
                state.message = LoyaltyRefusal.noProgram.description
                return []
            }
            state.mode.layer = ProgramDialog()
        case .pointsHistory:
            state.showingPoints.toggle()
            state.timelineSelected = 0
        case .palette: state.mode.layer = PaletteDialog()
        case .scores: ScoresView.open(in: &state)
        case .sortScores, .periodLength, .earlierPeriod, .laterPeriod, .nextFigure, .recognise, .nextReport: break
        case .newIncident:
            guard let customer = state.subjectCustomerID else {
                state.message = tr("Select a customer first.")
                return []
            }
            let touchpoints = state.catalog.sortedTouchpoints.sorted { $0.name < $1.name }.map(\.id)
            let agents = state.catalog.sortedAgents.filter(\.active).map(\.id)
            state.mode.layer = NewIncidentDialog(
                customer: customer, touchpoints: touchpoints, agents: agents, me: state.agentLogin,
                catalog: state.catalog)
        }
        return []
    }

    /// `t`, `n`, `r`… on the incident queue: act at once, or open the dialog.
    private static func startIncidentAction(_ action: Action, in state: inout AppState) -> [Command] {
        guard state.focus == .incidents, let incident = state.selectedIncident else {
            state.message = tr("Select an incident in the queue (4) first.")
            return []
        }
        // A step that cannot succeed is refused now, not at the end of its dialog.
        if let refusal = refusal(of: action, on: incident, in: state) {
            state.message = refusal
            return []
        }
        switch action {
        case .take: return [.act(.take(incident.id))]
        case .reopen: state.mode.layer = ReopenDialog(incident: incident.id)
        case .contact: return [.act(.contact(incident.id))]
        case .assign:
            let agents = state.catalog.sortedAgents.filter(\.active).map(\.id)
            state.mode.layer = AssignDialog(incident: incident.id, options: agents)
        case .note:
            let area = state.catalog.agents[AgentID(state.agentLogin)]?.area
            let canned = state.catalog.program?.cannedNotes(for: area) ?? []
            state.mode.layer = NoteDialog(incident: incident.id, canned: canned)
        case .resolve:
            let record = state.store.incidents[incident.id]
            let playbooks = state.catalog.sortedPlaybooks.filter { $0.touchpoint == record?.touchpoint }
                .map { Optional($0.id) }
            var dialog = PlaybookDialog(incident: incident.id, options: playbooks + [nil], catalog: state.catalog)
            // Once a supervisor approved, the answer they approved is the one chosen.
            if let approval = record?.approval, approval.answer?.approved == true,
                let index = dialog.options.firstIndex(of: approval.playbook)
            {
                dialog.selected = index
            }
            state.mode.layer = dialog
        case .wait:
            guard !incident.status.isWaiting else { return [.act(.resume(incident.id))] }
            state.mode.layer = WaitDialog(incident: incident.id)
        case .approve: state.mode.layer = ApprovalDialog(incident: incident.id)
        default: break
        }
        return []
    }

    /// Why `action` cannot be done on `incident` now, in one sentence.
    private static func refusal(of action: Action, on incident: IncidentSummary, in state: AppState) -> String? {
        if state.store.customers[incident.customer]?.blockedAt != nil {
            return IncidentRefusal.blockedCustomer(incident.customer).description
        }
        switch action {
        case .take, .resolve, .assign, .contact, .wait:
            return incident.status.isOpen
                ? nil : tr("%@ is already %@; o reopens it.", incident.id, incident.status.label)
        case .approve:
            return incident.awaitsApproval ? nil : IncidentRefusal.noApprovalPending(incident.id).description
        case .reopen:
            return incident.status.isOpen ? tr("%@ is still open: r resolves it.", incident.id) : nil
        default: return nil
        }
    }

    /// `R` and `u`: a reward to redeem, or a coupon to use, for the customer on screen.
    private static func startCustomerAction(_ action: Action, in state: inout AppState) {
        // The customer selected, even while their profile is still being read.
        guard let id = state.subjectCustomerID, let customer = state.store.customers[id] else {
            state.message = tr("Select a customer first.")
            return
        }
        switch action {
        case .redeem:
            guard state.store.program != nil else {
                state.message = LoyaltyRefusal.noProgram.description
                return
            }
            let rewards = state.catalog.sortedRewards.filter(\.active).sorted { $0.points < $1.points }.map(\.id)
            guard !rewards.isEmpty else {
                state.message = tr("The rewards catalog is empty.")
                return
            }
            state.mode.layer = RedeemDialog(
                customer: customer.id, options: rewards, names: rewards.map { state.catalog.rewards[$0]?.name ?? "" })
        case .useCoupon:
            let today = Day(containing: state.now)
            let valid = state.store.coupons(of: id).filter { $0.state(on: today) == .valid }
            let coupons = valid.map(\.id)
            guard !coupons.isEmpty else {
                state.message = tr("%@ has no coupon valid today.", customer.name)
                return
            }
            state.mode.layer = CouponDialog(customer: customer.id, options: coupons, reasons: valid.map(\.reason))
        default: break
        }
    }

    private static func open(in state: inout AppState) {
        switch state.focus {
        case .customers: state.focus = .profile
        case .profile: state.focus = .timeline
        case .timeline:
            guard !state.readingProfile else { return }
            if state.showingPoints {
                // Newest first, as the pane lists them.
                let index = state.ledger.count - 1 - state.timelineSelected
                if state.ledger.indices.contains(index) {
                    state.mode.layer = TextOverlay.ledgerEntry(state.ledger[index])
                }
            } else if state.timelineSelected < state.timeline.count {
                state.mode.layer = TextOverlay.moment(state.timeline[state.timelineSelected], in: state)
            }
        case .incidents:
            guard state.queueSelected < state.queue.count else { return }
            state.mode.layer = IncidentView(incident: state.queue[state.queueSelected].id)
        }
    }

    /// Focuses `pane`: the list or the queue, whichever the agent went to,
    /// is then what the profile and the timeline show.
    private static func focus(_ pane: Pane, in state: inout AppState) {
        state.focus = pane
        switch pane {
        case .customers: state.followsQueue = false
        case .incidents: state.followsQueue = true
        case .profile, .timeline: break
        }
    }

    private static func move(_ action: Action, in state: inout AppState) {
        let page = state.pageSize
        switch state.focus {
        case .profile:
            // The profile scrolls through what does not fit its pane.
            let inside = MainLayout(size: state.size).profile.inset(1)
            let count = profileLines(state, width: inside.width - 1).count
            state.profileTop = moved(state.profileTop, count: max(1, count - inside.height + 1), by: action, page: page)
        case .customers:
            state.selected = moved(state.selected, count: state.visible.count, by: action, page: page)
            state.followsQueue = false
        case .timeline:
            let count = state.showingPoints ? state.ledger.count : state.timeline.count
            state.timelineSelected = moved(state.timelineSelected, count: count, by: action, page: page)
        case .incidents:
            state.queueSelected = moved(state.queueSelected, count: state.queue.count, by: action, page: page)
            state.followsQueue = true
        }
    }
}
