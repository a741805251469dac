/// A transaction: what changes, and a line that says what it was for the
/// audit trail ("note on incident I000042").
public struct Transaction: Sendable, Equatable {
    public var summary: String
    public var changes: [Change]
    /// Field changes with their values, kept out of the summary (which
    /// erasure only scrubs of names, phones and emails): see `JournalEntry.fields`.
    public var fields: [String]?

    public init(summary: String, changes: [Change], fields: [String]? = nil) {
        self.summary = summary
        self.changes = changes
        self.fields = fields
    }
}

/// Customers' histories, which are read per customer, never all at once.
public protocol HistoryReader: Sendable {
    /// A customer's timeline, oldest first.
    func moments(of customer: CustomerID) throws(StoreError) -> [Moment]
    /// A customer's points ledger, oldest first.
    func ledger(of customer: CustomerID) throws(StoreError) -> [LedgerEntry]
    /// The steps of every incident of the customer, in the order written.
    func incidentEvents(of customer: CustomerID) throws(StoreError) -> [IncidentEvent]
    /// The ledger of `customer` as the caller holds the record (a writer
    /// checks it against the record's balance without decoding it again).
    func ledger(of customer: Customer) throws(StoreError) -> [LedgerEntry]
    /// The ledgers of many customers (records as the caller holds them),
    /// in their order: what an expiry run reads for a batch. A store on a
    /// server asks once for them all; files are read on every core.
    func ledgers(of customers: [Customer]) throws(StoreError) -> [[LedgerEntry]]
}

extension HistoryReader {
    public func ledger(of customer: Customer) throws(StoreError) -> [LedgerEntry] { try ledger(of: customer.id) }

    public func ledgers(of customers: [Customer]) throws(StoreError) -> [[LedgerEntry]] {
        let read = Parallel.flatMap(customers.count, minimum: 64) { range in
            customers[range].map { customer in Result { () throws(StoreError) in try ledger(of: customer) } }
        }
        return try read.map { result throws(StoreError) in try result.get() }
    }
}

/// The store as the console and the commands see it. Reads give a value
/// (`StoreState`); every write is one transaction, checked against what is on
/// disk at the moment of writing and durable when the call returns.
public protocol CareStore: HistoryReader, Sendable {
    /// Loads the current state (snapshots plus the journal since).
    func open() throws(StoreError) -> StoreState
    /// What a console's first screen needs: every record's summary, and
    /// the records a console reads at once. A store that is slow to read
    /// its customers' records (a server's: 60 MB of text at 100,000
    /// customers) may leave them as their summaries
    /// (`StoreState.holdsEveryRecord` is then false); its next `refresh()`
    /// reads the store whole.
    func openListing() throws(StoreError) -> StoreState
    /// Picks up other sessions' changes; nil when there were none.
    func refresh() throws(StoreError) -> StoreState?
    /// Writes `transaction` if every record it puts is still at the version
    /// it was read at; refuses it (`StoreError.stale`) otherwise.
    func commit(_ transaction: Transaction, by author: Author) throws(StoreError) -> StoreState
    /// Every transaction in the journal, oldest first: the audit trail.
    func journalEntries() throws(StoreError) -> [JournalEntry]
    /// The transactions that concern `customer`, oldest first: their audit
    /// trail, read without reading the whole journal where the store can.
    func journalEntries(concerning customer: CustomerID) throws(StoreError) -> [JournalEntry]
    /// Read-check-write under the writer lock: `body` sees the state and the
    /// histories as they are on disk now and returns what to change (a
    /// transaction without changes writes nothing).
    func transact(by author: Author, _ body: (StoreState, any HistoryReader) throws -> Transaction) throws -> StoreState
    /// What the store had to say about changes saved since the last call
    /// (a compaction that failed after the change was durable), oldest first.
    func takeNotices() -> [StoreNotice]
    /// Folds the journal into the snapshots if it has grown past the
    /// store's thresholds (true when it did): what a console runs off its
    /// loop after its writes, so that no keystroke waits for a compaction.
    func compactIfDue() throws(StoreError) -> Bool
    /// Every customer's figures as of the last change, for the reports and
    /// the expiry run: kept by the store, so no history is read. Without
    /// `withRows`, only each customer's expiry day (the rows left empty).
    func figures(withRows: Bool) throws(StoreError) -> StoreFigures
    /// The state with only `collections` loaded, the others left empty.
    func open(only collections: Set<Collection>) throws(StoreError) -> StoreState
    /// `open()` and `figures()`, what a report reads: a store on a server
    /// asks for both at once, on two connections.
    func openWithFigures() throws(StoreError) -> (state: StoreState, figures: StoreFigures)
}

extension CareStore {
    /// A store that reads its records quickly opens whole.
    public func openListing() throws(StoreError) -> StoreState { try open() }

    public func openWithFigures() throws(StoreError) -> (state: StoreState, figures: StoreFigures) {
        (try open(), try figures())
    }
    /// Every customer's figures, rows included.
    public func figures() throws(StoreError) -> StoreFigures { try figures(withRows: true) }

    /// Writes `transaction` as it is: `transact` with nothing to read.
    public func commit(_ transaction: Transaction, by author: Author) throws(StoreError) -> StoreState {
        do {
            return try transact(by: author) { _, _ in transaction }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .invalidChange("\(error)")
        }
    }

    /// `transact` for changes that need no history.
    public func transact(by author: Author, _ body: (StoreState) throws -> Transaction) throws -> StoreState {
        try transact(by: author) { state, _ in try body(state) }
    }
}

/// One customer's histories, as a first fill hands them to a store.
public struct CustomerHistory: Sendable {
    public var customer: CustomerID
    public var moments: [Moment] = []
    public var ledger: [LedgerEntry] = []
    public var incidentEvents: [IncidentEvent] = []

    public init(
        customer: CustomerID, moments: [Moment] = [], ledger: [LedgerEntry] = [], incidentEvents: [IncidentEvent] = []
    ) {
        self.customer = customer
        self.moments = moments
        self.ledger = ledger
        self.incidentEvents = incidentEvents
    }
}

/// A first fill's histories, handed over one customer at a time (each
/// customer once), so that a large store is never held whole in memory.
public typealias HistorySource = ((CustomerHistory) throws -> Void) throws -> Void

/// A store that can be made from nothing: its first records and histories,
/// written whole or not at all, in a place that holds no store yet
/// (`care init`, a migration's target).
public protocol StoreCreating: CareStore {
    /// `journal`: the transactions of the store this one continues (a
    /// migration), kept as they were; the fill's own transaction follows.
    /// `histories` hands each customer's histories to the closure it is
    /// given; a customer not among `records` is refused.
    func create(
        records: InitialRecords, journal: [JournalEntry], summary: String, by author: Author,
        histories: HistorySource) throws
}

extension StoreCreating {
    /// A new store of its own, with no earlier transactions, and its
    /// histories given as changes (moments, points and incident steps).
    public func create(records: InitialRecords, histories: [Change] = [], summary: String, by author: Author) throws {
        let grouped = try CustomerHistory.grouped(histories)
        try create(records: records, journal: [], summary: summary, by: author) { each in
            for history in grouped { try each(history) }
        }
    }
}

extension CustomerHistory {
    /// History changes grouped by customer, in id order.
    static func grouped(_ changes: [Change]) throws -> [CustomerHistory] {
        var found: [CustomerID: CustomerHistory] = [:]
        for change in changes {
            switch change {
            case .moment(let moment):
                found[moment.customer, default: .init(customer: moment.customer)].moments.append(moment)
            case .ledger(let entry):
                found[entry.customer, default: .init(customer: entry.customer)].ledger.append(entry)
            case .incidentEvent(let event):
                found[event.customer, default: .init(customer: event.customer)].incidentEvents.append(event)
            default:
                throw StoreError.invalidChange(
                    tr("A store's first histories hold moments, points and incident steps only."))
            }
        }
        return found.keys.sorted().compactMap { found[$0] }
    }

    /// The histories as changes, in the order a store writes them.
    package var changes: [Change] {
        moments.map(Change.moment) + ledger.map(Change.ledger) + incidentEvents.map(Change.incidentEvent)
    }
}
