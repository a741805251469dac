/// The one line editor of the console: every place text is typed (the
/// filter, a note, a subject, the palette, a new agent, a recognition) is a
/// `TextField`. Left/right, Home/End (and Ctrl-A/Ctrl-E), Backspace and
/// Delete, Ctrl-W (the word before), Ctrl-U (everything before); pasted text
/// arrives as keys and goes in like typed text. It scrolls when longer than
/// its box and counts columns, so accents and wide characters stay whole.
struct TextField: Equatable, Sendable {
    private(set) var text: String
    /// Where the next character goes, in characters from the start.
    private(set) var cursor: Int

    init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    var isEmpty: Bool { text.isEmpty }

    /// What a key did to the field.
    enum Edit: Equatable, Sendable {
        /// The text grew at its end (the filter narrows what it had).
        case appended
        case changed
        /// Only the cursor moved.
        case moved
        /// Not a key for the field.
        case ignored
    }

    @discardableResult
    mutating func handle(_ key: Key) -> Edit {
        var characters = Array(text)
        switch key {
        case .character(let character):
            let atEnd = cursor == characters.count
            characters.insert(character, at: cursor)
            cursor += 1
            text = String(characters)
            return atEnd ? .appended : .changed
        case .backspace:
            guard cursor > 0 else { return .moved }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            guard cursor < characters.count else { return .moved }
            characters.remove(at: cursor)
        case .control("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .control("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .left:
            cursor = max(0, cursor - 1)
            return .moved
        case .right:
            cursor = min(characters.count, cursor + 1)
            return .moved
        case .home, .control("a"):
            cursor = 0
            return .moved
        case .end, .control("e"):
            cursor = characters.count
            return .moved
        default:
            return .ignored
        }
        text = String(characters)
        return .changed
    }

    /// Empties the field.
    mutating func clear() { self = TextField() }

    /// Draws `prefix` and the text in `width` columns from (`x`, `y`) and,
    /// when `active`, puts the terminal's cursor where typing goes: at the
    /// end of the text it shows as "▏". A text longer than the box scrolls
    /// (an "…" stands for what is cut on the left) so the cursor stays in view.
    func draw(
        prefix: String, x: Int, y: Int, width: Int, style: Style, active: Bool = true, _ screen: inout Screen
    ) {
        screen.fill(Rect(x: x, y: y, width: width, height: 1), style: style)
        let characters = Array(text)
        let room = max(1, width - DisplayWidth.of(prefix) - 1)
        // Columns from the first character shown to the cursor, the "…" counted.
        func columns(from start: Int) -> Int {
            (start > 0 ? 1 : 0) + characters[start..<cursor].reduce(0) { $0 + DisplayWidth.of($1) }
        }
        var start = 0
        while active, start < cursor, columns(from: start) > room { start += 1 }
        let shown = (start > 0 ? "…" : "") + String(characters[start...])
        let marker = active && cursor == characters.count ? "▏" : ""
        screen.put(prefix + shown + marker, x: x, y: y, limit: width, style: style)
        if active {
            screen.cursor = Point(x: min(x + width - 1, x + DisplayWidth.of(prefix) + columns(from: start)), y: y)
        }
    }
}
