import Foundation

/// The records of one collection, by id. Records read from a snapshot stay
/// as their line until asked for (`find`, subscript, `sorted`); records put
/// since are held decoded. Copies share the snapshot's bytes.
public struct Table<R: Record>: Sendable {
    private enum Slot {
        case decoded(R)
        case line(Int)
    }

    /// Records put since the snapshot (all of them for a table made in memory).
    private var decoded: [R.ID: R]
    private let source: SnapshotSource<R>?
    private var puts = 0
    /// The snapshot's lines whose record was put since: `summaries` takes
    /// the snapshot's own list without them, not 200,000 dictionary slots.
    private var replaced: [R.ID: Int] = [:]
    /// Every id put since the snapshot.
    private var putIDs = Set<R.ID>()
    /// Ids put since that the snapshot does not have.
    private var added = 0

    /// Changes whenever the table does (another snapshot, or a record put
    /// since), so a reader can skip rebuilding what it derived from it.
    public struct Revision: Equatable, Sendable {
        let source: ObjectIdentifier?
        let puts: Int
    }

    public var revision: Revision { Revision(source: token.map { ObjectIdentifier($0) }, puts: puts) }

    /// What `revision` names the snapshot by: its source's token, or the
    /// token of a listing it was found to repeat (`takeRevision(ofListing:)`).
    private var token: RevisionToken?

    public init(_ records: [R] = []) {
        decoded = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        source = nil
        added = decoded.count
    }

    /// The snapshot's records are found in its own id list (`SnapshotSource.line(of:)`):
    /// no dictionary of 200,000 entries is built when the store opens.
    init(source: SnapshotSource<R>) {
        decoded = [:]
        self.source = source
        token = source.token
    }

    /// Named by `revision` as `listing` is when both list the same records
    /// in the same order, their summaries the same (the records read whole
    /// after a console's first screen listed them): what was derived from
    /// the listing, the console's sorted list and queue (90 ms at 100,000
    /// customers), is not worked out again.
    mutating func takeRevision(ofListing listing: Table<R>) {
        guard puts == 0, listing.puts == 0, let mine = source, let theirs = listing.source,
            mine.ids == theirs.ids, mine.summaries == theirs.summaries
        else { return }
        token = listing.token
    }

    private func slot(_ id: R.ID) -> Slot? {
        if let record = decoded[id] { return .decoded(record) }
        return source?.line(of: id).map { .line($0) }
    }

    /// The record, or nil when there is none (or its line does not decode;
    /// `find` says why).
    public subscript(id: R.ID) -> R? { try? find(id) }

    /// The record; throws when its snapshot line does not decode.
    public func find(_ id: R.ID) throws(StoreError) -> R? {
        switch slot(id) {
        case nil: return nil
        case .decoded(let record)?: return record
        case .line(let index)?:
            guard let source else { return nil }
            return try source.decode(index)
        }
    }

    /// The records whose snapshot line holds `marker`, and those put since
    /// for which `test` holds: what a rewrite must look at, found without
    /// decoding every line. A line whose record was put since is passed
    /// over (the record put is what counts); one that does not decode too.
    func records(lineHolding marker: String, orPut test: (R) -> Bool) -> [R] {
        var found = decoded.values.filter(test)
        guard let source else { return found }
        for index in source.lines(holding: marker) where replaced[source.ids[index]] == nil {
            if let record = try? source.decode(index) { found.append(record) }
        }
        return found
    }

    /// Lines of its snapshot that could not be read (left out), and
    /// records that failed to decode since.
    public var damage: [StoreError] { source?.damage ?? [] }

    /// Decodes every snapshot line once (see `SnapshotSource.verify`).
    func verifySnapshot() { source?.verify() }

    /// False for a table read as its summaries alone (a report's, a
    /// console's first screen on a server): its records cannot be read.
    public var holdsRecords: Bool { source?.holdsText ?? true }

    public var count: Int { (source?.ids.count ?? 0) + added }
    public var isEmpty: Bool { count == 0 }
    public func contains(_ id: R.ID) -> Bool { decoded[id] != nil || source?.line(of: id) != nil }

    /// Every id, sorted.
    public var ids: [R.ID] {
        guard let source else { return decoded.keys.sorted() }
        let fresh = putIDs.filter { source.line(of: $0) == nil }
        if fresh.isEmpty, source.idsSorted { return source.ids }
        return (source.ids + fresh).sorted()
    }

    public func version(of id: R.ID) -> Int? {
        switch slot(id) {
        case nil: nil
        case .decoded(let record)?: record.version
        case .line(let index)?: source?.versions[index]
        }
    }

    public func summary(of id: R.ID) -> R.Summary? {
        switch slot(id) {
        case nil: nil
        case .decoded(let record)?: record.summary
        case .line(let index)?: source?.summaries[index]
        }
    }

    /// The summaries that pass `isIncluded`, in no particular order,
    /// without a copy of every summary first: the console's queue takes the
    /// few thousand open incidents out of 200,000 on every reload.
    public func summaries(where isIncluded: (R.Summary) -> Bool) -> [R.Summary] {
        summaries(reserving: 0, where: isIncluded)
    }

    private func summaries(reserving capacity: Int, where isIncluded: (R.Summary) -> Bool) -> [R.Summary] {
        guard let source else {
            return decoded.values.compactMap { record in isIncluded(record.summary) ? record.summary : nil }
        }
        var result: [R.Summary] = []
        result.reserveCapacity(capacity)
        // A record put over a snapshot line replaces that line's summary.
        let replacedLines = Set(replaced.values)
        for index in source.summaries.indices where replacedLines.isEmpty || !replacedLines.contains(index) {
            if isIncluded(source.summaries[index]) { result.append(source.summaries[index]) }
        }
        for id in putIDs {
            if let record = decoded[id], isIncluded(record.summary) { result.append(record.summary) }
        }
        return result
    }

    /// Every record's summary, in no particular order: cheap at any size.
    public var summaries: [R.Summary] {
        // Nothing put since the snapshot: its own list, shared, not copied.
        if let source, putIDs.isEmpty { return source.summaries }
        return summaries(reserving: count) { _ in true }
    }

    /// Every record, decoded, in id order. Records whose line does not decode
    /// are left out (`decodeAll` names them).
    public var sorted: [R] { decodeAll().records }

    /// Every record in id order, decoded; throws when any does not decode
    /// (an export must be whole or not be).
    public func decodedWhole() throws(StoreError) -> [R] {
        let (records, errors) = decodeAll()
        if let damaged = StoreError.damaged(errors) { throw damaged }
        return records
    }

    /// Every record in id order, decoded on all cores, and the errors of
    /// those whose line does not decode.
    public func decodeAll() -> (records: [R], errors: [StoreError]) {
        let ids = self.ids
        let parts = Parallel.chunks(ids.count) { range in
            let decoder = CareJSON.decoder()
            var records: [R] = []
            var errors: [StoreError] = []
            for id in ids[range] {
                switch slot(id) {
                case .decoded(let record)?: records.append(record)
                case .line(let index)?:
                    guard let source else { continue }
                    do throws(StoreError) {
                        records.append(try source.decode(index, decoder: decoder))
                    } catch {
                        errors.append(error)
                    }
                case nil: continue
                }
            }
            return (records, errors)
        }
        return (parts.flatMap(\.0), parts.flatMap(\.1))
    }

    mutating func put(_ record: R) {
        if let index = source?.line(of: record.id) {
            replaced[record.id] = index
        } else if decoded[record.id] == nil {
            added += 1
        }
        putIDs.insert(record.id)
        decoded[record.id] = record
        puts += 1
    }

    /// A record's snapshot line, as the store writes it (and as a store on
    /// a server keeps it).
    static func line(of record: R, encoder: JSONEncoder) throws -> Data {
        if let writable = record as? any LineWritable {
            var bytes: [UInt8] = []
            writable.appendLine(to: &bytes)
            return Data(bytes)
        }
        return try encoder.encode(record)
    }

    /// Every record as one line of JSON, in id order, appended to `data`
    /// with `separator` between lines: lines not changed since the last
    /// snapshot are copied as they are, and no second copy of the whole
    /// collection is made (a 200 MB snapshot is written at its own size).
    /// `written` gets each record's id, version, summary and where its
    /// line went in `data` (for the snapshot's index).
    func appendLines(to data: inout Data, separator: Data, written: inout Written) throws(StoreError) {
        if let source, !source.holdsText {
            throw .invalidChange(tr("%@ was read for a report and is never written back.", source.file))
        }
        let encoder = CareJSON.encoder()
        let scanner = LineScanner(paths: R.summaryKeys + ["id", "version"])
        var first = true
        written.reserve(count)

        func startLine() -> Int {
            if !first { data.append(separator) }
            first = false
            return data.count
        }
        func append(_ record: R) throws(StoreError) {
            let line: Data
            do {
                line = try Self.line(of: record, encoder: encoder)
            } catch {
                throw .invalidChange(
                    tr(
                        "%@ %@ could not be written as JSON: %@.", R.collection.shownSingular.capitalized, record.id,
                        error)
                )
            }
            // The summary as an open will scan it from the line: times to
            // the millisecond, as written, not as held in memory.
            let summary = SnapshotSource<R>.scannedSummary(of: line, scanner: scanner)
            let start = startLine()
            data.append(line)
            if let summary {
                written.append(id: record.id, version: record.version, summary: summary, range: start..<data.count)
            } else {
                written.complete = false
            }
        }
        func append(line index: Int, of source: SnapshotSource<R>) {
            let range = source.recordRange(index)
            let start = startLine()
            source.data.withUnsafeBytes { raw in
                if let base = raw.baseAddress, !range.isEmpty {
                    data.append(
                        base.advanced(by: range.lowerBound).assumingMemoryBound(to: UInt8.self), count: range.count)
                }
            }
            written.append(
                id: source.ids[index], version: source.versions[index], summary: source.summaries[index],
                range: start..<data.count)
        }

        guard let source, source.idsSorted else {
            for id in ids {
                switch slot(id) {
                case .decoded(let record)?: try append(record)
                case .line(let index)?: if let source { append(line: index, of: source) }
                case nil: continue
                }
            }
            return
        }
        // The snapshot's lines in their (id) order, each one put since
        // replaced by its record, the records it does not have in between:
        // no lookup for the lines that did not change.
        var replacedLines = [Bool](repeating: false, count: source.ids.count)
        for index in replaced.values { replacedLines[index] = true }
        let fresh = putIDs.filter { replaced[$0] == nil }.sorted()
        var next = 0
        for index in source.ids.indices {
            let id = source.ids[index]
            while next < fresh.count, fresh[next] < id {
                if let record = decoded[fresh[next]] { try append(record) }
                next += 1
            }
            if !replacedLines[index] {
                append(line: index, of: source)
            } else if let record = decoded[id] {
                try append(record)
            }
        }
        for id in fresh[next...] {
            if let record = decoded[id] { try append(record) }
        }
    }

    /// What `appendLines` wrote, record by record in id order.
    struct Written {
        var ids: [R.ID] = []
        var versions: [Int] = []
        var summaries: [R.Summary] = []
        var ranges: [Range<Int>] = []
        /// False when a line's summary could not be had: no index then.
        var complete = true

        mutating func reserve(_ count: Int) {
            ids.reserveCapacity(count)
            versions.reserveCapacity(count)
            summaries.reserveCapacity(count)
            ranges.reserveCapacity(count)
        }

        mutating func append(id: R.ID, version: Int, summary: R.Summary, range: Range<Int>) {
            ids.append(id)
            versions.append(version)
            summaries.append(summary)
            ranges.append(range)
        }
    }
}

extension Table: Equatable {
    /// Same records, decoded; for tests and small tables.
    public static func == (lhs: Table, rhs: Table) -> Bool {
        lhs.count == rhs.count && lhs.sorted == rhs.sorted
    }
}

extension Table {
    /// The first `prefix`+number id from `number` on that is neither in the
    /// table nor in `taken` (`I000124` after the others); `number` is left
    /// past it, so a batch numbers its new records in one pass. Called
    /// under the writer lock, so two sessions never get the same id.
    func freeNumberedID(prefix: String, from number: inout Int, skipping taken: Set<R.ID> = []) -> R.ID
    where R.ID == Identifier<R> {
        while true {
            let candidate = R.ID(prefix: prefix, number: number)
            number += 1
            if !contains(candidate), !taken.contains(candidate) { return candidate }
        }
    }
}

/// A snapshot's identity as `Table.Revision` gives it: an object of its
/// own, so a table that takes another's revision holds nothing else of it.
final class RevisionToken: Sendable {}
