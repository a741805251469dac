import CSV
import Foundation

/// A CSV file as a spreadsheet exports it, read with CSV.swift: UTF-8 with
/// or without a byte-order mark, comma or semicolon (whichever the header
/// uses more), quoted fields that may hold line breaks. Each row keeps the
/// line of the file it starts on, for messages people can find.
public struct CSVDocument: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    public var header: [String]
    public var rows: [Row]
    public var delimiter: Character

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case notUTF8
        case empty
        case unreadable

        public var description: String {
            switch self {
            case .notUTF8: tr("the file is not UTF-8 text; save it from the spreadsheet as \"CSV UTF-8\".")
            case .empty: tr("the file is empty; it needs a header row and a row per customer.")
            case .unreadable: tr("the file could not be read as CSV.")
            }
        }
    }

    public init(data: Data) throws(Problem) {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else { throw .notUTF8 }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .empty }
        delimiter = Self.delimiter(of: text)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, delimiter: delimiter == ";" ? ";" : ",")
        } catch {
            throw .unreadable
        }
        var line = 1
        var parsed: [Row] = []
        while let fields = reader.next() {
            parsed.append(Row(line: line, fields: fields))
            // A quoted field's line breaks move the next row down.
            line += 1 + fields.reduce(0) { $0 + $1.reduce(0) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 } }
        }
        guard reader.error == nil else { throw .unreadable }
        guard let first = parsed.first else { throw .empty }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = parsed.dropFirst().filter { row in
            !row.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
    }

    /// The header line's more frequent separator outside quotes.
    static func delimiter(of text: String) -> Character {
        var quoted = false
        var commas = 0
        var semicolons = 0
        for character in text {
            if character == "\"" { quoted.toggle() }
            if quoted { continue }
            if character == "\n" || character == "\r\n" { break }
            if character == "," { commas += 1 }
            if character == ";" { semicolons += 1 }
        }
        return semicolons > commas ? ";" : ","
    }
}
