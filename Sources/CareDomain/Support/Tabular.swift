import Foundation

/// Rows under a header, as the commands print them: an aligned table for
/// people, CSV for spreadsheets, JSON for programs. One value, three
/// renderings, so every format holds the same figures.
public struct Tabular: Sendable, Equatable {
    public enum Format: String, CaseIterable, Sendable {
        case table, csv, json
    }

    /// A number stays a number in JSON; everything else is text.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Int)
        /// A fraction shown with `places` decimals ("83.3"), a number in JSON.
        case decimal(Double, places: Int)
        case empty

        public var plain: String {
            switch self {
            case .text(let text): text
            case .number(let number): String(number)
            case .decimal(let value, let places): String(format: "%.\(places)f", value)
            case .empty: ""
            }
        }

        /// As a table on a terminal shows it: a decimal with the language's
        /// decimal mark ("83,3" in Spanish); machine formats use `plain`.
        var shown: String {
            guard case .decimal = self, Language.current == .es else { return plain }
            return plain.replacingOccurrences(of: ".", with: ",")
        }

        public var isNumeric: Bool {
            switch self {
            case .number, .decimal, .empty: true
            case .text: false
            }
        }
    }

    public var header: [String]
    public var rows: [[Cell]]

    public init(header: [String], rows: [[Cell]] = []) {
        self.header = header
        self.rows = rows
    }

    /// `width`: the terminal's columns, for a table: only the columns that
    /// fit whole are shown (from the left), and a last line says how many
    /// more CSV and JSON hold. nil: every column (a pipe, a file).
    public func rendered(as format: Format, width: Int? = nil) -> String {
        switch format {
        case .table: table(width: width)
        case .csv: csv()
        case .json: json()
        }
    }

    /// For reading on a terminal: readable headers in the language in
    /// force; control characters in a cell are shown as marks, never sent
    /// to the screen.
    private func table(width available: Int?) -> String {
        let titles = header.map(Self.title(of:))
        var rows = self.rows.map { $0.map { SafeText.forTerminal($0.shown, keepingLineBreaks: false) } }
        var widths = titles.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String], numeric: [Bool]) -> String {
            cells.enumerated().map { index, text in
                let pad = String(repeating: " ", count: max(0, widths[index] - text.count))
                return numeric[index] ? pad + text : text + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var numericColumns = header.indices.map { index in
            !self.rows.isEmpty && self.rows.allSatisfy { index < $0.count && $0[index].isNumeric }
        }
        var shown = titles
        var hidden = 0
        if let available {
            // The first column always; then each that still fits whole.
            var used = 0
            var kept = 0
            for width in widths {
                let next = used + (kept == 0 ? 0 : 2) + width
                if kept > 0, next > available { break }
                used = next
                kept += 1
            }
            hidden = widths.count - kept
            shown = Array(titles.prefix(kept))
            widths = Array(widths.prefix(kept))
            numericColumns = Array(numericColumns.prefix(kept))
            rows = rows.map { Array($0.prefix(kept)) }
        }
        var lines = [line(shown, numeric: numericColumns)]
        lines += rows.map { line($0, numeric: numericColumns) }
        if hidden > 0 {
            lines.append(tr("… %@ more columns: --format csv or json shows every one.", hidden))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180: fields with a comma, quote or line break are quoted; a
    /// text cell a spreadsheet would run as a formula starts with `'`.
    private func csv() -> String {
        func cell(_ cell: Cell) -> String {
            if case .text(let text) = cell { return field(SafeText.spreadsheetCell(text)) }
            return field(cell.plain)
        }
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        let lines = [header.map(field).joined(separator: ",")] + rows.map { $0.map(cell).joined(separator: ",") }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// An array of objects keyed by the header, in the header's order.
    private func json() -> String {
        let encoder = CareJSON.encoder()
        func string(_ text: String) -> String {
            let data = (try? encoder.encode(text)) ?? Data("\"\"".utf8)
            return String(decoding: data, as: UTF8.self)
        }
        let objects = rows.map { row in
            "  {"
                + header.enumerated().map { index, name in
                    let cell = index < row.count ? row[index] : .empty
                    let value: String =
                        switch cell {
                        case .text(let text): string(text)
                        case .number, .decimal: cell.plain
                        case .empty: "null"
                        }
                    return string(name) + ": " + value
                }.joined(separator: ", ") + "}"
        }
        return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }
}
