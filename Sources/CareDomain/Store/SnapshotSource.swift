import Foundation
import Synchronization

/// A snapshot file as read when the store opened: its bytes, where each
/// record's line is, and what was picked from each line. Immutable and
/// shared by every copy of the state; records are decoded from it on demand.
///
/// A line that does not scan, or repeats an id, is left out and kept as
/// damage; so is a record that later fails to decode. Damage stops every
/// write and export (`StoreState.damage`) while reads go on without it.
final class SnapshotSource<R: Record>: Sendable {
    let file: String
    let data: Data
    let lines: [JSONLines.Line]
    let ids: [R.ID]
    let versions: [Int]
    let summaries: [R.Summary]
    /// Whether `ids` are in order (as care writes them): then a record is
    /// found by binary search, otherwise through `positions`.
    let idsSorted: Bool
    private let positions: [R.ID: Int]
    /// Found while scanning, and since, while decoding (by line number).
    private let problems: Mutex<[Int: StoreError]>
    /// Every line was decoded once (before a compaction rewrites the file).
    private let verified = Mutex(false)
    /// The checksum of the bytes a compaction wrote, from the index; nil
    /// for a snapshot that was scanned.
    private let written: UInt64?
    /// `data`'s pages, when it is a file mapped: let go of once verified.
    private let pages: MappedPages?
    /// False for a table read for a report, its summaries without the
    /// records' text (`StoreState.takeSummaries`): no record decodes from it.
    let holdsText: Bool
    /// What the tables made from it are named by (`Table.revision`).
    let token = RevisionToken()

    /// Scans `lines` of `data` in parallel.
    init(file: String, data: Data, lines: [JSONLines.Line], pages: MappedPages? = nil) {
        self.file = file
        self.data = data
        self.pages = pages
        written = nil
        // The summary's keys first, so its fields need no copy per line.
        let scanner = LineScanner(paths: R.summaryKeys + ["id", "version"])
        let parts = Parallel.chunks(lines.count, minimum: 4000) { range in
            Self.scan(lines[range], data: data, scanner: scanner, file: file)
        }
        var all = Scanned(capacity: lines.count)
        for part in parts { all.append(contentsOf: part) }
        // A second record with the same id: which one is true cannot be told.
        var firstLine: [R.ID: Int] = [:]
        firstLine.reserveCapacity(all.ids.count)
        var keep = [Bool](repeating: true, count: all.ids.count)
        for (index, id) in all.ids.enumerated() {
            if let first = firstLine[id] {
                keep[index] = false
                all.problems[all.lines[index].number] = .corrupt(
                    file: file, line: all.lines[index].number, field: "id",
                    reason: "a second record with id \(id) (the first is on line \(first))")
            } else {
                firstLine[id] = all.lines[index].number
            }
        }
        if keep.contains(false) {
            all.lines = all.lines.indices.filter { keep[$0] }.map { all.lines[$0] }
            all.ids = all.ids.indices.filter { keep[$0] }.map { all.ids[$0] }
            all.versions = all.versions.indices.filter { keep[$0] }.map { all.versions[$0] }
            all.summaries = all.summaries.indices.filter { keep[$0] }.map { all.summaries[$0] }
        }
        self.lines = all.lines
        ids = all.ids
        versions = all.versions
        summaries = all.summaries
        problems = Mutex(all.problems)
        (idsSorted, positions) = Self.order(all.ids)
        holdsText = true
    }

    /// Whether `ids` ascend, and where each is when they do not.
    /// Index loops, not `zip` or `enumerated`: this code is not
    /// specialised for each kind of record, and a generic sequence's
    /// iterator looks its type up at every step (90 ms of an open of
    /// 100,000 customers, in a profile).
    private static func order(_ ids: [R.ID]) -> (Bool, [R.ID: Int]) {
        if ids.indices.dropFirst().allSatisfy({ ids[$0 - 1] < ids[$0] }) { return (true, [:]) }
        var positions: [R.ID: Int] = [:]
        positions.reserveCapacity(ids.count)
        for index in ids.indices where positions[ids[index]] == nil { positions[ids[index]] = index }
        return (false, positions)
    }

    /// The line index of `id`, nil when the snapshot has no such record.
    func line(of id: R.ID) -> Int? {
        guard idsSorted else { return positions[id] }
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id ? low : nil
    }

    /// What the snapshot's index says of `data` (whose identity it names):
    /// nothing is scanned, and lines are decoded when asked for.
    init(
        file: String, data: Data, indexed: SnapshotIndex.Contents<R>, pages: MappedPages? = nil, holdsText: Bool = true
    ) {
        self.holdsText = holdsText
        self.file = file
        self.data = data
        self.pages = pages
        written = indexed.written
        lines = indexed.lines
        ids = indexed.ids
        versions = indexed.versions
        summaries = indexed.summaries
        problems = Mutex([:])
        (idsSorted, positions) = Self.order(indexed.ids)
    }

    /// The summary an open reads from `line` (a record's JSON); nil when
    /// it does not scan.
    static func scannedSummary(of line: Data, scanner: LineScanner) -> R.Summary? {
        line.withUnsafeBytes { raw -> R.Summary? in
            guard let fields = try? scanner.scan(raw), fields.count >= 2, let id = fields[fields.count - 2]?.text
            else { return nil }
            return try? R.summary(id: R.ID(rawValue: id), fields: fields)
        }
    }

    /// What the index of this snapshot would say (see `SnapshotIndex`).
    func indexContents(headerLength: Int) -> SnapshotIndex.Contents<R> {
        SnapshotIndex.Contents(
            headerLength: headerLength, lines: lines, ids: ids, versions: versions, summaries: summaries)
    }

    /// Decodes every line once, on all cores, so that a record that scans
    /// but does not decode is found before the file is rewritten; a file
    /// whose bytes are still those a compaction wrote (their checksum is
    /// the index's) holds only lines that were encoded from records or
    /// checked before, and is not decoded again.
    /// Held for the whole decode: a second caller (a compaction while the
    /// console verifies in the background) waits for it instead of
    /// decoding everything again.
    func verify() {
        verified.withLock { done in
            guard !done, holdsText else { return }
            if let written, (pages?.checksum(of: data) ?? data.withUnsafeBytes { BinaryChecksum.of($0) }) == written {
                done = true
                return
            }
            _ = Parallel.chunks(lines.count, minimum: 2000) { range in
                let decoder = CareJSON.decoder()
                for index in range { _ = try? decode(index, decoder: decoder) }
                return 0
            }
            pages?.release(0..<data.count)
            done = true
        }
    }

    /// What is wrong with this file, by line; empty when every line read.
    var damage: [StoreError] { problems.withLock { $0.sorted { $0.key < $1.key }.map(\.value) } }

    /// What the scan keeps of each good line, column by column.
    private struct Scanned: Sendable {
        var lines: [JSONLines.Line] = []
        var ids: [R.ID] = []
        var versions: [Int] = []
        var summaries: [R.Summary] = []
        var problems: [Int: StoreError] = [:]

        init(capacity: Int) {
            lines.reserveCapacity(capacity)
            ids.reserveCapacity(capacity)
            versions.reserveCapacity(capacity)
            summaries.reserveCapacity(capacity)
        }

        mutating func append(contentsOf other: Scanned) {
            lines += other.lines
            problems.merge(other.problems) { first, _ in first }
            ids += other.ids
            versions += other.versions
            summaries += other.summaries
        }
    }

    private static func scan(_ lines: ArraySlice<JSONLines.Line>, data: Data, scanner: LineScanner, file: String)
        -> Scanned
    {
        var part = Scanned(capacity: lines.count)
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            for line in lines {
                let fields: [ScannedValue?]
                do throws(ScanError) {
                    fields = try scanner.scan(UnsafeRawBufferPointer(rebasing: buffer[line.range]))
                } catch {
                    part.problems[line.number] = .corrupt(
                        file: file, line: line.number, field: nil, reason: "not valid JSON (\(error.reason))")
                    continue
                }
                let idSlot = fields.count - 2
                guard let id = fields[idSlot]?.text, !id.isEmpty else {
                    part.problems[line.number] = .corrupt(
                        file: file, line: line.number, field: "id", reason: "expected a string")
                    continue
                }
                guard let version = fields[idSlot + 1]?.integer else {
                    part.problems[line.number] = .corrupt(
                        file: file, line: line.number, field: "version", reason: "expected a whole number")
                    continue
                }
                do throws(SummaryError) {
                    part.summaries.append(try R.summary(id: R.ID(rawValue: id), fields: fields))
                } catch {
                    part.problems[line.number] = .corrupt(
                        file: file, line: line.number, field: error.field, reason: error.reason)
                    continue
                }
                part.lines.append(line)
                part.ids.append(R.ID(rawValue: id))
                part.versions.append(version)
            }
        }
        return part
    }

    /// The lines whose bytes hold `marker`, in file order: one pass over
    /// the file with `memmem`, so asking costs little when none does.
    /// None without the text (a report's read, which never searches).
    func lines(holding marker: String) -> [Int] {
        let needle = Array(marker.utf8)
        guard holdsText, !needle.isEmpty, !lines.isEmpty else { return [] }
        return data.withUnsafeBytes { raw -> [Int] in
            guard let base = raw.baseAddress else { return [] }
            var found: [Int] = []
            var offset = 0
            var line = 0
            while let at = Self.find(needle, in: base, from: offset, count: raw.count) {
                while line < lines.count, lines[line].range.upperBound <= at { line += 1 }
                guard line < lines.count else { break }
                if lines[line].range.lowerBound <= at { found.append(line) }
                offset = max(at + 1, lines[line].range.upperBound)
            }
            return found
        }
    }

    /// Where `needle` first is at or after `start`: `memchr` finds each
    /// candidate first byte (Glibc's `memmem` is not visible from Swift).
    private static func find(_ needle: [UInt8], in base: UnsafeRawPointer, from start: Int, count: Int) -> Int? {
        var offset = start
        while count - offset >= needle.count {
            guard let hit = memchr(base + offset, Int32(needle[0]), count - offset - needle.count + 1) else {
                return nil
            }
            let at = base.distance(to: UnsafeRawPointer(hit))
            var same = 1
            while same < needle.count, base.load(fromByteOffset: at + same, as: UInt8.self) == needle[same] {
                same += 1
            }
            if same == needle.count { return at }
            offset = at + 1
        }
        return nil
    }

    /// The record on line `index`, decoded now.
    func decode(_ index: Int, decoder: JSONDecoder = CareJSON.decoder()) throws(StoreError) -> R {
        guard holdsText else {
            throw .invalidChange(
                tr(
                    "%@ was read for a report, its records' summaries only: %@ %@ cannot be read from it.", file,
                    R.collection.shownSingular, ids[index]))
        }
        let text = recordText(index)
        if let type = R.self as? any LineRecord.Type, let record = text.withUnsafeBytes({ type.fromLine($0) }) as? R {
            return record
        }
        do {
            return try decoder.decode(R.self, from: text)
        } catch {
            let (field, reason) = CareJSON.explain(error)
            let problem = StoreError.corrupt(file: file, line: lines[index].number, field: field, reason: reason)
            problems.withLock { $0[lines[index].number] = problem }
            throw problem
        }
    }

    /// The record's JSON exactly as in the file, without the separating comma.
    func recordText(_ index: Int) -> Data {
        let range = recordRange(index)
        return data.subdata(in: data.startIndex + range.lowerBound..<data.startIndex + range.upperBound)
    }

    /// Where `recordText(index)` lies in `data`, from its start: the line
    /// without the whitespace around it and the separating comma.
    func recordRange(_ index: Int) -> Range<Int> {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Range<Int> in
            var lower = lines[index].range.lowerBound
            var upper = lines[index].range.upperBound
            while lower < upper, JSONLines.isWhitespace(raw[lower]) { lower += 1 }
            while upper > lower, JSONLines.isWhitespace(raw[upper - 1]) { upper -= 1 }
            if upper > lower, raw[upper - 1] == 0x2C { upper -= 1 }
            return lower..<upper
        }
    }
}
