/// Text that leaves the store for a spreadsheet or a terminal, and text
/// that comes into it from a file, made safe at the border.
public enum SafeText {
    /// The longest cell an import takes (a name, an email, a list of tastes).
    public static let importedCellLimit = 1000

    /// Spreadsheets run a cell that starts with one of these as a formula
    /// (OWASP "CSV injection").
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// A text cell for a CSV file: one a spreadsheet would run as a formula
    /// gets a leading `'`, which spreadsheets show as text and `care import`
    /// takes off again. Numbers are left as they are.
    public static func spreadsheetCell(_ text: String) -> String {
        guard let first = text.first, formulaStarts.contains(first), Double(text) == nil else { return text }
        return "'" + text
    }

    /// The cell as it was before `spreadsheetCell`.
    public static func importedCell(_ text: String) -> String {
        guard text.hasPrefix("'"), let second = text.dropFirst().first, formulaStarts.contains(second) else {
            return text
        }
        return String(text.dropFirst())
    }

    /// Why an imported cell is refused, or nil: control characters (line
    /// breaks and tabs aside) and cells over the limit.
    public static func importProblem(_ text: String) -> String? {
        if text.count > importedCellLimit {
            return tr("a cell of %@ characters (at most %@)", text.count, importedCellLimit)
        }
        if let bad = text.unicodeScalars.first(where: isControl) {
            return tr("a control character (U+%@)", String(bad.value, radix: 16, uppercase: true).leftPadded(4))
        }
        return nil
    }

    /// `text` for a terminal: control characters (an escape sequence that
    /// would retitle the window or move the cursor) shown as `^[`-style
    /// marks or `<U+009B>`, so only what the text says reaches the screen.
    public static func forTerminal(_ text: String, keepingLineBreaks: Bool = true) -> String {
        // A carriage return would let a name write over the line before it.
        func hidden(_ scalar: Unicode.Scalar) -> Bool {
            isControl(scalar) || scalar == "\r" || (!keepingLineBreaks && scalar == "\n")
        }
        guard text.unicodeScalars.contains(where: hidden) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !hidden(scalar) {
                out.append(scalar)
            } else if scalar.value < 0x20 {
                out.append(contentsOf: "^".unicodeScalars)
                out.append(Unicode.Scalar(UInt8(scalar.value + 0x40)))
            } else {
                out.append(
                    contentsOf: "<U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(4))>".unicodeScalars)
            }
        }
        return String(out)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00..<0x20, 0x7F..<0xA0: true
        default: false
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
