import CareDomain
import Foundation
import PostgresNIO
import Synchronization

/// The store on PostgreSQL, with the file store's promises: a transaction
/// is one SQL transaction, made under one lock for every writer of the
/// store (a transaction-scoped advisory lock, as the file store's `flock`),
/// checked against the versions in the database at that moment, durable
/// when the call returns, and journaled with who, acting as whom, when and
/// a summary. The tables are `PostgresSchema`'s.
public final class PostgresStore: StoreCreating {
    public let location: PostgresLocation
    let link: PostgresLink
    let clock: Clock
    /// The state this process holds, and the journal position it reflects.
    let loaded = Mutex<StoreState?>(nil)
    /// The state `openListing` gave, its customers' records still unread.
    private let listed = Mutex<StoreState?>(nil)
    /// Other sessions' commits, heard rather than polled for.
    let listener: PostgresListener
    /// When `refresh` last asked the server, and how many times it has.
    private let lastAsked = Mutex<(at: Date, count: Int)>((.distantPast, 0))

    /// How long a listening store goes without asking the server at all:
    /// a notification lost with its connection is made up for by then.
    static let quietAsk: TimeInterval = 10

    /// The lock every writer of a store takes for its transaction: a
    /// constant, since one database holds one store.
    static let writerLock: Int64 = 0x6361_7265

    public init(location: PostgresLocation, clock: Clock = .system) {
        self.location = location
        self.link = PostgresLink(location: location)
        self.listener = PostgresListener(location: location)
        self.clock = clock
    }

    deinit {
        listener.close()
        link.close()
    }

    /// How many times `refresh` has asked the server (for the tests).
    var refreshQueries: Int { lastAsked.withLock { $0.count } }

    /// Makes the store's tables in an empty database and puts `records`
    /// and `histories` in them, in one SQL transaction: as the file store's
    /// first fill, the journal's first transaction says who made the store
    /// and holds no change (the records are the tables). A database that
    /// already holds a store is refused untouched.
    public func create(
        records: InitialRecords, journal: [JournalEntry], summary: String, by author: Author,
        histories: HistorySource
    ) throws {
        try link.withConnection { sql in
            try sql.run("BEGIN ISOLATION LEVEL READ COMMITTED")
            var finished = false
            defer { if !finished { _ = try? sql.run("ROLLBACK") } }
            try PostgresSchema.create(sql)
            for earlier in journal { try PostgresJournal.insert(earlier, token: UUID(), sql) }
            let entry = JournalEntry(
                seq: (journal.last?.seq ?? 0) + 1, at: clock.now, author: author, summary: summary, changes: [])
            try PostgresJournal.insert(entry, token: UUID(), sql)
            var state = StoreState()
            for change in records.changes { state.apply(change) }
            try PostgresPut.inBatches(records.changes, sql)
            // Histories go in as they come, a batch at a time.
            var pending: [Change] = []
            func flush() throws {
                try state.validate(pending)
                try PostgresPut.inBatches(pending, sql)
                pending.removeAll(keepingCapacity: true)
            }
            try histories { history in
                pending += history.changes
                if pending.count >= PostgresPut.batchSize { try flush() }
            }
            try flush()
            state.seq = entry.seq
            try PostgresFigures.rebuild(state: state, today: Day(containing: clock.now), sql)
            try sql.run("COMMIT")
            finished = true
            // What autovacuum would do next, meanwhile slowing every reader:
            // the rows' hint bits set and the planner's statistics made, so
            // the store is at its speed from its first session on. The store
            // is made either way: a vacuum that fails is autovacuum's later.
            _ = try? sql.run("VACUUM (ANALYZE)")
        }
    }

    // MARK: Reading

    public func open() throws(StoreError) -> StoreState {
        let state = try link.withSQL { sql throws(StoreError) in try Self.load(sql, only: nil) }
        loaded.withLock { $0 = state }
        listed.withLock { $0 = nil }
        return state
    }

    /// The customers as their summaries (12 MB at 100,000 customers, not
    /// 60 MB of text with them: most of an open's time is the server
    /// sending the text), every other table whole. Not kept as the state
    /// held: the next `refresh()` reads the customers' records and puts
    /// them in it (a console draws its first screen from this and asks
    /// for that at once).
    public func openListing() throws(StoreError) -> StoreState {
        let state = try link.withSQL { sql throws(StoreError) in
            try Self.load(sql, only: nil, summariesOnly: [.customers])
        }
        loaded.withLock { $0 = nil }
        listed.withLock { $0 = state }
        return state
    }

    /// The listing with its customers read whole, and caught up: the
    /// other tables it holds are kept, not read and held a second time.
    private func readRecords(after listing: StoreState) throws(StoreError) -> StoreState {
        let whole = try link.withSQL { sql throws(StoreError) in
            var state = listing
            state.replaceTable(.customers, from: try Self.load(sql, only: [.customers]))
            // The customers may be newer than the listing: the
            // transactions since it put each changed record again, in
            // order, so all end as the last one left them.
            return try Self.catchUp(state, sql)
        }
        loaded.withLock { $0 = whole }
        listed.withLock { $0 = nil }
        return whole
    }

    public func open(only collections: Set<Collection>) throws(StoreError) -> StoreState {
        try link.withSQL { sql throws(StoreError) in try Self.load(sql, only: collections) }
    }

    /// Asks the server only when a commit was heard, or when it cannot
    /// listen (then every call asks), or once every `quietAsk` seconds.
    public func refresh() throws(StoreError) -> StoreState? {
        guard let held = loaded.withLock({ $0 }) else {
            if let listing = listed.withLock({ $0 }) { return try readRecords(after: listing) }
            return try open()
        }
        let heard = listener.ensureListening() ? listener.takeSignal() : true
        let now = Date()
        let asks = lastAsked.withLock { asked in
            guard heard || now.timeIntervalSince(asked.at) >= Self.quietAsk else { return false }
            asked = (now, asked.count + 1)
            return true
        }
        guard asks else { return nil }
        let caughtUp = try link.withSQL { sql throws(StoreError) in try Self.catchUp(held, sql) }
        guard caughtUp.seq != held.seq else { return nil }
        loaded.withLock { $0 = caughtUp }
        return caughtUp
    }

    public func moments(of customer: CustomerID) throws(StoreError) -> [Moment] {
        try link.withSQL { sql throws(StoreError) in try PostgresHistory(sql: sql).moments(of: customer) }
    }

    public func ledger(of customer: CustomerID) throws(StoreError) -> [LedgerEntry] {
        try link.withSQL { sql throws(StoreError) in try PostgresHistory(sql: sql).ledger(of: customer) }
    }

    public func incidentEvents(of customer: CustomerID) throws(StoreError) -> [IncidentEvent] {
        try link.withSQL { sql throws(StoreError) in try PostgresHistory(sql: sql).incidentEvents(of: customer) }
    }

    public func journalEntries() throws(StoreError) -> [JournalEntry] {
        try link.withSQL { sql throws(StoreError) in
            try PostgresJournal.entries(sql, "SELECT entry::text FROM journal ORDER BY seq")
        }
    }

    public func journalEntries(concerning customer: CustomerID) throws(StoreError) -> [JournalEntry] {
        try link.withSQL { sql throws(StoreError) in
            try PostgresJournal.entries(
                sql,
                """
                SELECT j.entry::text FROM journal_customers c JOIN journal j ON j.seq = c.seq
                WHERE c.customer = \(customer.rawValue) ORDER BY j.seq
                """)
        }
    }

    /// Nothing to report: a change either commits or is refused.
    public func takeNotices() -> [StoreNotice] { [] }

    /// PostgreSQL keeps its own tables in order (autovacuum) and there is no
    /// journal to fold; what is due is the file store's other duty, figures
    /// made again after another program (every expiry day depends on its
    /// months and thresholds). One cheap question after a write.
    public func compactIfDue() throws(StoreError) -> Bool {
        guard let program = loaded.withLock({ $0 })?.program else { return false }
        let stored = try link.withSQL { sql throws(StoreError) in try PostgresFigures.programVersion(sql) }
        guard stored != program.version else { return false }
        _ = try rebuildFigures()
        return true
    }

    /// The figures as the last transaction left them: kept in the same SQL
    /// transaction as every change, so nothing is caught up here.
    public func figures(withRows: Bool) throws(StoreError) -> StoreFigures {
        try link.withSQL { sql throws(StoreError) in try Self.readFigures(rows: withRows, sql) }
    }

    /// The three figures tables in one snapshot.
    static func readFigures(rows: Bool, _ sql: PostgresSQL) throws(StoreError) -> StoreFigures {
        try sql.inTransaction(isolation: "REPEATABLE READ READ ONLY") { () throws(StoreError) -> StoreFigures in
            try PostgresSchema.check(sql)
            return try PostgresFigures.read(rows: rows, sql)
        }
    }

    /// The records and the figures read at once, the figures on a
    /// connection of their own: the server works out both, and this
    /// process decodes both, side by side. Like `open()` then `figures()`
    /// on files, the two are read a moment apart, not in one snapshot.
    public func openWithFigures() throws(StoreError) -> (state: StoreState, figures: StoreFigures) {
        let read = Mutex<Result<StoreFigures, StoreError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let link = self.link
        DispatchQueue.global().async {
            let figures = Result { () throws(StoreError) -> StoreFigures in
                try link.withFreshConnection { sql throws(StoreError) in try Self.readFigures(rows: true, sql) }
            }
            read.withLock { $0 = figures }
            done.signal()
        }
        // A report lists and counts customers and incidents, and reads none:
        // their summaries come without the records' text.
        let state = Result { () throws(StoreError) -> StoreState in
            try link.withSQL { sql throws(StoreError) in
                try Self.load(sql, only: nil, summariesOnly: [.customers, .incidents])
            }
        }
        done.wait()
        let figures = read.withLock { $0 } ?? .failure(.unreachable(store: location.description, reason: "no answer"))
        return (try state.get(), try figures.get())
    }

    /// `care reindex`: every customer's figures worked out from the history
    /// tables in one transaction under the writer lock (writers wait; the
    /// reports read the figures as they were until it commits). Stopped on
    /// request, nothing changes.
    public func reindex(progress: WorkProgress = .none) throws -> StoreFigures {
        do {
            return try rebuildFigures(progress: progress, summaries: true)
        } catch {
            try progress.checkCancelled()
            throw error
        }
    }

    /// `reindex`; stopped on request, it throws to roll back.
    /// `summaries`: the tables are brought up to this care's schema first,
    /// and the records' stored summaries written again from their JSON.
    private func rebuildFigures(progress: WorkProgress = .none, summaries: Bool = false) throws(StoreError)
        -> StoreFigures
    {
        try link.withSQL { sql throws(StoreError) in
            try sql.inTransaction { () throws(StoreError) -> StoreFigures in
                try sql.rows("SELECT pg_advisory_xact_lock(\(Self.writerLock))")
                let state: StoreState
                if summaries {
                    try PostgresSchema.upgrade(sql)
                    state = try Self.records(sql, only: nil, summaries: false)
                    _ = try PostgresSummaries.rewrite(from: state, sql)
                } else {
                    try PostgresSchema.check(sql)
                    state = try Self.records(sql, only: nil)
                }
                progress.begin(tr("reindex: customers"), total: state.customers.count)
                let figures = try PostgresFigures.rebuild(
                    state: state, today: Day(containing: clock.now), sql, progress: progress)
                if progress.isCancelled { throw .invalidChange(tr("The figures were not worked out again.")) }
                return figures
            }
        }
    }

    // MARK: Writing

    public func transact(by author: Author, _ body: (StoreState, any HistoryReader) throws -> Transaction) throws
        -> StoreState
    {
        let held = loaded.withLock { $0 }
        let state = try link.withConnection { sql in
            try PostgresWriter(sql: sql, clock: clock, link: link).transact(held: held, by: author, body)
        }
        loaded.withLock { $0 = state }
        listed.withLock { $0 = nil }
        return state
    }

    // MARK: Loading

    /// The records as the database holds them now, in one snapshot of it.
    static func load(_ sql: PostgresSQL, only wanted: Set<Collection>?, summariesOnly: Set<Collection> = [])
        throws(StoreError) -> StoreState
    {
        try sql.inTransaction(isolation: "REPEATABLE READ READ ONLY") { () throws(StoreError) -> StoreState in
            try PostgresSchema.check(sql)
            return try records(sql, only: wanted, summariesOnly: summariesOnly)
        }
    }

    /// The records and the last transaction's number, read in the caller's
    /// transaction. `summaries`: listed from the summaries stored beside
    /// them when every one holds (`StoredSummary`); without, or when one
    /// does not, from a scan of their JSON (as `care check` and `care
    /// reindex` read them, to compare or write the summaries again).
    /// `summariesOnly`: these collections are read as their summaries
    /// alone when every one holds (a report's read, which reads no record).
    static func records(
        _ sql: PostgresSQL, only wanted: Set<Collection>?, summaries: Bool = true,
        summariesOnly: Set<Collection> = []
    ) throws(StoreError) -> StoreState {
        var state = StoreState()
        let collections = Collection.allCases.filter { wanted?.contains($0) ?? true }
        let alone = { (collection: Collection) in summaries && summariesOnly.contains(collection) }
        var unread: [Collection] = []
        // Every table asked at once: each is taken while the server makes
        // the next.
        try sql.pipelined(collections.map { query($0, text: !alone($0), summaries: summaries) }) {
            index, rows throws(StoreError) in
            let collection = collections[index]
            if alone(collection) {
                if try !takeSummaries(collection, rows, sql, into: &state) { unread.append(collection) }
            } else {
                try take(collection, rows, sql, into: &state)
            }
        }
        // Summaries that did not all hold: the text after all.
        for collection in unread {
            try take(collection, try sql.rows(query(collection, text: true, summaries: true)), sql, into: &state)
        }
        state.seq = try PostgresJournal.lastSeq(sql)
        return state
    }

    /// One value for the whole table: a row per record costs more to
    /// receive than the text itself. The summaries come in the same scan of
    /// the table, so in the same order as the text; a record without one
    /// stands as an entry of zeros (the summaries are then passed over and
    /// the JSON scanned). Without `text`, the summaries alone. In id order
    /// (the primary key's index gives it): the records are then found by
    /// a search of their sorted ids, with no dictionary of 100,000 built
    /// at each open (a collation that sorts otherwise than care gets the
    /// dictionary, as a table in the order of its pages did). The text
    /// comes framed as a snapshot (`StoreState.snapshotFrame`), so it is
    /// taken as it was received, not copied after a header.
    private static func query(_ collection: Collection, text: Bool, summaries: Bool) -> PostgresQuery {
        var binds = PostgresBindings()
        var lines = "NULL::text"
        if text {
            let frame = StoreState.snapshotFrame(of: collection)
            binds.append(frame.head)
            binds.append(frame.tail)
            lines = "$1 || string_agg(doc::text, E',\\n') || $2"
        }
        let entries =
            summaries ? "string_agg(coalesce(summary, \(PostgresSummaries.none)), ''::bytea)" : "NULL::bytea"
        let table = collection.rawValue
        return PostgresQuery(
            unsafeSQL: "SELECT \(lines), \(entries) FROM (SELECT doc, summary FROM \(table) ORDER BY id) \(table)",
            binds: binds)
    }

    /// Puts the table `query` read (its text, and its summaries when asked).
    private static func take(
        _ collection: Collection, _ rows: [PostgresRow], _ sql: PostgresSQL, into state: inout StoreState
    )
        throws(StoreError)
    {
        let source = "\(sql.store) \(collection.rawValue)"
        guard let row = rows.first else { return try state.take(collection, snapshot: nil, source: source) }
        let cells = row.makeRandomAccess()
        let stored = try sql.decode(cells[1], as: ByteBuffer?.self).map(Self.data(sharing:))
        let snapshot = try sql.decode(cells[0], as: ByteBuffer?.self).map(Self.data(sharing:))
        try state.take(collection, snapshot: snapshot, summaries: stored, source: source)
    }

    /// The buffer's bytes as `Data` without a copy (63 MB at 100,000
    /// customers: a copy doubled the open's peak memory): the `Data` holds
    /// the buffer's storage, which the connection, writing after it, copies
    /// rather than changes.
    private static func data(sharing buffer: ByteBuffer) -> Data {
        buffer.withUnsafeReadableBytesWithStorageManagement { bytes, storage in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return Data() }
            let held = storage.retain()
            return Data(
                bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count,
                deallocator: .custom { _, _ in held.release() })
        }
    }

    /// Puts the summaries `query` read without the text; false, and
    /// nothing put, when they do not all hold.
    private static func takeSummaries(
        _ collection: Collection, _ rows: [PostgresRow], _ sql: PostgresSQL, into state: inout StoreState
    ) throws(StoreError) -> Bool {
        guard let row = rows.first, let entries = try sql.decode(row.makeRandomAccess()[1], as: ByteBuffer?.self)
        else { return false }
        return state.takeSummaries(
            collection, entries: data(sharing: entries), source: "\(sql.store) \(collection.rawValue)")
    }

    /// `state` with the transactions committed since it was read applied.
    static func catchUp(_ state: StoreState, _ sql: PostgresSQL) throws(StoreError) -> StoreState {
        let entries = try PostgresJournal.entries(
            sql, "SELECT entry::text FROM journal WHERE seq > \(state.seq) ORDER BY seq")
        guard !entries.isEmpty else { return state }
        var state = state
        for entry in entries {
            for change in entry.changes where change.recordKey != nil { state.apply(change) }
            state.seq = entry.seq
        }
        return state
    }
}
