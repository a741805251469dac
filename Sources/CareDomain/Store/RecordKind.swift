import Foundation

/// Every kind of record the store keeps, in one list: where its table is in
/// the state and which change carries it. The state's damage and checks,
/// loading, compaction, `care check` and the journal's encoding all go
/// through this list, so a new kind is a `Change` case, a `Collection` case,
/// a table in `StoreState` and one line here.
enum RecordKinds {
    static let all: [any AnyRecordKind] = [
        RecordKind(\.customers, Change.customer) { if case .customer(let r) = $0 { r } else { nil } },
        RecordKind(\.agents, Change.agent) { if case .agent(let r) = $0 { r } else { nil } },
        RecordKind(\.touchpoints, Change.touchpoint) { if case .touchpoint(let r) = $0 { r } else { nil } },
        RecordKind(\.incidents, Change.incident) { if case .incident(let r) = $0 { r } else { nil } },
        RecordKind(\.playbooks, Change.playbook) { if case .playbook(let r) = $0 { r } else { nil } },
        RecordKind(\.rewards, Change.reward) { if case .reward(let r) = $0 { r } else { nil } },
        RecordKind(\.coupons, Change.coupon) { if case .coupon(let r) = $0 { r } else { nil } },
        RecordKind(\.programs, Change.program) { if case .program(let r) = $0 { r } else { nil } },
        RecordKind(\.campaigns, Change.campaign) { if case .campaign(let r) = $0 { r } else { nil } },
    ]

    /// The kind whose journal key (and message word) is `name`.
    static func named(_ name: String) -> (any AnyRecordKind)? { all.first { $0.collection.singular == name } }
}

/// A record kind with its type erased, for the list.
protocol AnyRecordKind: Sendable {
    var collection: Collection { get }
    func damage(in state: StoreState) -> [StoreError]
    func verifySnapshot(in state: StoreState)
    func isEmpty(in state: StoreState) -> Bool
    func holdsRecords(in state: StoreState) -> Bool
    func copyTable(from source: StoreState, into state: inout StoreState)
    func version(in state: StoreState, id: String) -> Int
    /// The record `change` puts, as (id, version), when it is of this kind.
    func key(of change: Change) -> (id: String, version: Int)?
    /// Puts the record of `change` into `state`; false when it is of another kind.
    func apply(_ change: Change, to state: inout StoreState) -> Bool
    /// Decodes every record, for the errors of those that do not decode.
    func decodeErrors(in state: StoreState) -> [StoreError]
    /// Replaces the collection's snapshot with the state's records, then
    /// its index; the index is derived, so failing to write it is returned,
    /// not thrown.
    func writeSnapshot(of state: StoreState, cursor: JournalCursor, layout: StoreLayout) throws(StoreError)
        -> StoreError?
    /// Writes the index of the snapshot as it is on disk (`care reindex`).
    func reindexSnapshot(_ layout: StoreLayout) throws(StoreError)
    /// What is wrong with the snapshot's index (`care check`), if anything.
    func indexProblem(_ layout: StoreLayout) -> String?
    func decodeChange<K: CodingKey>(from container: KeyedDecodingContainer<K>, forKey key: K) throws -> Change
    func encode<K: CodingKey>(_ change: Change, into container: inout KeyedEncodingContainer<K>, forKey key: K) throws
        -> Bool
    func load(into loader: inout SnapshotLoader) throws(StoreError)
    /// Puts the records of a snapshot held in memory (`snapshot`, laid out
    /// as the file is) into `state`, read as a snapshot file is.
    func take(snapshot: Data, file: String, into state: inout StoreState) throws(StoreError)
    /// The same, with each record's stored summary (`StoredSummary`):
    /// read from them when they all hold, scanned otherwise.
    func take(
        snapshot: Data, file: String, summaries: Data, headerLength: Int,
        into state: inout StoreState) throws(StoreError)
    /// Puts the records' summaries alone, from their stored entries (a
    /// report's read): false, and nothing put, when any does not hold.
    func takeSummaries(_ entries: Data, file: String, into state: inout StoreState) -> Bool
    /// The stored summary of each record of this kind `changes` put.
    func storedSummaries(of changes: [Change]) -> (ids: [String], summaries: [[UInt8]])
    /// Every record's stored summary, in id order.
    func storedSummaries(in state: StoreState) -> (ids: [String], summaries: [[UInt8]])
}

struct RecordKind<R: Record>: AnyRecordKind {
    let table: WritableKeyPath<StoreState, Table<R>> & Sendable
    let wrap: @Sendable (R) -> Change
    let unwrap: @Sendable (Change) -> R?

    init(
        _ table: WritableKeyPath<StoreState, Table<R>> & Sendable, _ wrap: @escaping @Sendable (R) -> Change,
        unwrap: @escaping @Sendable (Change) -> R?
    ) {
        self.table = table
        self.wrap = wrap
        self.unwrap = unwrap
    }

    var collection: Collection { R.collection }
    func damage(in state: StoreState) -> [StoreError] { state[keyPath: table].damage }
    func verifySnapshot(in state: StoreState) { state[keyPath: table].verifySnapshot() }
    func isEmpty(in state: StoreState) -> Bool { state[keyPath: table].isEmpty }
    func holdsRecords(in state: StoreState) -> Bool { state[keyPath: table].holdsRecords }
    func copyTable(from source: StoreState, into state: inout StoreState) {
        var copied = source[keyPath: table]
        copied.takeRevision(ofListing: state[keyPath: table])
        state[keyPath: table] = copied
    }
    func version(in state: StoreState, id: String) -> Int { state[keyPath: table].version(of: R.ID(id)) ?? 0 }

    func key(of change: Change) -> (id: String, version: Int)? {
        unwrap(change).map { ($0.id.rawValue, $0.version) }
    }

    func apply(_ change: Change, to state: inout StoreState) -> Bool {
        guard let record = unwrap(change) else { return false }
        state[keyPath: table].put(record)
        return true
    }

    func decodeErrors(in state: StoreState) -> [StoreError] { state[keyPath: table].decodeAll().errors }

    func writeSnapshot(of state: StoreState, cursor: JournalCursor, layout: StoreLayout) throws(StoreError)
        -> StoreError?
    {
        let (data, encoded) = try SnapshotFile.encodeIndexed(state[keyPath: table], cursor: cursor)
        let path = layout.snapshot(R.collection)
        try layout.files.replace(path, with: data)
        do throws(StoreError) {
            guard var contents = encoded else {
                try SnapshotIndex.remove(R.collection, layout)
                return nil
            }
            contents.written = data.withUnsafeBytes { BinaryChecksum.of($0) }
            try SnapshotIndex.write(contents, of: path, layout)
            return nil
        } catch {
            return error
        }
    }

    func indexProblem(_ layout: StoreLayout) -> String? { IndexCheck.problem(R.self, layout) }

    func reindexSnapshot(_ layout: StoreLayout) throws(StoreError) {
        let path = layout.snapshot(R.collection)
        guard let mapped = try layout.files.mapped(path, eager: true) else { return }
        let (_, _, contents) = try SnapshotFile.scan(R.self, from: mapped.data, file: R.collection.fileName)
        guard let contents else {
            // Not laid out a record a line (reformatted by hand): nothing to index.
            try SnapshotIndex.remove(R.collection, layout)
            return
        }
        try SnapshotIndex.write(contents, identity: mapped.identity, layout)
    }

    func decodeChange<K: CodingKey>(from container: KeyedDecodingContainer<K>, forKey key: K) throws -> Change {
        wrap(try container.decode(R.self, forKey: key))
    }

    func encode<K: CodingKey>(_ change: Change, into container: inout KeyedEncodingContainer<K>, forKey key: K) throws
        -> Bool
    {
        guard let record = unwrap(change) else { return false }
        try container.encode(record, forKey: key)
        return true
    }

    func load(into loader: inout SnapshotLoader) throws(StoreError) { try loader.take(R.self, into: table) }

    func take(snapshot: Data, file: String, into state: inout StoreState) throws(StoreError) {
        state[keyPath: table] = try SnapshotFile.decode(R.self, from: snapshot, file: file).1
    }
}
