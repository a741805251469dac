import CareDomain

/// `?`: every binding of the screen underneath, in one column or two,
/// whichever fits; when they do not all fit, j/k scroll. Any other key
/// closes it (Ctrl-C still quits).
struct HelpOverlay: Layer {
    let bindings: [Binding<Action>]
    var top = 0

    init(bindings: [Binding<Action>]) { self.bindings = bindings }

    mutating func handle(_ key: Key, in state: inout AppState) -> LayerOutcome {
        if key == .control("c"), case .main = state.mode.page { state.quitting = true }
        let hidden = max(0, layout(state.size).rows - layout(state.size).shown)
        guard hidden > 0 else { return .leave }
        switch key {
        case .character("j"), .down: top = min(top + 1, hidden)
        case .character("k"), .up: top = max(top - 1, 0)
        default: return .leave
        }
        return .stay
    }

    /// Rows per column, and how many of them the screen shows.
    private func layout(_ size: Size) -> (columns: Int, rows: Int, shown: Int) {
        let rowsAvailable = size.height - 5
        let columns = bindings.count > rowsAvailable ? 2 : 1
        let rows = (bindings.count + columns - 1) / columns
        return (columns, rows, min(rows, max(1, size.height - 5)))
    }

    func draw(_ state: AppState, _ screen: inout Screen) {
        let (columns, rows, shown) = layout(screen.size)
        let columnWidth = 38
        let width = min(screen.size.width - 2, columnWidth * columns + 2)
        let height = shown + 3
        let rect = Rect(
            x: (screen.size.width - width) / 2, y: max(0, (screen.size.height - height) / 2), width: width,
            height: height)
        screen.fill(rect)
        let inside = screen.box(rect, title: tr("Keys"), focused: true)
        for (index, binding) in bindings.enumerated() {
            let row = index % rows - top
            guard (0..<shown).contains(row) else { continue }
            let x = inside.x + 1 + (index / rows) * columnWidth
            let y = inside.y + row
            screen.put(fit(binding.label, 6), x: x, y: y, style: Style(.key))
            screen.put(binding.help, x: x + 7, y: y, limit: columnWidth - 8)
        }
        let more = shown < rows ? tr("j/k scroll · any other key closes") : tr("any key closes")
        screen.put(more, x: inside.x + 1, y: inside.y + inside.height - 1, style: Style(.muted))
    }
}
