import Foundation

/// `text` in lines of at most `width` columns, broken between words, the
/// lines after the first indented by two; a word longer than a line ends
/// with "…" (the whole text is reachable where it is shown in full).
func wrap(_ text: String, width: Int) -> [String] {
    // A line that fits is kept as it is, its spacing included.
    guard DisplayWidth.of(text) > width else { return text.isEmpty ? [] : [text] }
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
        if !line.isEmpty, DisplayWidth.of(line) + 1 + DisplayWidth.of(String(word)) > width {
            lines.append(line)
            line = "  "
        }
        line += (line.isEmpty || line == "  " ? "" : " ") + word
    }
    if !line.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(line) }
    return lines.map { DisplayWidth.of($0) > width ? fit($0, width).trimmingTrailingSpaces : $0 }
}

/// `pieces` joined by `separator` in lines of at most `width` columns, a new
/// line started (indented by two) where the next piece would not fit; a
/// piece is never broken unless it is longer than a line.
func pack(_ pieces: [String], separator: String, width: Int, indent: String = "") -> [String] {
    var lines: [String] = []
    var line = ""
    for piece in pieces {
        let joined = line.isEmpty ? piece : line + separator + piece
        if DisplayWidth.of(joined) <= width || line.isEmpty {
            line = joined
        } else {
            lines.append(line)
            line = indent + piece
        }
    }
    if !line.isEmpty { lines.append(line) }
    return lines.flatMap { wrap($0, width: width) }
}
