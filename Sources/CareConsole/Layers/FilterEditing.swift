/// Typing in the customer list's filter (`/`): the list narrows with each
/// key; Enter, Tab or ↓ go back to the list with the filter kept, Esc
/// clears it. The field itself is the list's (`AppState.filterField`),
/// drawn in the customers pane.
struct FilterEditing: Layer {
    mutating func handle(_ key: Key, in state: inout AppState) -> LayerOutcome {
        switch key {
        case .escape:
            state.filterField.clear()
        case .enter, .tab, .down:
            return .leave
        case .control("c"):
            state.quitting = true
            return .leave
        default:
            let edit = state.filterField.handle(key)
            guard edit == .appended || edit == .changed else { return .stay }
            state.selected = 0
            state.applyFilter(narrowing: edit == .appended)
            return .stay
        }
        state.selected = 0
        state.applyFilter()
        return .leave
    }

    func draw(_ state: AppState, _ screen: inout Screen) {}
}
