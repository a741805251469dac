import CareDomain

/// What a dialog's keys do; each dialog binds the ones it has.
enum DialogAction: Hashable, Sendable {
    case cancel, up, down, confirm
    case yes, no, rate
    case increase, decrease
    case toggleActive, toggleRole, add
    case nextField
    /// A footer's note, bound to no key ("type to narrow").
    case note
}

/// A box over the screen with a title, its lines and a footer made from its
/// bindings. Esc (or Ctrl-C) closes it; a binding's requirement is checked
/// before it acts; keys no binding has go to its text field, if it has one.
protocol Dialog: Layer {
    func title(in state: AppState) -> String
    func bindings(in state: AppState) -> [Binding<DialogAction>]
    func body(in state: AppState) -> DialogBody
    /// What a bound key does (`key` tells the digits of "1–5" apart).
    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome
    /// A key no binding has, for the text field.
    mutating func type(_ key: Key)
}

/// A dialog's lines, and which to keep in view when they do not all fit.
struct DialogBody {
    enum Line {
        /// Wrapped between words when it does not fit.
        case text(String, Style)
        /// A table's row: columns keep their place, so it ends with "…"
        /// rather than wraps (the dialog says the rest elsewhere).
        case row(String, Style)
        /// A text field after its prefix ("› "); only the active one has the cursor.
        case field(String, TextField, Style, active: Bool)

        var width: Int {
            switch self {
            case .text(let text, _), .row(let text, _): DisplayWidth.of(text)
            case .field(let prefix, let field, _, let active):
                DisplayWidth.of(prefix) + DisplayWidth.of(field.text) + (active ? 1 : 0)
            }
        }
    }

    var lines: [Line] = []
    var selected = 0

    init(_ lines: [Line] = [], selected: Int = 0) {
        self.lines = lines
        self.selected = selected
    }

    /// One line per choice, the chosen one marked and highlighted: `rows`
    /// for a table's columns, wrapped text otherwise.
    static func choices(_ texts: [String], selected: Int, styles: [Style]? = nil, rows: Bool = false) -> [Line] {
        texts.enumerated().map { index, text in
            let chosen = index == selected
            let marked = (chosen ? "› " : "  ") + text
            let style = chosen ? Style(.selection) : styles?[index] ?? .normal
            return rows ? .row(marked, style) : .text(marked, style)
        }
    }
}

extension Dialog {
    mutating func handle(_ key: Key, in state: inout AppState) -> LayerOutcome {
        if key == .escape || key == .control("c") { return .leave }
        guard let binding = bindings(in: state).binding(for: key) else {
            type(key)
            return .stay
        }
        if let refusal = binding.requires.refusal(in: state) {
            state.message = refusal
            return .stay
        }
        return act(binding.action, key: key, in: &state)
    }

    mutating func type(_ key: Key) {}

    /// The dialog as wide as its widest line (at least 50 columns, at most
    /// the screen less a margin); a longer line wraps between words, and the
    /// footer takes as many lines as its bindings need.
    func draw(_ state: AppState, _ screen: inout Screen) {
        let body = body(in: state)
        let bindings = bindings(in: state)
        let width = min(screen.size.width - 4, max(50, (body.lines.map(\.width).max() ?? 0) + 4))
        let textWidth = width - 4
        // Each line's rows, wrapped; the selected line's first row is kept in view.
        var rows: [DialogBody.Line] = []
        var selectedRow = 0
        for (index, line) in body.lines.enumerated() {
            if index == body.selected { selectedRow = rows.count }
            switch line {
            case .text(let text, let style):
                rows += wrap(text, width: textWidth).map { DialogBody.Line.text($0, style) }
            case .field, .row:
                rows.append(line)
            }
        }
        let footer = footerLines(bindings, width: textWidth)
        let height = min(screen.size.height - 2, rows.count + 3 + footer.count)
        let rect = Rect(
            x: (screen.size.width - width) / 2, y: max(0, (screen.size.height - height) / 2), width: width,
            height: height)
        screen.fill(rect)
        let inside = screen.box(rect, title: fit(title(in: state), width - 6).trimmingTrailingSpaces, focused: true)
        let window = scrollWindow(count: rows.count, selected: selectedRow, height: inside.height - footer.count)
        for (line, index) in window.enumerated() {
            let y = inside.y + line
            switch rows[index] {
            case .text(let text, let style), .row(let text, let style):
                screen.row(text, x: inside.x + 1, y: y, width: inside.width - 2, style: style)
            case .field(let prefix, let field, let style, let active):
                field.draw(
                    prefix: prefix, x: inside.x + 1, y: y, width: inside.width - 2, style: style, active: active,
                    &screen)
            }
        }
        for (offset, line) in footer.enumerated() {
            screen.put(line, x: inside.x + 1, y: inside.y + inside.height - footer.count + offset, style: Style(.muted))
        }
    }
}

/// The footer's lines: the bindings' "key word" pieces joined by " · ",
/// a new line started where the next piece would not fit.
func footerLines<A>(_ bindings: [Binding<A>], width: Int) -> [String] {
    pack(bindings.compactMap(\.footer), separator: " · ", width: width)
}

extension String {
    /// The text without the spaces `fit` pads it with.
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// The bindings every list dialog starts with: j/k (or the arrows) move,
/// Enter does `verb` (nil: Enter is bound by the dialog itself, or not).
enum ChoiceKeys {
    static func bindings(verb: String?, hinted: Bool = true) -> [Binding<DialogAction>] {
        var bindings = [
            Binding<DialogAction>(
                [.character("j"), .down], "j/k", .down, help: tr("choose"), hint: hinted ? tr("choose") : nil),
            Binding<DialogAction>([.character("k"), .up], "k", .up, help: tr("move up")),
        ]
        if let verb { bindings.append(Binding([.enter], "Enter", .confirm, help: verb, hint: verb)) }
        return bindings
    }

    /// A list that takes type-ahead: ↑/↓ move, so that every letter (j and
    /// k too) jumps to the next choice that starts with it. Enter does
    /// `verb` (nil: the dialog binds Enter itself).
    static func typeAheadBindings(verb: String?) -> [Binding<DialogAction>] {
        var bindings = [
            Binding<DialogAction>([.down], "↑/↓", .down, help: tr("choose"), hint: tr("choose")),
            Binding<DialogAction>([.up], "↑", .up, help: tr("move up")),
            Binding<DialogAction>(
                [], tr("a letter"), .note, help: tr("the next that starts with it"), hint: tr("jumps")),
        ]
        if let verb { bindings.append(Binding([.enter], "Enter", .confirm, help: verb, hint: verb)) }
        return bindings
    }

    /// `selected` moved to the next of `texts` that starts with the typed
    /// letter (accents and case aside), after the one selected now.
    static func typeAhead(_ key: Key, _ selected: inout Int, texts: [String]) {
        guard case .character(let letter) = key, !texts.isEmpty else { return }
        let wanted = Folding.fold(String(letter))
        let order = texts.indices.map { (selected + 1 + $0) % texts.count }
        if let next = order.first(where: { Folding.fold(texts[$0]).hasPrefix(wanted) }) { selected = next }
    }

    static func cancel(_ word: String = tr("cancels")) -> Binding<DialogAction> {
        Binding([.escape, .control("c")], "Esc", .cancel, help: word, hint: word)
    }

    /// The choice Enter picked, or nil after `selected` moved by j/k (or
    /// Enter on an empty list).
    static func chosen(_ action: DialogAction, _ selected: inout Int, count: Int) -> Int? {
        guard action == .confirm else {
            move(&selected, action, count: count)
            return nil
        }
        return selected < count ? selected : nil
    }

    /// `selected` moved by j/k over `count` choices.
    static func move(_ selected: inout Int, _ action: DialogAction, count: Int) {
        switch action {
        case .down: selected = min(selected + 1, max(0, count - 1))
        case .up: selected = max(selected - 1, 0)
        default: break
        }
    }
}
