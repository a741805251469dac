/// `?`: every binding of the screen underneath, in one column or two,
/// whichever fits. Any key closes it (Ctrl-C still quits).
struct HelpOverlay: Layer {
    let bindings: [Binding<Action>]

    mutating func handle(_ key: Key, in state: inout AppState) -> LayerOutcome {
        if key == .control("c"), case .main = state.mode.page { state.quitting = true }
        return .leave
    }

    func draw(_ state: AppState, _ screen: inout Screen) {
        let rowsAvailable = screen.size.height - 5
        let columns = bindings.count > rowsAvailable ? 2 : 1
        let rows = (bindings.count + columns - 1) / columns
        let columnWidth = 38
        let width = min(screen.size.width - 2, columnWidth * columns + 2)
        let height = rows + 3
        let rect = Rect(
            x: (screen.size.width - width) / 2, y: max(0, (screen.size.height - height) / 2), width: width,
            height: height)
        screen.fill(rect)
        let inside = screen.box(rect, title: "Keys", focused: true)
        for (index, binding) in bindings.enumerated() {
            let x = inside.x + 1 + (index / rows) * columnWidth
            let y = inside.y + index % rows
            screen.put(fit(binding.label, 6), x: x, y: y, style: Style(.key))
            screen.put(binding.help, x: x + 7, y: y, limit: columnWidth - 8)
        }
        screen.put("any key closes", x: inside.x + 1, y: inside.y + inside.height - 1, style: Style(.muted))
    }
}
