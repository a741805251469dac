/// A command's sentence for a terminal `width` columns wide, broken between
/// words so that the terminal does not cut one in two ("1347692 ledger
/// entrie" / "s"). Columns are counted as `Tabular` counts them, a
/// character each; a word longer than a line keeps a line of its own,
/// whole (nothing is dropped). Lines that fit are left as they are.
public enum Prose {
    public static func wrapped(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { lines(of: String($0), width: max(1, width)) }
            .joined(separator: "\n")
    }

    private static func lines(of text: String, width: Int) -> String {
        guard text.count > width else { return text }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
