import CareDomain

/// Who changed what and when, newest first, as the `h` and `H` overlays
/// show it: j/k and the page keys scroll, any other key closes.
public struct AuditView: Layer, Equatable {
    public var title: String
    public var lines: [PersonalDataExport.AuditLine]
    public var top = 0

    mutating func handle(_ key: Key, in state: inout AppState) -> LayerOutcome {
        let last = max(0, lines.count - 1)
        switch KeyMap.action(for: key) {
        case .down?: top = min(top + 1, last)
        case .up?: top = max(top - 1, 0)
        case .pageDown?: top = min(top + state.pageSize, last)
        case .pageUp?: top = max(top - state.pageSize, 0)
        default: return .leave
        }
        return .stay
    }

    func draw(_ state: AppState, _ screen: inout Screen) {
        let rect = Rect(x: 1, y: 1, width: screen.size.width - 2, height: screen.size.height - 3)
        screen.fill(rect)
        let inside = screen.box(rect, title: title + " (\(lines.count))", focused: true)
        if lines.isEmpty { screen.put(tr("No changes recorded."), x: inside.x + 1, y: inside.y, style: Style(.muted)) }
        // Each change from `top` on, wrapped to the box, as many as fit.
        var y = inside.y
        for line in lines.dropFirst(top) {
            let who = line.by + (line.actingAs.map { " as \($0)" } ?? "")
            let when = Timestamp.format(line.at).prefix(16).replacingOccurrences(of: "T", with: " ")
            let text = "\(when) \(fit(who, 14)) \(line.summary)  [\(line.changed.joined(separator: ", "))]"
            for row in wrap(text, width: inside.width - 2) {
                guard y < inside.y + inside.height - 1 else { break }
                screen.put(row, x: inside.x + 1, y: y, limit: inside.width - 2)
                y += 1
            }
            // A correction's fields, one per line under it.
            for field in line.fields ?? [] {
                for row in wrap(field, width: inside.width - 6) {
                    guard y < inside.y + inside.height - 1 else { break }
                    screen.put(row, x: inside.x + 5, y: y, limit: inside.width - 6, style: Style(.muted))
                    y += 1
                }
            }
            if y >= inside.y + inside.height - 1 { break }
        }
        screen.put(
            tr("j/k scroll · any other key closes"), x: inside.x + 1, y: inside.y + inside.height - 1,
            style: Style(.muted))
    }
}
