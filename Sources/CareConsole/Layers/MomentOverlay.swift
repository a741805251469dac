import CareDomain

/// One moment of the timeline in full (Enter on it). Any key closes it
/// (Ctrl-C still quits).
struct MomentOverlay: Layer, Equatable {
    let moment: Moment

    mutating func handle(_ key: Key, in state: inout AppState) -> LayerOutcome {
        if key == .control("c") { state.quitting = true }
        return .leave
    }

    func draw(_ state: AppState, _ screen: inout Screen) {
        let touchpoint = state.store.touchpoints[moment.touchpoint]
        var lines = [
            "When      \(Timestamp.format(moment.at))",
            "Touchpoint \(touchpoint?.name ?? moment.touchpoint.rawValue) (impact \(touchpoint?.impact ?? 0)/5)",
            "Channel   \(moment.channel.rawValue)",
            "Agent     \(moment.agent?.rawValue ?? "—")",
            "Outcome   \(moment.outcome)",
            "Cost      \(moment.cost)",
            "Level     \(moment.serviceLevelMet.map { $0 ? "met" : "missed" } ?? "—") (\(touchpoint?.serviceLevel.promise ?? ""))",
            "Rating    \(moment.satisfaction.map { "\($0)/5" } ?? "—")",
        ]
        if let amount = moment.amount { lines.append("Amount    \(amount) \(moment.productFamily ?? "")") }
        if let incident = moment.incident { lines.append("Incident  \(incident)") }
        let width = min(screen.size.width - 4, 70)
        let rect = Rect(
            x: (screen.size.width - width) / 2, y: max(0, (screen.size.height - lines.count - 3) / 2), width: width,
            height: lines.count + 3)
        screen.fill(rect)
        let inside = screen.box(rect, title: "Moment", focused: true)
        for (offset, line) in lines.enumerated() {
            screen.put(line, x: inside.x + 1, y: inside.y + offset, limit: inside.width - 2)
        }
        screen.put("any key closes", x: inside.x + 1, y: inside.y + inside.height - 1, style: Style(.muted))
    }
}
