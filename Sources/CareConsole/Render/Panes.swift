import CareDomain
import Foundation

func tierStyle(_ tier: TierID?) -> Style {
    switch tier?.rawValue {
    case "platinum": Style(.tierPlatinum)
    case "gold": Style(.tierGold)
    case "silver": Style(.tierSilver)
    default: Style(.muted)
    }
}

func drawCustomers(_ state: AppState, _ screen: inout Screen, _ rect: Rect) {
    let focused = state.focus == .customers
    let count =
        state.filter.isEmpty || !state.isListWhole
        ? "\(state.listedCount)" : tr("%@ of %@", state.visible.count, state.listedCount)
    let inside = screen.box(rect, title: "1 \(Pane.customers.title) (\(count))", focused: focused)
    var top = inside.y
    if state.editingFilter || !state.filter.isEmpty {
        state.filterField.draw(
            prefix: "/ ", x: inside.x, y: top, width: inside.width, style: Style(.key), active: state.editingFilter,
            &screen)
        top += 1
    }
    let height = inside.y + inside.height - top
    if state.rows.isEmpty {
        screen.put(
            tr("No customers yet: run `care seed` or import a CSV."), x: inside.x + 1, y: top, limit: inside.width - 1,
            style: Style(.muted))
        return
    }
    if state.visible.isEmpty, !state.isListWhole {
        screen.put(
            tr("Sorting %@ customers…", state.listedCount), x: inside.x + 1, y: top,
            limit: inside.width - 1, style: Style(.muted))
        return
    }
    if state.visible.isEmpty {
        screen.put(
            tr("No customer matches \"%@\".", state.filter), x: inside.x + 1, y: top, limit: inside.width - 1,
            style: Style(.muted))
        return
    }
    for (line, index) in scrollWindow(count: state.visible.count, selected: state.selected, height: height).enumerated()
    {
        let row = state.rows[state.visible[index]]
        // The list's cursor is shown while the profile is its customer's.
        let selected = index == state.selected && !state.followsQueue
        let y = top + line
        let base = Style(selected ? .selection : .normal)
        screen.row("", x: inside.x, y: y, width: inside.width, style: base)
        screen.put(
            state.overdueCustomers.contains(row.summary.id) ? "!" : " ", x: inside.x, y: y,
            style: Style(.overdue, reverse: selected))
        let badge = row.summary.tier.map { " " + String($0.rawValue.prefix(1)).uppercased() } ?? "  "
        let nameWidth = inside.width - 12
        screen.put(fit(row.summary.name, nameWidth), x: inside.x + 1, y: y, style: base)
        screen.put(
            badge, x: inside.x + 1 + nameWidth, y: y, style: Style(tierStyle(row.summary.tier).role, reverse: selected))
        screen.put(
            fit(row.summary.id.rawValue, 8), x: inside.x + 4 + nameWidth, y: y,
            style: Style(selected ? .selection : .muted))
    }
}

func drawQueue(_ state: AppState, _ screen: inout Screen, _ rect: Rect) {
    let focused = state.focus == .incidents
    // Short enough for the 38 columns the pane has at 80×24.
    let title =
        state.queueScope == .all
        ? "4 " + tr("%@ (%@ open)", Pane.incidents.title, state.queue.count)
        : "4 "
            + (state.queueScope == .resolved
                ? tr("Queue, %@ (%@)", state.queueScope.label, state.queue.count)
                : tr("Queue, %@ (%@ open)", state.queueScope.label, state.queue.count))
    let inside = screen.box(rect, title: title, focused: focused)
    if state.queue.isEmpty {
        screen.put(tr("No open incidents."), x: inside.x + 1, y: inside.y, style: Style(.muted))
        return
    }
    // Due (or when resolved), priority, the customer's tier and name; then,
    // as the pane widens, the assignee, the status and the subject.
    // The priority's column is as wide as its longest word in the language ("urgente").
    let priorityWidth = Incident.Priority.allCases.map { DisplayWidth.of($0.label) }.max() ?? 6
    let base = 12 + priorityWidth
    var room = inside.width - base - 16
    let assigneeWidth = room >= 10 ? 9 : 0
    room -= assigneeWidth == 0 ? 0 : 10
    let statusWidth = room >= 12 ? 11 : 0
    room -= statusWidth == 0 ? 0 : 12
    let subjectWidth = room >= 12 ? room - 1 : 0
    let nameWidth =
        inside.width - base - (assigneeWidth > 0 ? 10 : 0) - (statusWidth > 0 ? 12 : 0)
        - (subjectWidth > 0 ? subjectWidth + 1 : 0)
    for (line, index) in scrollWindow(count: state.queue.count, selected: state.queueSelected, height: inside.height)
        .enumerated()
    {
        let incident = state.queue[index]
        let selected = (focused || state.followsQueue) && index == state.queueSelected
        let y = inside.y + line
        let overdue = incident.isOverdue(at: state.now)
        // "€": past its level with a compensation owed and not yet decided.
        let mark = incident.owesPending ? "€" : overdue ? "!" : " "
        let customer = state.store.customers.summary(of: incident.customer)
        let name = customer?.name ?? incident.customer.rawValue
        // A resolved incident says how long ago it was resolved, not a due time long past.
        let when =
            incident.status.isOpen
            ? relative(incident.dueAt, from: state.now)
            : "✓"
                + relative(incident.resolvedAt ?? incident.dueAt, from: state.now).replacingOccurrences(
                    of: "-", with: "")
        var text =
            "\(mark) \(fit(when, 6)) \(fit(incident.priority.label, priorityWidth))   \(fit(name, nameWidth))"
        if assigneeWidth > 0 { text += " " + fit(incident.assignee?.rawValue ?? "—", assigneeWidth) }
        if statusWidth > 0 { text += " " + fit(incident.queueStatus, statusWidth) }
        if subjectWidth > 0 {
            text += " " + fit(state.store.incidents[incident.id]?.subject ?? "", subjectWidth)
        }
        let style = Style(selected ? .selection : (overdue ? .overdue : .normal))
        screen.row(text, x: inside.x, y: y, width: inside.width, style: style)
        if let tier = customer?.tier {
            screen.put(
                String(tier.rawValue.prefix(1)).uppercased(), x: inside.x + 10 + priorityWidth, y: y,
                style: Style(tierStyle(tier).role, reverse: selected))
        }
    }
}

extension IncidentSummary {
    /// The status as a queue row has room for it: "on partner", "approval?".
    var queueStatus: String {
        if awaitsApproval { return tr("approval?") }
        switch status {
        case .waitingOnCustomer: return tr("on customer")
        case .waitingOnPartner: return tr("on partner")
        default: return status.label
        }
    }
}

/// "-3h", "5d", "40m": how far a due time is, negative when past.
func relative(_ date: Date, from now: Date) -> String {
    let minutes = Int((date.timeIntervalSince(now) / 60).rounded(.down))
    let sign = minutes < 0 ? "-" : ""
    let magnitude = abs(minutes)
    if magnitude < 60 { return "\(sign)\(magnitude)m" }
    if magnitude < 48 * 60 { return "\(sign)\(magnitude / 60)h" }
    return "\(sign)\(magnitude / 1440)d"
}
