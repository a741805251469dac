extension AppState {
    /// The last steps sent from dialogs, each with its dialog as it was when
    /// it sent it: a refused step opens it again with what was typed.
    static let keptDialogLimit = 4

    mutating func keepDialog(_ layer: any Layer, for action: CounterAction) {
        keptDialogs.append((action, layer))
        if keptDialogs.count > Self.keptDialogLimit { keptDialogs.removeFirst() }
    }

    /// The dialog `action` was sent from, if it is still kept.
    mutating func takeKeptDialog(for action: CounterAction) -> (any Layer)? {
        guard let index = keptDialogs.lastIndex(where: { $0.action == action }) else { return nil }
        return keptDialogs.remove(at: index).layer
    }
}
