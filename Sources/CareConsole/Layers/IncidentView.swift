import CareDomain

/// Enter on a queue row: the incident whole (subject, status, customer,
/// assignee, due time, what is owed and granted, the survey) and every note
/// and event with who and when, newest last, so the next agent reads what
/// was promised. j/k scroll; the queue's keys (t n r a c o w v) act on it from
/// here; Enter goes to its customer; any other key closes it.
struct IncidentView: Layer, Equatable {
    let incident: IncidentID
    var top = 0

    static let actions: Set<Action> = [.take, .note, .resolve, .assign, .contact, .reopen, .wait, .approve]

    mutating func handle(_ key: Key, in state: inout AppState) -> LayerOutcome {
        let binding = KeyMap.bindings.binding(for: key)
        switch binding?.action {
        case .down?: top = min(top + 1, lastTop(state))
        case .up?: top = max(0, top - 1)
        case .pageDown?: top = min(top + state.pageSize, lastTop(state))
        case .pageUp?: top = max(0, top - state.pageSize)
        case .top?: top = 0
        case .bottom?: top = lastTop(state)
        case .open?:
            if let customer = state.store.incidents.summary(of: incident)?.customer, state.selectCustomer(customer) {
                state.focus = .profile
            }
            return .leave
        case let action? where Self.actions.contains(action):
            // The queue's own step, on this incident (it is the one selected).
            guard let binding else { return .leave }
            return .leave(MainScreen.perform(binding, in: &state))
        default:
            if key == .control("c") { state.quitting = true }
            return .leave
        }
        return .stay
    }

    /// The first line shown when the view is scrolled to its end (the
    /// newest of the history), for the screen as `draw` lays it out.
    func lastTop(_ state: AppState) -> Int {
        max(0, lines(state, width: state.size.width - 6).count - (state.size.height - 6))
    }

    /// The lines at `width`: fields with their names aligned, then the history.
    func lines(_ state: AppState, width: Int) -> [(String, Style)] {
        guard let record = state.store.incidents[incident] else {
            return [(tr("Incident %@ is no longer in the store.", incident), Style(.muted))]
        }
        // The steps come with the customer, read off the loop; until then
        // the fields show and the history says it is being read.
        let history = state.customer?.id == record.customer ? record.history(filed: state.incidentSteps) : nil
        let sheet = record.sheet(in: state.store, history: history ?? [], at: state.now)
        let nameWidth = (sheet.fields.map { DisplayWidth.of(Incident.Sheet.title(of: $0.name)) }.max() ?? 0) + 2
        var lines: [(String, Style)] = []
        for field in sheet.fields where field.name != "incident" {
            let style =
                field.name == "owed" || field.name == "approval"
                ? Style(.overdue) : field.name == "subject" ? Style(.title) : .normal
            let rows = wrap(field.value, width: max(10, width - nameWidth))
            for (index, row) in rows.enumerated() {
                let name = index == 0 ? Incident.Sheet.title(of: field.name) : ""
                lines.append((name + String(repeating: " ", count: nameWidth - DisplayWidth.of(name)) + row, style))
            }
        }
        guard history != nil else { return lines + [(tr("Reading…"), Style(.muted))] }
        lines.append((tr("History (%@), oldest first", sheet.events.count), Style(.key)))
        for event in sheet.events {
            let style = event.kind == Incident.EventKind.note.label ? Style.normal : Style(.muted)
            lines += wrap(event.line, width: width).map { ($0, style) }
        }
        return lines
    }

    func draw(_ state: AppState, _ screen: inout Screen) {
        let rect = Rect(x: 1, y: 1, width: screen.size.width - 2, height: screen.size.height - 3)
        screen.fill(rect)
        let summary = state.store.incidents.summary(of: incident)
        let title =
            tr("Incident %@", incident) + (summary.map { " · \($0.status.label) · \($0.priority.label)" } ?? "")
        let inside = screen.box(rect, title: title, focused: true)
        let rows = lines(state, width: inside.width - 2)
        let shown = inside.height - 1
        let first = min(top, max(0, rows.count - shown))
        for (offset, line) in rows.dropFirst(first).prefix(shown).enumerated() {
            screen.put(line.0, x: inside.x + 1, y: inside.y + offset, limit: inside.width - 2, style: line.1)
        }
        let more = rows.count > shown ? "j/k G · " : ""
        screen.put(
            more + tr("t n r a c o w v act on it · Enter: its customer · other keys close"), x: inside.x + 1,
            y: inside.y + inside.height - 1, limit: inside.width - 2, style: Style(.muted))
    }
}
