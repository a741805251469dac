import Foundation
import Synchronization

/// `index/customers.bin` …: where each record of a snapshot is, with its id,
/// version and summary, so that a store opens without scanning the
/// snapshot's JSON (at 200,000 incidents the scan is most of the opening).
/// Derived: it names the identity of the snapshot it describes
/// (`FileIdentity`), and a snapshot replaced or edited since is scanned as
/// before; compaction and `care reindex` write it again, `care check`
/// compares it with a scan.
///
///     "CAREIDX1"
///     UInt32 length, JSON header   collection, schema, the snapshot's identity, its first line's length
///     UInt64 records
///     per record, 32 bytes         UInt64 start, UInt32 length, UInt32 line number, Int64 version,
///                                  UInt64 where its id and summary are
///     ids and summaries            per record: the id (UInt32 length, UTF-8), the summary (`IndexedSummary`)
///     UInt64 checksum              of everything before it
enum SnapshotIndex {
    static let magic = Array("CAREIDX1".utf8)
    private static let entrySize = 32

    struct Header: Codable, Equatable {
        var collection: Collection
        var schema: String
        var snapshot: FileIdentity
        /// The snapshot's first line (its header), without the newline.
        var headerLength: Int
        /// `BinaryChecksum` of the snapshot's bytes as a compaction wrote
        /// them, every line encoded from a record or copied from a snapshot
        /// already checked; nil from `care reindex`, which vouches for no
        /// line. A file whose bytes still give it need no decoding before it
        /// is rewritten (`SnapshotSource.verify`).
        var written: UInt64?
    }

    /// What the index says of a snapshot: what a scan of it would find.
    struct Contents<R: Record>: Sendable {
        var headerLength: Int
        /// `Header.written`: set when the index is read, or before it is written.
        var written: UInt64? = nil
        var lines: [JSONLines.Line]
        var ids: [R.ID]
        var versions: [Int]
        var summaries: [R.Summary]
    }

    /// The schema of `R`'s index: the summary's keys and binary order.
    static func schema<R: Record>(_: R.Type) -> String? {
        guard let type = R.Summary.self as? any IndexedSummary.Type else { return nil }
        return (R.summaryKeys + ["id", "version"]).joined(separator: ",") + "; " + type.schema
    }

    /// The index of a snapshot whose identity is `snapshot`; nil for a
    /// collection whose summary has no binary form.
    static func encode<R: Record>(_ contents: Contents<R>, snapshot: FileIdentity) throws(StoreError) -> Data? {
        guard let schema = schema(R.self), let type = R.Summary.self as? any IndexedSummary.Type else { return nil }
        let header = Header(
            collection: R.collection, schema: schema, snapshot: snapshot, headerLength: contents.headerLength,
            written: contents.written)
        let json: Data
        do {
            json = try CareJSON.encoder().encode(header)
        } catch {
            throw .invalidChange(tr("The index of %@ could not be written: %@.", R.collection.fileName, error))
        }
        return write(type, contents, header: json)
    }

    private static func write<S: IndexedSummary, R: Record>(_: S.Type, _ contents: Contents<R>, header: Data) -> Data? {
        guard let summaries = contents.summaries as? [S], contents.ids.count == contents.lines.count,
            contents.versions.count == contents.lines.count, summaries.count == contents.lines.count
        else { return nil }
        let count = contents.lines.count
        var out = ByteWriter(capacity: header.count + 32 + count * (entrySize + 160))
        out.bytes.append(contentsOf: magic)
        out.put(UInt32(header.count))
        out.bytes.append(contentsOf: header)
        out.put(UInt64(count))
        let table = out.bytes.count
        out.bytes.append(contentsOf: repeatElement(0, count: count * entrySize))
        var entry = ByteWriter(capacity: entrySize)
        for index in 0..<count {
            let line = contents.lines[index]
            entry.bytes.removeAll(keepingCapacity: true)
            entry.put(UInt64(line.range.lowerBound))
            entry.put(UInt32(clamping: line.range.count))
            entry.put(UInt32(clamping: line.number))
            entry.put(Int64(contents.versions[index]))
            entry.put(UInt64(out.bytes.count))
            out.bytes.replaceSubrange(table + index * entrySize..<table + (index + 1) * entrySize, with: entry.bytes)
            out.put(contents.ids[index].rawValue)
            summaries[index].write(to: &out)
        }
        return out.sealed()
    }

    /// Writes the index of the snapshot at `path` (just written, under the
    /// writer lock, so the file there is the one `contents` describes).
    static func write<R: Record>(_ contents: Contents<R>, of path: String, _ layout: StoreLayout) throws(StoreError) {
        guard let info = try layout.files.status(path) else { return }
        try write(contents, identity: FileIdentity(info), layout)
    }

    static func write<R: Record>(_ contents: Contents<R>, identity: FileIdentity, _ layout: StoreLayout)
        throws(StoreError)
    {
        guard let data = try encode(contents, snapshot: identity) else { return }
        try layout.files.makeDirectory(layout.indexDirectory)
        try layout.files.replace(layout.index(R.collection), with: data)
    }

    /// Removes the collection's index, if there is one: a stale index is
    /// passed over anyway, but one removed says nothing at all.
    static func remove(_ collection: Collection, _ layout: StoreLayout) throws(StoreError) {
        if try layout.files.status(layout.index(collection)) != nil {
            try layout.files.remove(layout.index(collection))
        }
    }

    /// What the index in `data` says of the snapshot whose identity is
    /// `snapshot`; nil when it does not describe that file (another file,
    /// changed since, another schema) or cannot be read whole.
    static func decode<R: Record>(_: R.Type, _ data: Data, snapshot: FileIdentity) -> Contents<R>? {
        guard let schema = schema(R.self), let type = R.Summary.self as? any IndexedSummary.Type else { return nil }
        return read(type, R.self, data, snapshot: snapshot, schema: schema)
    }

    /// The index's header, when the file is an index read whole (its
    /// checksum holds); whatever snapshot it names.
    static func header(of data: Data) -> Header? { open(data)?.header }

    private static func open(_ data: Data) -> (header: Header, count: Int, table: Int)? {
        data.withUnsafeBytes { raw in
            guard raw.count >= magic.count + 20, raw.prefix(magic.count).elementsEqual(magic),
                BinaryChecksum.holds(raw)
            else { return nil }
            var reader = ByteReader(raw: UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 8)]), offset: magic.count)
            guard let length = reader.read(UInt32.self), let json = reader.bytes(Int(length)),
                let header = try? CareJSON.decoder().decode(Header.self, from: Data(json)),
                let count = reader.read(UInt64.self), count <= UInt64(raw.count / entrySize)
            else { return nil }
            return (header, Int(count), reader.offset)
        }
    }

    /// Where one range of records lies, read on its own core; their
    /// summaries are written straight into the whole list.
    private struct Part<ID: Sendable>: Sendable {
        var lines: [JSONLines.Line] = []
        var ids: [ID] = []
        var versions: [Int] = []

        init(capacity: Int) {
            lines.reserveCapacity(capacity)
            ids.reserveCapacity(capacity)
            versions.reserveCapacity(capacity)
        }
    }

    private static func read<S: IndexedSummary, R: Record>(
        _: S.Type, _: R.Type, _ data: Data, snapshot: FileIdentity, schema: String
    ) -> Contents<R>? {
        guard S.self == R.Summary.self, let opened = open(data), opened.header.collection == R.collection,
            opened.header.schema == schema, opened.header.snapshot == snapshot
        else { return nil }
        let size = Int(snapshot.size)
        let firstRecord = opened.header.headerLength + 1
        let parts = Mutex<[Int: Part<R.ID>]>([:])
        let summaries = Parallel.array(opened.count, minimum: 20_000) { (range, put: (S) -> Void) -> Bool in
            data.withUnsafeBytes { raw -> Bool in
                let body = UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 8)])
                var part = Part<R.ID>(capacity: range.count)
                var entries = ByteReader(raw: body, offset: opened.table + range.lowerBound * entrySize)
                for _ in range {
                    guard let start = entries.read(UInt64.self), let length = entries.read(UInt32.self),
                        let number = entries.read(UInt32.self), let version = entries.read(Int64.self),
                        let at = entries.read(UInt64.self), at < UInt64(body.count)
                    else { return false }
                    // Every record lies inside the snapshot, after its first line.
                    let lower = Int(start)
                    let upper = lower + Int(length)
                    guard lower >= firstRecord, upper <= size else { return false }
                    var reader = ByteReader(raw: body, offset: Int(at))
                    guard let id = reader.requiredText(), let summary = S.read(id: id, from: &reader) else {
                        return false
                    }
                    part.lines.append(JSONLines.Line(number: Int(number), range: lower..<upper))
                    part.ids.append(R.ID(rawValue: id))
                    part.versions.append(Int(version))
                    put(summary)
                }
                parts.withLock { $0[range.lowerBound] = part }
                return true
            }
        }
        guard let summaries else { return nil }
        var whole = Part<R.ID>(capacity: opened.count)
        for (_, part) in parts.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            whole.lines += part.lines
            whole.ids += part.ids
            whole.versions += part.versions
        }
        // S is R.Summary (checked above): the list is taken as it is, where
        // a cast would check each of 200,000 elements.
        return Contents(
            headerLength: opened.header.headerLength, written: opened.header.written, lines: whole.lines,
            ids: whole.ids, versions: whole.versions, summaries: unsafeBitCast(summaries, to: [R.Summary].self))
    }
}
