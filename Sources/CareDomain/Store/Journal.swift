import CPosix
import Foundation

/// A place in the journal: just after transaction `seq`, which ends at byte
/// `offset` (line `line`) of journal file `file`. nil file: before the start.
public struct JournalCursor: Codable, Sendable, Equatable {
    public var file: String?
    public var line: Int
    public var offset: Int
    public var seq: Int

    public static let start = JournalCursor(file: nil, line: 0, offset: 0, seq: 0)
}

/// Bytes at the end of a journal file with no newline: a write that a crash
/// cut short. Readers pass over them; the next writer copies them to
/// `journal/torn/` and truncates the file, so nothing is silently dropped and
/// the store keeps working.
struct TornTail: Sendable, Equatable {
    let file: String
    let offset: Int
    let bytes: Data
}

/// Where one transaction's line is: its journal file, and the byte range
/// of the line without its newline.
struct JournalPlace: Sendable, Equatable {
    var file: String
    var offset: Int
    var length: Int
}

/// What a read of the journal found after a cursor.
struct JournalRead {
    var entries: [JournalEntry] = []
    /// Where each of `entries` is, in the same order.
    var places: [JournalPlace] = []
    var cursor: JournalCursor
    var torn: [TornTail] = []
    /// A region at a file's end that is no torn line (NUL bytes, text that
    /// is not the start of a transaction): damage, not something to set aside.
    var damage: [StoreError] = []
    /// Bytes of the complete lines read.
    var bytes = 0
}

/// The append-only change journal, split by month.
enum Journal {
    static func fileNames(_ layout: StoreLayout) throws(StoreError) -> [String] {
        guard let names = try layout.files.list(layout.journalDirectory) else { return [] }
        return names.filter(StoreLayout.isJournalName).sorted()
    }

    /// Every complete transaction after `cursor`, in order, checked for gaps.
    /// With `holding`, only the lines whose bytes hold it are decoded (one
    /// customer's audit: their id, quoted), and the others are passed over
    /// unread, so no gap is looked for.
    /// Each line's entry as decoded, in line order (nil: blank, or not
    /// holding `holding`). Decoding is most of a read, and a long tail (an
    /// expiry run writes a megabyte a line) is decoded on every core; the
    /// caller takes the outcomes in order, so the first bad line is still
    /// the one named.
    private static func decode(
        _ lines: [JSONLines.Line], of data: Data, holding: [UInt8]?, decoder: JSONDecoder
    ) -> [Result<JournalEntry, any Error>?] {
        @Sendable func decodeLine(_ line: JSONLines.Line, _ decoder: JSONDecoder) -> Result<JournalEntry, any Error>? {
            if JSONLines.isBlank(data, line.range) { return nil }
            if let holding, !Self.line(data, line.range, holds: holding) { return nil }
            return Result { try decoder.decode(JournalEntry.self, from: JSONLines.slice(data, line.range)) }
        }
        guard data.count >= 1 << 20, lines.count > 1 else { return lines.map { decodeLine($0, decoder) } }
        return Parallel.flatMap(lines.count, minimum: 2) { range in
            let decoder = CareJSON.decoder()
            return lines[range].map { decodeLine($0, decoder) }
        }
    }

    static func read(
        _ layout: StoreLayout, after cursor: JournalCursor, decoder: JSONDecoder, holding: [UInt8]? = nil
    ) throws(StoreError) -> JournalRead {
        let names = try fileNames(layout)
        var result = JournalRead(cursor: cursor)
        var startIndex = 0
        if let current = cursor.file {
            guard let index = names.firstIndex(of: current) else {
                throw .corrupt(
                    file: "journal/" + current, line: nil, field: nil, reason: "this journal file is missing")
            }
            startIndex = index
        }
        for name in names[startIndex...] {
            let path = layout.journalFile(name)
            let continuing = name == result.cursor.file
            let offset = continuing ? result.cursor.offset : 0
            let firstLine = (continuing ? result.cursor.line : 0) + 1
            guard let data = try layout.files.read(path, from: offset) else {
                throw .corrupt(
                    file: "journal/" + name, line: nil, field: nil,
                    reason: "this journal file disappeared while it was read")
            }
            if continuing, data.isEmpty, let size = try layout.files.size(path), size < offset {
                throw .corrupt(
                    file: "journal/" + name, line: nil, field: nil,
                    reason:
                        "the journal is shorter than before (\(size) bytes, \(offset) were read); it was truncated or replaced"
                )
            }
            result.cursor.file = name
            result.cursor.offset = offset
            result.cursor.line = firstLine - 1
            let split = JSONLines(data, firstLineNumber: firstLine)
            result.bytes += split.completeLength
            let decoded = decode(split.lines, of: data, holding: holding, decoder: decoder)
            for (index, line) in split.lines.enumerated() {
                result.cursor.offset = offset + line.range.upperBound + 1
                result.cursor.line = line.number
                // Blank, or not holding what was asked for.
                guard let outcome = decoded[index] else { continue }
                let entry: JournalEntry
                do {
                    entry = try outcome.get()
                } catch let unknown as UnknownChangeKind {
                    throw .newerChange(file: "journal/" + name, line: line.number, kind: unknown.kind)
                } catch {
                    let (field, reason) = CareJSON.explain(error)
                    throw .corrupt(file: "journal/" + name, line: line.number, field: field, reason: reason)
                }
                guard entry.seq == result.cursor.seq + 1 || holding != nil else {
                    throw .corrupt(
                        file: "journal/" + name, line: line.number, field: "seq",
                        reason: "expected transaction \(result.cursor.seq + 1), found \(entry.seq)")
                }
                result.cursor.seq = entry.seq
                result.entries.append(entry)
                result.places.append(
                    JournalPlace(file: name, offset: offset + line.range.lowerBound, length: line.range.count))
            }
            if split.completeLength < data.count {
                let tail = JSONLines.slice(data, split.completeLength..<data.count)
                if let problem = damageInTail(tail) {
                    result.damage.append(
                        .corrupt(
                            file: "journal/" + name, line: result.cursor.line + 1, field: nil,
                            reason:
                                "the last \(tail.count) bytes are \(problem), not a line cut short; a supervisor restores this file from a backup (the lines before it are intact)"
                        ))
                } else {
                    result.torn.append(TornTail(file: name, offset: offset + split.completeLength, bytes: tail))
                }
            }
        }
        return result
    }

    private static func line(_ data: Data, _ range: Range<Int>, holds word: [UInt8]) -> Bool {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
            return ByteSearch.holds(base + range.lowerBound, range.count, word)
        }
    }

    /// Only the start of one transaction's line, cut short, is a torn tail:
    /// what else stands after the last newline is damage. nil when `tail`
    /// may be a torn line.
    static func damageInTail(_ tail: Data) -> String? {
        if tail.contains(0) { return tr("NUL bytes (damaged media or a file zeroed)") }
        let start = tail.first { $0 != 0x20 && $0 != 0x09 }
        if let start, start != UInt8(ascii: "{") { return tr("text that does not begin a transaction") }
        return nil
    }

    /// Whether `cursor` (a snapshot header's position) is a real place in
    /// the journal: the end of the line holding transaction `cursor.seq`.
    /// nil when it is, else what is wrong, in words.
    static func verify(_ cursor: JournalCursor, _ layout: StoreLayout) throws(StoreError) -> String? {
        guard let name = cursor.file else {
            return cursor.seq == 0 && cursor.offset == 0 ? nil : tr("a position with no journal file")
        }
        guard StoreLayout.isJournalName(name) else { return tr("names journal file %@, which is not one", name) }
        guard let size = try layout.files.size(layout.journalFile(name)) else {
            return tr("names journal/%@, which is missing", name)
        }
        guard cursor.offset > 0, cursor.offset <= size else {
            return tr(
                "says transaction %@ ends at byte %@ of journal/%@, which has %@", cursor.seq, cursor.offset, name, size
            )
        }
        // The line that ends there: read back far enough to find its start
        // (a batch of a thousand customers is one long line).
        var window = min(cursor.offset, 64 << 10)
        var body = Data()
        var lineStart = 0
        while true {
            guard
                let data = try layout.files.read(layout.journalFile(name), from: cursor.offset - window, count: window),
                data.count == window
            else {
                return tr("names journal/%@, which changed while it was read", name)
            }
            let before = data
            guard before.last == 0x0A else {
                return tr("says transaction %@ ends mid-line in journal/%@", cursor.seq, name)
            }
            body = before.dropLast()
            if let newline = Self.lastNewline(in: body) {
                lineStart = newline + 1
                break
            }
            if window == cursor.offset {
                lineStart = body.startIndex
                break
            }
            window = min(cursor.offset, window * 4)
        }
        // Only its number is wanted: the line is scanned, not decoded (the
        // seed's last line, what 11,480 overdue incidents owe, is 7 MB).
        let found = body[lineStart...].withUnsafeBytes { raw in
            (try? sequenceScanner.scan(raw))?.first??.integer
        }
        guard let found else { return tr("points at a line of journal/%@ that is not a transaction", name) }
        return found == cursor.seq
            ? nil
            : tr("says it holds every transaction up to %@, but the journal there is at %@", cursor.seq, found)
    }

    private static let sequenceScanner = LineScanner(paths: ["seq"])

    /// The index of the last newline in `bytes`, found a word at a time.
    private static func lastNewline(in bytes: Data) -> Int? {
        bytes.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, let found = care_last_byte(base, 0x0A, raw.count) else { return nil }
            return bytes.startIndex + (found - base)
        }
    }

    /// Copy a torn tail to `journal/torn/` durably, then cut it off.
    static func setAside(_ torn: TornTail, _ layout: StoreLayout) throws(StoreError) {
        try layout.files.makeDirectory(layout.tornDirectory)
        let name = torn.file + ".at-\(torn.offset).torn"
        try layout.files.replace(layout.tornDirectory + "/" + name, with: torn.bytes)
        try layout.files.truncate(layout.journalFile(torn.file), to: torn.offset)
    }

    /// Append `entry` after `cursor` (the end of the journal, under the lock)
    /// and return the cursor after it. A transaction goes to the file of its
    /// month, never to one older than the newest file, so readers that follow
    /// file order see every line.
    static func append(_ entry: JournalEntry, after cursor: JournalCursor, _ layout: StoreLayout, encoder: JSONEncoder)
        throws(StoreError) -> JournalCursor
    {
        var line = try entry.line(encoder: encoder)
        line.append(0x0A)
        var name = StoreLayout.journalName(for: Day(containing: entry.at))
        if let current = cursor.file, current > name { name = current }
        try layout.files.makeDirectory(layout.journalDirectory)
        try layout.files.append(layout.journalFile(name), line)
        if name == cursor.file {
            return JournalCursor(file: name, line: cursor.line + 1, offset: cursor.offset + line.count, seq: entry.seq)
        }
        return JournalCursor(file: name, line: 1, offset: line.count, seq: entry.seq)
    }
}
