import CareDomain
import Foundation

func drawTimeline(_ state: AppState, _ screen: inout Screen, _ rect: Rect) {
    if state.showingPoints { return drawPoints(state, &screen, rect) }
    let focused = state.focus == .timeline
    let inside = screen.box(rect, title: "3 \(Pane.timeline.title) (\(state.timeline.count))", focused: focused)
    guard !state.readingProfile else {
        screen.put(tr("Reading…"), x: inside.x + 1, y: inside.y, style: Style(.muted))
        return
    }
    guard !state.timeline.isEmpty else {
        screen.put(
            state.customer == nil ? "" : tr("No moments yet."), x: inside.x + 1, y: inside.y, style: Style(.muted))
        return
    }
    // From 56 columns: the touchpoint in 22, the channel, the amount. Narrower
    // (80×24 gives 40), the channel goes and the touchpoint takes what is
    // left; Enter shows the moment whole.
    let showsChannel = inside.width >= 56
    // As wide as the longest channel name in the language in force ("counter", "mostrador").
    let channelWidth = Channel.allCases.map { DisplayWidth.of($0.shown) }.max() ?? 7
    let moneyWidth = state.timeline.compactMap { $0.amount.map { DisplayWidth.of($0.description) } }.max() ?? 0
    let hasMoney = showsChannel || moneyWidth > 0
    let nameWidth = showsChannel ? 22 : max(8, inside.width - 16 - (hasMoney ? moneyWidth + 1 : 0))
    // Each contact shows its survey's score, taken after it.
    var surveys: [MomentID: Survey] = [:]
    for moment in state.timeline { if let asked = moment.surveyOf { surveys[asked] = moment.survey } }
    for (line, index) in scrollWindow(
        count: state.timeline.count, selected: state.timelineSelected, height: inside.height
    ).enumerated() {
        let moment = state.timeline[index]
        let selected = focused && index == state.timelineSelected
        let y = inside.y + line
        let place = state.catalog.touchpoints[moment.touchpoint]?.name ?? moment.touchpoint.rawValue
        let name = moment.surveyOf == nil ? place : tr("↳ survey: ") + place
        let level = moment.serviceLevelMet.map { $0 ? "✓" : "✗" } ?? " "
        let stars = surveyMark(moment.survey ?? surveys[moment.id], satisfaction: moment.satisfaction)
        let money = moment.amount.map { $0.description } ?? ""
        var text = "\(Day(containing: moment.at)) \(level) \(stars) \(fit(name, nameWidth))"
        if showsChannel { text += " " + fit(moment.channel.shown, channelWidth) }
        if hasMoney { text += " " + fit(money, showsChannel ? 9 : moneyWidth) }
        // Wider panes also show who served, then the impact and the cost.
        if inside.width >= 66 { text += " " + fit(moment.agent?.rawValue ?? "—", 9) }
        if inside.width >= 78 {
            let impact = state.catalog.touchpoints[moment.touchpoint].map { "i\($0.impact)" } ?? "  "
            text += " \(impact) \(moment.cost)"
        }
        screen.row(text, x: inside.x, y: y, width: inside.width, style: Style(selected ? .selection : .normal))
        if !selected, moment.serviceLevelMet == false {
            screen.put("✗", x: inside.x + 11, y: y, style: Style(.overdue))
        }
    }
}

/// The points ledger, newest first: every movement with its running balance.
func drawPoints(_ state: AppState, _ screen: inout Screen, _ rect: Rect) {
    let focused = state.focus == .timeline
    let inside = screen.box(rect, title: tr("3 Points history (%@) · p: moments", state.ledger.count), focused: focused)
    guard !state.ledger.isEmpty else {
        screen.put(
            state.customer == nil ? "" : tr("No points movements yet."), x: inside.x + 1, y: inside.y,
            style: Style(.muted))
        return
    }
    let count = state.ledger.count
    for (line, index) in scrollWindow(count: count, selected: state.timelineSelected, height: inside.height)
        .enumerated()
    {
        let entry = state.ledger[count - 1 - index]
        let selected = focused && index == state.timelineSelected
        let points = (entry.points > 0 ? "+" : "") + String(entry.points)
        let kind = entry.kind == .compensation ? tr("comp.") : entry.kind.rawValue
        // The reason takes what is left, with "…" when cut; Enter shows it whole.
        let figures =
            "\(Day(containing: entry.at)) \(fit(kind, 6)) \(pad(points, 6)) \(pad(String(entry.balanceAfter), 6))  "
        let text = figures + fit(entry.reason, max(1, inside.width - DisplayWidth.of(figures)))
        let style: Style = selected ? Style(.selection) : entry.points < 0 ? Style(.muted) : .normal
        screen.row(text, x: inside.x, y: inside.y + line, width: inside.width, style: style)
    }
}

private func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}

/// "★4" for the customer's own score, "☆4" for an agent's judgement, blank without one.
func surveyMark(_ survey: Survey?, satisfaction: Int?) -> String {
    if let survey { return (survey.answeredBy == .customer ? "★" : "☆") + String(survey.score) }
    return satisfaction.map { "★\($0)" } ?? "  "
}
