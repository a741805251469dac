import CareDomain
import Foundation

/// The scores screen: the agents as a table sorted by one figure with a bar
/// for it, the team line, and the selected row's figures against the
/// previous period; or the incidents behind one figure.
func drawScores(_ view: ScoresView, state: AppState, _ screen: inout Screen, _ rect: Rect) {
    let today = Day(containing: state.now)
    let period = view.period(today: today)
    if view.tab != .agents {
        let inside = screen.box(rect, title: "\(view.tab.title) · \(period)", focused: true)
        guard let report = view.report else {
            screen.put(tr("Reading every customer's history…"), x: inside.x + 1, y: inside.y, style: Style(.muted))
            return
        }
        let note: String =
            switch view.tab {
            case .segments: tr("Frequency and spend per year; the segments' rules: care report segments.")
            case .profitability:
                tr("Revenue is purchases × margin. Enter opens the customer; every figure: care report profitability.")
            default: tr("Sorted by attention: impact × the moments and incidents that missed their level.")
            }
        // The note wraps under the table; the columns left out are said with it.
        var noteLines = wrap(note, width: inside.width - 2)
        let tableRect = Rect(x: inside.x, y: inside.y, width: inside.width, height: inside.height - noteLines.count - 1)
        let hidden = drawTable(view.tab.shown(report), selected: view.reportSelected, &screen, tableRect)
        if hidden > 0 {
            noteLines += wrap(
                tr(
                    "%@ more column%@ on a wider terminal, or: care report %@.", hidden, hidden == 1 ? "" : "s",
                    view.tab.command),
                width: inside.width - 2)
        }
        for (offset, line) in noteLines.suffix(inside.height).enumerated() {
            screen.put(
                line, x: inside.x + 1, y: inside.y + inside.height - noteLines.count + offset, style: Style(.muted))
        }
        return
    }
    let who = state.isSupervisor ? tr("Agent scores") : tr("Your scores")
    let inside = screen.box(rect, title: tr("%@ · %@ · vs the %@ days before", who, period, view.length), focused: true)
    if let drill = view.drill {
        drawDrill(drill, state: state, &screen, inside)
        return
    }
    let columns = ScoreColumn.fitting(width: inside.width)
    // The trend of the sorted figure has a column of its own where names
    // keep 16 columns beside it; the selected row's is always below.
    let roomForNames = inside.width - 2 - columns.reduce(0) { $0 + $1.width + 1 } - ScoreColumn.barWidth - 1
    let trendWidth = roomForNames - (ScoresView.trendPeriods + 1) >= 16 ? ScoresView.trendPeriods + 1 : 0
    let nameWidth = roomForNames - trendWidth
    var header = fit(tr("Agent"), nameWidth)
    for column in columns { header += " " + pad(column.title + (column.figure == view.sort ? "▼" : ""), column.width) }
    if trendWidth > 0 { header += " " + fit(tr("trend"), ScoresView.trendPeriods) }
    header += " " + fit(tr("by %@", view.sort.title), ScoreColumn.barWidth)
    screen.put(header, x: inside.x + 1, y: inside.y, limit: inside.width - 2, style: Style(.title))
    let best = ScoreColumn.scale(view.rows.map(\.current), figure: view.sort)
    let detailHeight = 8
    let tableHeight = max(2, inside.height - 1 - detailHeight)
    let lines = view.rows + [view.board.team]
    for (line, index) in scrollWindow(count: lines.count, selected: view.selected, height: tableHeight).enumerated() {
        let row = lines[index]
        var text = fit(row.name, nameWidth)
        for column in columns { text += " " + pad(column.text(row.current), column.width) }
        let isTeam = index == view.rows.count
        if trendWidth > 0 { text += " " + fit(view.trend(of: row, figure: view.sort), ScoresView.trendPeriods) }
        let bar = isTeam ? "" : ScoreColumn.bar(row.current, figure: view.sort, scale: best)
        text += " " + bar
        let style = index == view.selected ? Style(.selection) : Style(isTeam ? .title : .normal, bold: isTeam)
        screen.row(text, x: inside.x + 1, y: inside.y + 1 + line, width: inside.width - 2, style: style)
    }
    if view.rows.isEmpty {
        screen.put(tr("No agents in the roster."), x: inside.x + 1, y: inside.y + 1, style: Style(.muted))
    }
    let detailTop = inside.y + inside.height - detailHeight
    let trend = (
        tr("%@, the last %@ periods of %@ days: ", view.sort.title, ScoresView.trendPeriods, view.length)
            + view.trend(of: view.selectedRow, figure: view.sort), Style(.key)
    )
    for (offset, line) in ([trend] + details(view.selectedRow, catalog: state.catalog, width: inside.width - 2)).prefix(
        detailHeight
    )
    .enumerated() {
        screen.put(line.0, x: inside.x + 1, y: detailTop + offset, limit: inside.width - 2, style: line.1)
    }
}

/// The selected row's figures, each against the previous period, and the
/// agent's recognitions.
private func details(_ row: Scoreboard.Row, catalog: Catalog, width: Int) -> [(String, Style)] {
    let now = row.current
    let before = row.previous
    var lines: [(String, Style)] = [
        (
            tr(
                "%@: %@ handled, %@ resolved (%@ on the %@ before)", row.name, now.handled, now.resolved,
                signed(now.resolved - before.resolved), before.resolved),
            Style(.key)
        ),
        // Fits 78 columns at its longest: "1st contact 100% (+17 pts) · 2nd 0% · service level met 33% (-50 pts)".
        (
            tr(
                "1st contact %@%@ · ", percent(now.firstContactRate),
                change(now.firstContactRate, before.firstContactRate))
                + tr(
                    "2nd %@ · service level met %@%@", percent(now.secondContactRate), percent(now.serviceLevelRate),
                    change(now.serviceLevelRate, before.serviceLevelRate)),
            .normal
        ),
        (
            tr(
                "time to resolve: median %@, 90%% within %@ (median before: %@)", duration(now.medianMinutes),
                duration(now.p90Minutes), duration(before.medianMinutes)),
            .normal
        ),
        (
            tr(
                "satisfaction %@ from %@ rating%@ · entered by the resolver: ", average(now.satisfaction), now.ratings,
                now.ratings == 1 ? "" : "s")
                + tr("%@ from %@ (apart)", average(now.ownSatisfaction), now.ownRatings), .normal
        ),
        (
            tr(
                "reopened %@ of %@ first resolutions (%@) · %@ compensation%@, %@", now.reopened, now.firstResolutions,
                percent(now.reopenRate), now.compensations, now.compensations == 1 ? "" : "s", now.compensationValue)
                + (now.owedDeclined == 0 ? "" : tr(" · %@ owed declined", now.owedDeclined)),
            .normal
        ),
    ]
    let recognitions = row.agent.flatMap { catalog.agents[$0]?.recognitions } ?? []
    if let last = recognitions.last {
        let more = recognitions.count > 1 ? tr(" (%@ in all)", recognitions.count) : ""
        // The reason is what the agent reads: it gets the lines it needs.
        for part in wrap(
            tr(
                "★ Recognised %@ by %@: %@%@", Day(containing: last.at),
                catalog.agents[last.by]?.name ?? last.by.rawValue, last.reason, more),
            width: width)
        {
            lines.append((part, Style(.ok)))
        }
    } else if row.agent != nil {
        lines.append((tr("No recognition yet."), Style(.muted)))
    }
    return lines
}

/// The incidents behind one figure, newest first.
private func drawDrill(_ drill: ScoresView.Drill, state: AppState, _ screen: inout Screen, _ inside: Rect) {
    let what = drill.figure == .serviceLevel ? tr("service level missed") : drill.figure.title
    screen.put(
        tr("%@ · %@ · %@ incident%@", drill.name, what, drill.incidents.count, drill.incidents.count == 1 ? "" : "s"),
        x: inside.x + 1, y: inside.y, limit: inside.width - 2, style: Style(.key))
    var x = inside.x + 1
    // The tabs' short names when the long ones do not fit (80 columns).
    let long = ScoresView.drillFigures.reduce(0) { $0 + DisplayWidth.of($1.tab) + 2 } <= inside.width - 2
    for figure in ScoresView.drillFigures {
        x += screen.put(
            " " + (long ? figure.tab : figure.shortTab) + " ", x: x, y: inside.y + 1,
            limit: max(0, inside.x + inside.width - 1 - x), style: Style(figure == drill.figure ? .selection : .muted))
    }
    let height = inside.height - 3
    if drill.incidents.isEmpty {
        screen.put(tr("None in this period."), x: inside.x + 1, y: inside.y + 3, style: Style(.muted))
    }
    for (line, index) in scrollWindow(count: drill.incidents.count, selected: drill.selected, height: height)
        .enumerated()
    {
        let incident = drill.incidents[index]
        let customer = state.store.customers.summary(of: incident.customer)
        let name = customer.map { $0.blocked ? tr("(blocked)") : $0.name } ?? incident.customer.rawValue
        let resolved =
            incident.resolvedAt.map {
                "\(shortTime($0)) \(incident.resolvedBy?.rawValue ?? "?")\($0 <= incident.dueAt ? "" : " late")"
            }
            ?? incident.status.rawValue
        let extras = [
            tr("%@ contact%@", incident.contacts, incident.contacts == 1 ? "" : "s"),
            incident.rating.map { tr("rated %@%@", $0, incident.ratingBy == incident.resolvedBy ? " (own)" : "") },
            incident.reopens > 0 ? tr("reopened") : nil,
            incident.compensationValue.map { tr("granted %@", $0) },
        ].compactMap { $0 }.joined(separator: " · ")
        let text = "\(incident.id.rawValue)  \(fit(name, 18)) \(shortTime(incident.openedAt)) → \(resolved) · \(extras)"
        screen.row(
            text, x: inside.x + 1, y: inside.y + 2 + line, width: inside.width - 2,
            style: Style(index == drill.selected ? .selection : .normal))
    }
}

extension ScoreFigure {
    /// The drill-down's tab for it.
    var tab: String {
        switch self {
        case .serviceLevel: tr("SLA missed")
        case .firstContact: tr("1st contact")
        case .secondContact: tr("2nd contact")
        case .satisfaction: tr("rated")
        default: title
        }
    }

    /// The tab in fewer columns.
    var shortTab: String {
        switch self {
        case .handled: tr("hand.")
        case .resolved: tr("res.")
        case .firstContact: tr("short|1st")
        case .secondContact: tr("short|2nd")
        case .serviceLevel: tr("SLA")
        case .satisfaction: tr("rated")
        case .reopened: tr("reop.")
        case .compensations: tr("comp.")
        case .resolveTime: tr("time")
        }
    }
}

/// A column of the scores table.
struct ScoreColumn: Sendable {
    let title: String
    let width: Int
    let figure: ScoreFigure?
    let text: @Sendable (AgentScore) -> String
    /// Shown from 100 columns up only.
    let wide: Bool

    static let barWidth = 12

    static let all: [ScoreColumn] = [
        ScoreColumn(title: tr("hand"), width: 5, figure: .handled, text: { String($0.handled) }, wide: true),
        ScoreColumn(title: tr("res"), width: 5, figure: .resolved, text: { String($0.resolved) }, wide: false),
        ScoreColumn(
            title: tr("short|1st"), width: 5, figure: .firstContact, text: { percent($0.firstContactRate) }, wide: false
        ),
        ScoreColumn(
            title: tr("short|2nd"), width: 5, figure: .secondContact, text: { percent($0.secondContactRate) },
            wide: true),
        ScoreColumn(
            title: tr("SLA"), width: 5, figure: .serviceLevel, text: { percent($0.serviceLevelRate) }, wide: false),
        ScoreColumn(
            title: tr("med"), width: 6, figure: .resolveTime, text: { duration($0.medianMinutes) }, wide: false),
        ScoreColumn(title: "p90", width: 6, figure: nil, text: { duration($0.p90Minutes) }, wide: true),
        ScoreColumn(
            title: tr("sat"), width: 8, figure: .satisfaction,
            text: { $0.ratings == 0 ? "–" : "\(average($0.satisfaction))·\($0.ratings)" }, wide: false),
        ScoreColumn(title: tr("reop"), width: 5, figure: .reopened, text: { percent($0.reopenRate) }, wide: false),
        ScoreColumn(
            title: tr("comp"), width: 8, figure: .compensations,
            text: { $0.compensations == 0 ? "–" : euros($0.compensationValue) }, wide: false),
    ]

    static func fitting(width: Int) -> [ScoreColumn] { width >= 98 ? all : all.filter { !$0.wide } }

    /// What a full bar stands for: the largest value (the smallest time).
    static func scale(_ scores: [AgentScore], figure: ScoreFigure) -> Double {
        let values = scores.compactMap { figure.sortValue($0) }
        switch figure {
        case .resolveTime: return values.max().map { -$0 } ?? 1
        case .reopened: return 1
        default: return values.max() ?? 1
        }
    }

    static func bar(_ score: AgentScore, figure: ScoreFigure, scale: Double) -> String {
        guard let value = figure.sortValue(score) else { return "" }
        let share: Double
        switch figure {
        case .resolveTime: share = value == 0 ? 1 : scale / -value
        case .reopened: share = 1 + value
        default: share = scale <= 0 ? 0 : value / scale
        }
        return Bar.text(share: share, width: barWidth)
    }
}

private func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text
}

private func percent(_ share: Double?) -> String { share.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }
private func average(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "–" }
private func signed(_ number: Int) -> String { number > 0 ? "+\(number)" : String(number) }
private func euros(_ cents: Cents) -> String { "\(cents.rawValue / 100)€" }

/// "+5 pts" against the previous period; nothing when either is missing.
private func change(_ now: Double?, _ before: Double?) -> String {
    guard let now, let before else { return "" }
    let points = Int(((now - before) * 100).rounded())
    return tr(" (%@%@ pts)", points >= 0 ? "+" : "", points)
}

/// "45m", "3.2h", "2.1d".
private func duration(_ minutes: Int?) -> String {
    guard let minutes else { return "–" }
    if minutes < 60 { return "\(minutes)m" }
    if minutes < 48 * 60 { return String(format: "%.1fh", Double(minutes) / 60) }
    return String(format: "%.1fd", Double(minutes) / 1440)
}

/// "11-02 10:00".
private func shortTime(_ date: Date) -> String {
    let text = Timestamp.format(date)
    return String(text.dropFirst(5).prefix(11)).replacingOccurrences(of: "T", with: " ")
}
