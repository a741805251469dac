import CNcurses

/// A theme turned into curses attributes: one colour pair per colour used,
/// on the terminal's own background.
struct Palette {
    private let theme: Theme
    private let colors: Bool

    init(theme: Theme, colors: Bool, colorCount: Int) {
        self.theme = theme
        self.colors = colors && colorCount >= 8
        if self.colors {
            for color in TerminalColor.allCases {
                init_pair(color.number + 1, color.number, -1)
            }
        }
    }

    func attributes(for style: Style) -> Int32 {
        let look = theme.look(style.role)
        var attributes = care_a_normal()
        if colors, let color = look.color { attributes |= care_color_pair(Int32(color.number + 1)) }
        if style.bold || look.bold == true { attributes |= care_a_bold() }
        if style.reverse != (look.reverse == true) { attributes |= care_a_reverse() }
        return attributes
    }
}
