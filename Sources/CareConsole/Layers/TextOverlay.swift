import CareDomain

/// A record shown whole over the screen (a moment, a points movement):
/// its lines wrapped to the box, j/k and the page keys scroll when they do
/// not fit, any other key closes it (Ctrl-C still quits).
struct TextOverlay: Layer, Equatable {
    let title: String
    let lines: [String]
    var top = 0

    mutating func handle(_ key: Key, in state: inout AppState) -> LayerOutcome {
        switch KeyMap.action(for: key) {
        case .down?: top += 1
        case .up?: top = max(0, top - 1)
        case .pageDown?: top += state.pageSize
        case .pageUp?: top = max(0, top - state.pageSize)
        default:
            if key == .control("c") { state.quitting = true }
            return .leave
        }
        return .stay
    }

    func draw(_ state: AppState, _ screen: inout Screen) {
        let width = min(screen.size.width - 4, 70)
        let rows = lines.flatMap { wrap($0, width: width - 4) }
        let height = min(screen.size.height - 2, rows.count + 3)
        let rect = Rect(
            x: (screen.size.width - width) / 2, y: max(0, (screen.size.height - height) / 2), width: width,
            height: height)
        screen.fill(rect)
        let inside = screen.box(rect, title: title, focused: true)
        let shown = inside.height - 1
        let first = min(top, max(0, rows.count - shown))
        for (offset, line) in rows.dropFirst(first).prefix(shown).enumerated() {
            screen.put(line, x: inside.x + 1, y: inside.y + offset, limit: inside.width - 2)
        }
        let more = rows.count > shown ? tr("j/k scroll · ") : ""
        screen.put(more + tr("any key closes"), x: inside.x + 1, y: inside.y + inside.height - 1, style: Style(.muted))
    }
}

extension TextOverlay {
    /// Enter on a moment of the timeline.
    static func moment(_ moment: Moment, in state: AppState) -> TextOverlay {
        let touchpoint = state.catalog.touchpoints[moment.touchpoint]
        let level = moment.serviceLevelMet.map { $0 ? tr("met") : tr("missed") } ?? "—"
        var lines = [
            tr("When       %@", Timestamp.format(moment.at)),
            tr("Touchpoint %@ (impact %@/5)", touchpoint?.name ?? moment.touchpoint.rawValue, touchpoint?.impact ?? 0),
            tr("Channel    %@", moment.channel.shown),
            tr("Agent      %@", moment.agent?.rawValue ?? "—"),
            tr("Outcome    %@", moment.outcome),
            tr("Cost       %@", moment.cost),
            tr("Level      %@ (%@)", level, touchpoint?.serviceLevel.promise ?? ""),
        ]
        // Its survey: on the moment itself (a survey), or the one taken after it.
        let survey = moment.survey ?? state.timeline.first { $0.surveyOf == moment.id }?.survey
        if let survey {
            lines.append(tr("Survey     %@, by %@ on %@", survey.line, survey.recordedBy, Day(containing: survey.at)))
            if let comment = survey.comment { lines.append(tr("Comment    %@", comment)) }
        } else {
            lines.append(tr("Rating     %@", moment.satisfaction.map { "\($0)/5" } ?? "— (s asks how it went)"))
        }
        if let asked = moment.surveyOf { lines.append(tr("Asks about %@", asked)) }
        if let returned = moment.returnOf { lines.append(tr("Returns    %@", returned)) }
        if let amount = moment.amount { lines.append(tr("Amount     %@ %@", amount, moment.productFamily ?? "")) }
        if let incident = moment.incident { lines.append(tr("Incident   %@", incident)) }
        return TextOverlay(title: tr("Moment"), lines: lines)
    }

    /// Enter on a movement of the points history.
    static func ledgerEntry(_ entry: LedgerEntry) -> TextOverlay {
        TextOverlay(
            title: tr("Points movement"),
            lines: [
                tr("When       %@", Timestamp.format(entry.at)),
                tr("Kind       %@", entry.kind.rawValue),
                tr("Points     %@%@, balance after %@", entry.points > 0 ? "+" : "", entry.points, entry.balanceAfter),
                tr("Reason     %@", entry.reason),
            ])
    }
}
