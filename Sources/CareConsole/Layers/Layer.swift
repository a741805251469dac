/// Something over the screen that takes the keys while it is open: an
/// overlay (help, a moment, the audit trail), a dialog, or the filter being
/// typed. It owns its keys, what they do and how it looks.
protocol Layer: Sendable {
    /// A key. While it runs the state holds no layer; the outcome says
    /// whether this one stays.
    mutating func handle(_ key: Key, in state: inout AppState) -> LayerOutcome
    func draw(_ state: AppState, _ screen: inout Screen)
}

/// What follows a key in a layer, and the work it asks for.
enum LayerOutcome: Sendable {
    /// The layer stays open (as it now is).
    case stay([Command])
    /// The layer is done: the state shows no layer, or the one `handle` put
    /// in its place (the next step of a dialog).
    case leave([Command])

    static let stay = LayerOutcome.stay([])
    static let leave = LayerOutcome.leave([])
}

extension AppState {
    /// Gives `key` to the open layer.
    mutating func handleLayerKey(_ key: Key) -> [Command] {
        guard var layer = mode.layer else { return [] }
        mode.layer = nil
        switch layer.handle(key, in: &self) {
        case .stay(let commands):
            mode.layer = layer
            return commands
        case .leave(let commands):
            for case .act(let action) in commands { keepDialog(layer, for: action) }
            return commands
        }
    }
}
