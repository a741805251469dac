import CareDomain

/// The command palette (`:`): every action by name, narrowed as you type;
/// Enter runs it as its key would, refusals included.
struct PaletteDialog: Dialog {
    var query = TextField()
    var selected = 0

    /// The palette's entries for `query`: bindings whose help or key holds
    /// every word (accents and case ignored), the palette itself left out.
    static func entries(_ query: String) -> [Binding<Action>] {
        let words = Folding.fold(query).split(separator: " ").map(String.init)
        return KeyMap.bindings.filter { binding in
            guard binding.action != .palette else { return false }
            let text = Folding.fold(binding.help + " " + binding.label)
            return words.allSatisfy { text.contains($0) }
        }
    }

    func title(in state: AppState) -> String { tr("Actions") }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        [
            Binding([], tr("type"), .note, help: tr("narrow the list"), hint: tr("to narrow")),
            Binding([.down, .control("n")], "↑↓", .down, help: tr("choose"), hint: tr("choose")),
            Binding([.up, .control("p")], "↑", .up, help: tr("move up")),
            Binding([.enter], "Enter", .confirm, help: tr("run it"), hint: tr("runs")),
            ChoiceKeys.cancel(),
        ]
    }

    func body(in state: AppState) -> DialogBody {
        let entries = Self.entries(query.text)
        var lines: [DialogBody.Line] = [.field("› ", query, Style(.key), active: true)]
        if entries.isEmpty { lines.append(.text(tr("No action matches."), Style(.muted))) }
        lines += DialogBody.choices(entries.map { fit($0.help, 34) + " " + $0.label }, selected: selected)
        return DialogBody(lines, selected: selected + 1)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        let entries = Self.entries(query.text)
        switch action {
        case .confirm:
            guard selected < entries.count else { return .stay }
            return .leave(MainScreen.perform(entries[selected], in: &state))
        default:
            ChoiceKeys.move(&selected, action, count: entries.count)
            return .stay
        }
    }

    mutating func type(_ key: Key) {
        switch query.handle(key) {
        case .appended, .changed: selected = 0
        case .moved, .ignored: break
        }
    }
}
