import Foundation
import Synchronization

/// The JSON-file store (see `StoreLayout` for the files and README for the
/// rules). Safe to share between threads; safe for several processes on one
/// directory: writers serialise on a `flock`, readers never block.
public final class FileStore: CareStore {
    public let layout: StoreLayout
    let clock: Clock
    /// Fold the journal into the snapshots once this many transactions, or
    /// this many bytes of them, are past the oldest snapshot: every session
    /// reads that part of the journal when it opens the store.
    let compactAfter: Int
    let compactAfterBytes: Int
    /// Whether a write that passes the thresholds compacts at once; a
    /// console says no and calls `compactIfDue` off its loop instead.
    let compactsOnWrite: Bool
    private let loaded = Mutex<Loaded?>(nil)
    /// What the writer read of histories, for its next reads of the same files.
    let historyMemo = HistoryMemo()
    private let notices = Mutex<[StoreNotice]>([])
    private let notify: @Sendable (StoreNotice) -> Void

    /// `notify` hears each notice as it happens (the command line prints
    /// it); they are also kept for `takeNotices`.
    public init(
        directory: String, clock: Clock = .system, compactAfter: Int = 1000, compactAfterBytes: Int = 2 << 20,
        compactsOnWrite: Bool = true, notify: @escaping @Sendable (StoreNotice) -> Void = { _ in }
    ) {
        layout = StoreLayout(directory: directory)
        self.clock = clock
        self.compactAfter = compactAfter
        self.compactAfterBytes = compactAfterBytes
        self.compactsOnWrite = compactsOnWrite
        self.notify = notify
    }

    /// Decodes every snapshot line on a background thread, so that the
    /// first compaction (which must know every line decodes) does not pay
    /// for it on a keystroke; a console calls it once the store is open.
    public func verifyInBackground() {
        guard let state = loaded.withLock({ $0?.state }) else { return }
        DispatchQueue.global(qos: .utility).async { state.verifySnapshots() }
    }

    public func takeNotices() -> [StoreNotice] {
        notices.withLock { kept in
            defer { kept = [] }
            return kept
        }
    }

    func tell(_ notice: StoreNotice) {
        notices.withLock { $0.append(notice) }
        notify(notice)
    }

    /// What a process holds in memory: the state, where in the journal it
    /// stands, and history appended since the last compaction.
    struct Loaded: Sendable {
        var state: StoreState
        var cursor: JournalCursor
        /// Every snapshot folds in at least this transaction.
        var foldedSeq: Int
        /// Journal bytes past the oldest snapshot.
        var pendingBytes = 0
        /// After a compaction failed (a full disk), the next one is tried
        /// only once this transaction is reached, not on every write.
        var compactionRetrySeq = 0
        /// Leftover temp files were removed by this process's first write.
        var sweptLeftovers = false
        var pending = PendingHistory.none
        /// What the entries applied since the last compaction touched.
        var touches = JournalTouches(after: 0)

        /// `throughs`: while loading, a collection's snapshot already holds
        /// transactions up to its own position; those are not applied twice.
        /// `places`: where each entry's line is, when known.
        mutating func apply(
            _ entries: [JournalEntry], places: [JournalPlace]? = nil, throughs: [Collection: Int] = [:]
        ) {
            for (index, entry) in entries.enumerated() {
                touches.record(entry, at: places.flatMap { index < $0.count ? $0[index] : nil })
                for change in entry.changes {
                    if pending.take(change) { continue }
                    if let key = change.recordKey, entry.seq > throughs[key.collection, default: 0] {
                        state.apply(change)
                    }
                }
                state.seq = entry.seq
            }
        }
    }

    // MARK: Reading

    public func open() throws(StoreError) -> StoreState {
        let fresh = try load()
        loaded.withLock { $0 = fresh }
        return fresh.state
    }

    /// The state with only `collections` loaded, the others left empty: for
    /// a report that needs a few (agent scores read agents and incidents,
    /// not 100,000 customers). Not kept as this process's state.
    public func open(only collections: Set<Collection>) throws(StoreError) -> StoreState {
        try load(only: collections).state
    }

    public func refresh() throws(StoreError) -> StoreState? {
        try loaded.withLock { (current: inout Loaded?) throws(StoreError) -> StoreState? in
            guard var value = current else {
                let fresh = try load()
                current = fresh
                return fresh.state
            }
            let read = try Journal.read(layout, after: value.cursor, decoder: CareJSON.decoder())
            guard !read.entries.isEmpty || read.damage != value.state.journalDamage else { return nil }
            value.apply(read.entries, places: read.places)
            value.state.journalDamage = read.damage
            value.cursor = read.cursor
            value.pendingBytes += read.bytes
            current = value
            return value.state
        }
    }

    public func moments(of customer: CustomerID) throws(StoreError) -> [Moment] {
        try history().moments(of: customer)
    }

    public func ledger(of customer: CustomerID) throws(StoreError) -> [LedgerEntry] {
        try history().ledger(of: customer)
    }

    public func incidentEvents(of customer: CustomerID) throws(StoreError) -> [IncidentEvent] {
        try history().incidentEvents(of: customer)
    }

    /// Histories as this process knows them, the store opened first if it
    /// was not (the journal's recent entries are only known once loaded).
    func history() throws(StoreError) -> FoldedHistory {
        if loaded.withLock({ $0 == nil }) { _ = try open() }
        return loaded.withLock {
            FoldedHistory(layout: layout, pending: $0?.pending ?? .none)
        }
    }

    /// The state this process holds, if it has opened the store.
    func loadedState() -> StoreState? { loaded.withLock { $0?.state } }

    /// Where in the journal this process stands.
    func currentCursor() -> JournalCursor { loaded.withLock { $0?.cursor } ?? .start }

    private func load(only wanted: Set<Collection>? = nil) throws(StoreError) -> Loaded {
        var loader = SnapshotLoader(
            layout: layout, manifest: try Manifest.read(layout), wanted: wanted,
            loaded: Loaded(state: StoreState(), cursor: .start, foldedSeq: 0))
        for kind in RecordKinds.all { try kind.load(into: &loader) }
        var loaded = loader.loaded
        let throughs = loader.throughs
        let cursors = loader.cursors
        let start = cursors.min { $0.seq < $1.seq } ?? .start
        loaded.cursor = start
        loaded.foldedSeq = start.seq
        loaded.state.seq = start.seq
        loaded.touches = JournalTouches(after: start.seq)
        let read = try Journal.read(layout, after: start, decoder: CareJSON.decoder())
        loaded.apply(read.entries, places: read.places, throughs: throughs)
        loaded.cursor = read.cursor
        loaded.pendingBytes = read.bytes
        loaded.state.journalDamage = read.damage
        return loaded
    }

    // MARK: Writing

    public func transact(by author: Author, _ body: (StoreState, any HistoryReader) throws -> Transaction) throws
        -> StoreState
    {
        try withWriterLock { (current: inout Loaded) throws -> StoreState in
            let transaction: Transaction
            do {
                // Histories as of this moment, read without taking the lock
                // again. Let go before the change is applied: a reader still
                // holding the state would make the first put copy every
                // record the state has decoded.
                let history = WriterHistory(
                    base: FoldedHistory(layout: layout, pending: current.pending, memo: historyMemo),
                    state: current.state)
                transaction = try body(current.state, history)
            }
            // Nothing to change writes nothing (an expiry run with nothing due).
            guard !transaction.changes.isEmpty else { return current.state }
            try append(transaction, by: author, to: &current)
            // The change is durable from here on: whatever fails after
            // this point is said as a notice, never as a failed change, or
            // a caller who retries would make it twice.
            if compactsOnWrite { _ = compactIfDue(&current) }
            return current.state
        }
    }

    /// Compacts when the journal has passed the thresholds; true when it did.
    /// A failure is said as a notice and retried some writes later.
    @discardableResult
    public func compactIfDue() throws(StoreError) -> Bool {
        do {
            return try withWriterLock { (current: inout Loaded) -> Bool in compactIfDue(&current) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .invalidChange("\(error)")
        }
    }

    private func compactIfDue(_ current: inout Loaded) -> Bool {
        let due = current.state.seq - current.foldedSeq >= compactAfter || current.pendingBytes >= compactAfterBytes
        guard due, current.state.seq >= current.compactionRetrySeq else { return false }
        do throws(StoreError) {
            try compact(&current)
            return true
        } catch {
            current.compactionRetrySeq = current.state.seq + max(1, compactAfter / 10)
            tell(.compactionFailed(error))
            return false
        }
    }

    /// Checks `transaction` against the state and appends it to the
    /// journal, durably; the caller holds the writer lock.
    func append(_ transaction: Transaction, by author: Author, to current: inout Loaded) throws(StoreError) {
        try current.state.validate(transaction.changes)
        let entry = JournalEntry(
            seq: current.state.seq + 1, at: clock.now, author: author, summary: transaction.summary,
            changes: transaction.changes, fields: transaction.fields)
        let before = current.cursor
        current.cursor = try Journal.append(entry, after: current.cursor, layout, encoder: CareJSON.encoder())
        let start = current.cursor.file == before.file ? before.offset : 0
        current.pendingBytes += current.cursor.offset - start
        // The line without its newline.
        let place = current.cursor.file.map {
            JournalPlace(file: $0, offset: start, length: current.cursor.offset - start - 1)
        }
        current.apply([entry], places: place.map { [$0] })
    }

    /// Folds the journal into the snapshots and history files now.
    public func compact() throws(StoreError) {
        do {
            try withWriterLock { (current: inout Loaded) throws in try compact(&current) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .invalidChange("\(error)")
        }
    }

    /// Runs `body` holding the store's `flock`, on the state brought up to
    /// date with the journal (torn tails set aside first).
    func withWriterLock<T>(_ body: (inout Loaded) throws -> T) throws -> T {
        let outcome = try FileLock.withExclusive(layout) { () throws -> T in
            try loaded.withLock { (held: inout Loaded?) throws -> T in
                // Taken out, not copied: the tables are then changed in place
                // unless a caller still holds the previous state.
                var current: Loaded
                if let taken = held.take() { current = taken } else { current = try load() }
                defer { held = current }
                let read = try Journal.read(layout, after: current.cursor, decoder: CareJSON.decoder())
                current.apply(read.entries, places: read.places)
                current.cursor = read.cursor
                current.pendingBytes += read.bytes
                current.state.journalDamage = read.damage
                // Nothing is written over damage: not a change, not a
                // compaction (which would make what is missing permanent).
                try current.state.requireUndamaged()
                for torn in read.torn {
                    try Journal.setAside(torn, layout)
                }
                // What a writer that died left half-made (it may hold
                // personal data an erasure has since removed elsewhere): at
                // a process's first write, and at each compaction.
                if !current.sweptLeftovers {
                    _ = try removeLeftovers(in: layout.writerDirectories)
                    current.sweptLeftovers = true
                }
                return try body(&current)
            }
        }
        return try outcome.get()
    }
}
