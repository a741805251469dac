/// `--ascii`: the screen for a terminal that is not UTF-8. Every cell
/// becomes one ASCII character in the same column (a wide character's two
/// columns become "??"), so the layout stays as drawn: borders as - | +,
/// marks as their nearest letter, accented letters without their accent.
enum ASCIIDrawing {
    static func screen(_ screen: Screen) -> Screen {
        screen.mapped { cell in Cell(text: character(cell.text), style: cell.style) }
    }

    static func character(_ text: String) -> String {
        guard let scalar = text.unicodeScalars.first else { return "?" }  // a wide character's right half
        if scalar.isASCII { return text }
        if let mark = marks[scalar] { return String(mark) }
        if (0x2500...0x257F).contains(scalar.value) { return "+" }
        // An accented letter: its base letter (á → a, Ñ → N).
        if let base = text.decomposedStringWithCanonicalMapping.unicodeScalars.first, base.isASCII {
            return String(base)
        }
        return "?"
    }

    private static let marks: [Unicode.Scalar: Character] = [
        "─": "-", "━": "-", "│": "|", "┃": "|", "…": ".", "›": ">", "▏": "|", "★": "*", "✓": "v", "✗": "x",
        "·": ".", "→": ">", "←": "<", "↑": "^", "↓": "v", "▼": "v", "▲": "^", "█": "#", "▌": "#", "€": "E",
        "–": "-", "—": "-", "×": "x", "¿": "?", "¡": "!", "º": "o", "ª": "a", "«": "<", "»": ">", "ß": "s",
        "░": "-", "▁": "_", "▂": ".", "▃": ",", "▄": "-", "▅": "=", "▆": "+", "▇": "*",
    ]
}
