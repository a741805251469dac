import Foundation

/// A record's summary as a store on a server keeps it beside the record
/// (PostgreSQL's `summary` column): what the file store's snapshot index
/// holds of it (`SnapshotIndex`: the id, then the summary), after a tag
/// naming the summary's schema. A store that sends each record's summary
/// with its text opens without scanning the JSON, as the file store does
/// from its index; a summary missing, of another schema or not read whole
/// has the collection scanned as before.
package enum StoredSummary {
    /// The stored summary of every record `changes` put (the last put of
    /// each), by collection: the ids and their bytes, side by side.
    package static func of(_ changes: [Change]) -> [Collection: (ids: [String], summaries: [[UInt8]])] {
        var byCollection: [Collection: (ids: [String], summaries: [[UInt8]])] = [:]
        for kind in RecordKinds.all {
            let stored = kind.storedSummaries(of: changes)
            if !stored.ids.isEmpty { byCollection[kind.collection] = stored }
        }
        return byCollection
    }

    /// Every record's stored summary in `collection` of `state`, in id
    /// order (`care reindex`).
    package static func all(_ collection: Collection, in state: StoreState) -> (ids: [String], summaries: [[UInt8]]) {
        RecordKinds.all.first { $0.collection == collection }?.storedSummaries(in: state) ?? ([], [])
    }

    /// The tag before a summary: its schema's checksum, so that a summary
    /// written by a care of another schema is never read as this one's.
    static func tag<R: Record>(_: R.Type) -> UInt64? {
        SnapshotIndex.schema(R.self).map { schema in Array(schema.utf8).withUnsafeBytes { BinaryChecksum.of($0) } }
    }

    /// A summary as stored: the tag, the id, then the summary as the
    /// snapshot index writes it.
    static func bytes(tag: UInt64, id: String, summary: any IndexedSummary) -> [UInt8] {
        var writer = ByteWriter(capacity: 96)
        writer.put(tag)
        writer.put(id)
        summary.write(to: &writer)
        return writer.bytes
    }

    /// What a snapshot index would say of `snapshot` (a table's records
    /// joined as `StoreState.take` lays them out, its first line
    /// `headerLength` bytes), from `entries`: per record, in the order of
    /// the joined text, its version, the length of its JSON and of its
    /// stored summary (UInt32 each, big-endian as PostgreSQL's `int4send`
    /// writes them), then the summary. Nil when any summary is missing,
    /// of another schema, or does not match the text's layout. Without
    /// `snapshot` (a read of the summaries alone), the lines are empty.
    static func contents<R: Record>(
        _: R.Type, entries: Data, snapshot: Data?, headerLength: Int
    ) -> SnapshotIndex.Contents<R>? {
        guard let type = R.Summary.self as? any IndexedSummary.Type, let tag = tag(R.self) else { return nil }
        return read(type, R.self, tag: tag, entries: entries, snapshot: snapshot, headerLength: headerLength)
    }

    private static func read<S: IndexedSummary, R: Record>(
        _: S.Type, _: R.Type, tag: UInt64, entries: Data, snapshot: Data?, headerLength: Int
    ) -> SnapshotIndex.Contents<R>? {
        guard S.self == R.Summary.self,
            let walked = entries.withUnsafeBytes({ walk($0, snapshot: snapshot, headerLength: headerLength) })
        else { return nil }
        let summaries = Parallel.array(walked.ids.count, minimum: 20_000) { (range, put: (S) -> Void) -> Bool in
            entries.withUnsafeBytes { raw -> Bool in
                for index in range {
                    var reader = ByteReader(raw: raw, offset: walked.summaryStarts[index])
                    guard reader.read(UInt64.self) == tag, reader.requiredText() == walked.ids[index],
                        let summary = S.read(id: walked.ids[index], from: &reader),
                        reader.offset == walked.summaryEnds[index]
                    else { return false }
                    put(summary)
                }
                return true
            }
        }
        guard let summaries else { return nil }
        // S is R.Summary (checked above), as in `SnapshotIndex.read`.
        return SnapshotIndex.Contents(
            headerLength: headerLength, lines: walked.lines, ids: walked.ids.map { R.ID(rawValue: $0) },
            versions: walked.versions, summaries: unsafeBitCast(summaries, to: [R.Summary].self))
    }

    /// Where each record's line and summary are: the lines follow from the
    /// lengths (each but the last ends in `,` and every one in a newline),
    /// checked against the text's bytes, so that a summary is never paired
    /// with another record's line.
    private struct Walked: Sendable {
        var lines: [JSONLines.Line] = []
        var ids: [String] = []
        var versions: [Int] = []
        var summaryStarts: [Int] = []
        var summaryEnds: [Int] = []
    }

    private static func walk(_ entries: UnsafeRawBufferPointer, snapshot: Data?, headerLength: Int) -> Walked? {
        guard let snapshot else { return walk(entries, text: nil, headerLength: headerLength) }
        return snapshot.withUnsafeBytes { walk(entries, text: $0, headerLength: headerLength) }
    }

    private static func walk(_ entries: UnsafeRawBufferPointer, text: UnsafeRawBufferPointer?, headerLength: Int)
        -> Walked?
    {
        var walked = Walked()
        var reader = ByteReader(raw: entries)
        var lineStart = headerLength + 1
        var number = 2
        while reader.offset < entries.count {
            guard let version = reader.bigEndian(), let length = reader.bigEndian(), let stored = reader.bigEndian(),
                stored > 0, reader.offset + Int(stored) <= entries.count
            else { return nil }
            let start = reader.offset
            var idReader = ByteReader(raw: entries, offset: start + 8)
            guard let id = idReader.requiredText() else { return nil }
            reader.offset += Int(stored)
            // The line: the JSON, then a comma unless it is the last.
            let last = reader.offset == entries.count
            let lineEnd = lineStart + Int(length) + (last ? 0 : 1)
            if let text {
                guard lineEnd < text.count, text[lineEnd] == 0x0A, last || text[lineEnd - 1] == 0x2C else {
                    return nil
                }
                walked.lines.append(JSONLines.Line(number: number, range: lineStart..<lineEnd))
            } else {
                walked.lines.append(JSONLines.Line(number: number, range: 0..<0))
            }
            walked.ids.append(id)
            walked.versions.append(Int(Int32(bitPattern: version)))
            walked.summaryStarts.append(start)
            walked.summaryEnds.append(start + Int(stored))
            lineStart = lineEnd + 1
            number += 1
        }
        return walked.ids.isEmpty ? nil : walked
    }
}

extension ByteReader {
    /// A UInt32 written big-endian (PostgreSQL's `int4send`).
    fileprivate mutating func bigEndian() -> UInt32? {
        read(UInt32.self).map { UInt32(bigEndian: $0.littleEndian) }
    }
}

extension RecordKind {
    /// The summary as an open will scan it from the record's line (times
    /// to the millisecond, as written, not as held in memory), of the last
    /// put of each record among `changes`, in id order.
    func storedSummaries(of changes: [Change]) -> (ids: [String], summaries: [[UInt8]]) {
        var last: [R.ID: R] = [:]
        for change in changes { if let record = unwrap(change) { last[record.id] = record } }
        guard !last.isEmpty, let tag = StoredSummary.tag(R.self) else { return ([], []) }
        let encoder = CareJSON.encoder()
        let scanner = LineScanner(paths: R.summaryKeys + ["id", "version"])
        var ids: [String] = []
        var summaries: [[UInt8]] = []
        for id in last.keys.sorted() {
            guard let record = last[id], let line = try? Table<R>.line(of: record, encoder: encoder),
                let summary = SnapshotSource<R>.scannedSummary(of: line, scanner: scanner) as? any IndexedSummary
            else { continue }
            ids.append(id.rawValue)
            summaries.append(StoredSummary.bytes(tag: tag, id: id.rawValue, summary: summary))
        }
        return (ids, summaries)
    }

    func storedSummaries(in state: StoreState) -> (ids: [String], summaries: [[UInt8]]) {
        let table = state[keyPath: self.table]
        guard let tag = StoredSummary.tag(R.self) else { return ([], []) }
        var ids: [String] = []
        var summaries: [[UInt8]] = []
        for id in table.ids {
            guard let summary = table.summary(of: id) as? any IndexedSummary else { continue }
            ids.append(id.rawValue)
            summaries.append(StoredSummary.bytes(tag: tag, id: id.rawValue, summary: summary))
        }
        return (ids, summaries)
    }

    func takeSummaries(_ entries: Data, file: String, into state: inout StoreState) -> Bool {
        guard let index = StoredSummary.contents(R.self, entries: entries, snapshot: nil, headerLength: 0) else {
            return false
        }
        state[keyPath: table] = Table(
            source: SnapshotSource<R>(file: file, data: Data(), indexed: index, holdsText: false))
        return true
    }

    func take(
        snapshot: Data, file: String, summaries: Data, headerLength: Int, into state: inout StoreState
    ) throws(StoreError) {
        let index = StoredSummary.contents(R.self, entries: summaries, snapshot: snapshot, headerLength: headerLength)
        state[keyPath: table] = try SnapshotFile.decode(R.self, from: snapshot, file: file, index: index).1
    }
}
