extension Screen {
    /// A bordered box with a title in its top edge; returns the inside.
    @discardableResult
    public mutating func box(_ rect: Rect, title: String, focused: Bool) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let border = Style(focused ? .focusBorder : .border)
        let right = rect.x + rect.width - 1
        let bottom = rect.y + rect.height - 1
        put("┌" + String(repeating: "─", count: rect.width - 2) + "┐", x: rect.x, y: rect.y, style: border)
        put("└" + String(repeating: "─", count: rect.width - 2) + "┘", x: rect.x, y: bottom, style: border)
        for y in (rect.y + 1)..<bottom {
            put("│", x: rect.x, y: y, style: border)
            put("│", x: right, y: y, style: border)
        }
        put(
            " " + title + " ", x: rect.x + 2, y: rect.y, limit: rect.width - 4,
            style: Style(focused ? .focusTitle : .title))
        return rect.inset(1)
    }

    /// `text` padded to exactly `width` columns, or ending with "…" where
    /// it is cut: a row never loses its end silently.
    public mutating func row(_ text: String, x: Int, y: Int, width: Int, style: Style = .normal) {
        fill(Rect(x: x, y: y, width: width, height: 1), style: style)
        put(DisplayWidth.of(text) > width ? fit(text, width) : text, x: x, y: y, limit: width, style: style)
    }
}

/// `text` cut to `width` columns with an ellipsis, or padded with spaces.
func fit(_ text: String, _ width: Int) -> String {
    guard width > 0 else { return "" }
    var result = ""
    var used = 0
    for character in text {
        let columns = DisplayWidth.of(character)
        if used + columns > width {
            while used > width - 1, let last = result.popLast() { used -= DisplayWidth.of(last) }
            return result + "…" + String(repeating: " ", count: max(0, width - used - 1))
        }
        result.append(character)
        used += columns
    }
    return result + String(repeating: " ", count: width - used)
}

/// The visible window of a list of `count` rows with `selected` in view.
func scrollWindow(count: Int, selected: Int, height: Int) -> Range<Int> {
    guard height > 0, count > 0 else { return 0..<0 }
    let start = min(max(0, selected - height / 2), max(0, count - height))
    return start..<min(count, start + height)
}
