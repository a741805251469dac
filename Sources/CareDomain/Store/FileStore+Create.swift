import Foundation
import Synchronization

/// Records for a store's first fill (seed, and later import into an empty store).
public struct InitialRecords: Sendable {
    public var customers: [Customer] = []
    public var agents: [Agent] = []
    public var touchpoints: [Touchpoint] = []
    public var incidents: [Incident] = []
    public var playbooks: [Playbook] = []
    public var rewards: [Reward] = []
    public var coupons: [Coupon] = []
    public var program: LoyaltyProgram?
    public var campaigns: [Campaign] = []

    public init() {}
}

/// Writes customers' histories during a first fill, without an fsync per
/// file: the whole fill is flushed once before the store is marked as created.
/// It works each customer's figures out as it goes, so that a new store's
/// `figures.bin` costs no second reading of the histories.
public struct HistoryWriter: Sendable {
    let layout: StoreLayout
    let today: Day
    let encoder = CareJSON.encoder()
    let figures = FigureCollector()

    /// `record` and `program`, when given, let the customer's expiry day be
    /// worked out now; without them it is worked out from the files after.
    public func write(
        _ customer: CustomerID, moments: [Moment], ledger: [LedgerEntry], incidentEvents: [IncidentEvent] = [],
        record: Customer? = nil, program: LoyaltyProgram? = nil
    ) throws(StoreError) {
        guard customer.isSafeFileName else {
            throw .invalidChange(tr("Customer id \"%@\" cannot hold history: use letters, digits, - _ or .", customer))
        }
        for (kind, data) in [
            (HistoryKind.moments, try HistoryFile.lines(moments, encoder: encoder)),
            (.ledger, try HistoryFile.lines(ledger, encoder: encoder)),
            (.incidentEvents, try HistoryFile.lines(incidentEvents, encoder: encoder)),
        ]
        where !data.isEmpty {
            // `create` made every bucket beforehand.
            try layout.files.writeUnsynced(layout.history(kind, of: customer), data)
        }
        figures.add(
            customer, moments: moments, ledger: ledger,
            expiry: record.flatMap { record in program.map { (record, $0, today) } })
    }
}

/// The figures a `HistoryWriter` has worked out, and the customers whose
/// expiry day it could not.
final class FigureCollector: Sendable {
    private let collected = Mutex<(figures: StoreFigures, withoutExpiry: Set<CustomerID>)>((StoreFigures(), []))

    func add(
        _ customer: CustomerID, moments: [Moment], ledger: [LedgerEntry],
        expiry: (customer: Customer, program: LoyaltyProgram, today: Day)?
    ) {
        collected.withLock { collected in
            collected.figures.customers[customer] = CustomerFigures.of(
                moments: moments, ledger: ledger, names: &collected.figures.names, expiry: expiry)
            if expiry == nil {
                collected.withoutExpiry.insert(customer)
            } else {
                collected.withoutExpiry.remove(customer)
            }
        }
    }

    var taken: (figures: StoreFigures, withoutExpiry: Set<CustomerID>) { collected.withLock { $0 } }
}

extension FileStore {
    /// Names a data directory may hold; anything else means it is not ours.
    static let ownNames: Set<String> = Set(
        Collection.allCases.map(\.fileName) + HistoryKind.allCases.map(\.rawValue) + [
            "store.json", "lock", "journal", StoreLayout.erasureDirectoryName, StoreLayout.figuresName,
            StoreLayout.indexDirectoryName,
        ])

    /// Creates the store with its first records. Refuses a directory that
    /// already holds a store, or other files than care's (`--data ~` by
    /// mistake). `fill` writes the customers' histories with the writer and
    /// returns the records and a summary for the journal. The store exists
    /// only once everything is on disk: `store.json` is written last.
    /// `journal`: transactions of another store this one continues (a
    /// migration), kept first as they were; the fill's own follows them.
    public func create(
        by author: Author, journal: [JournalEntry] = [], _ fill: (HistoryWriter) throws -> (InitialRecords, String)
    ) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: layout.directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw StoreError.notADirectory(path: layout.directory) }
            if manager.fileExists(atPath: layout.manifest) { throw StoreError.notEmpty(directory: layout.directory) }
            let names = (try? manager.contentsOfDirectory(atPath: layout.directory)) ?? []
            if let foreign = names.first(where: { !Self.ownNames.contains($0) && !$0.hasPrefix(".") }) {
                throw StoreError.invalidChange(
                    tr(
                        "%@ is not empty and is not a care store (it holds %@); choose an empty or new --data directory.",
                        layout.directory, foreign)
                )
            }
        } else {
            try DurableFile.makeDataDirectory(layout.directory)
        }
        guard access(layout.directory, W_OK) == 0 else {
            throw StoreError.notWritable(path: layout.directory, reason: "permission denied")
        }
        // Customer ids are file names: the directory is not for other users
        // to list either, whatever mode it was made with.
        if let mode = Posix.fileMode(layout.directory), mode & 0o007 != 0 {
            _ = chmod(layout.directory, mode & 0o7770)
        }
        let outcome = try FileLock.withExclusive(layout) { () throws -> Void in
            if manager.fileExists(atPath: layout.manifest) { throw StoreError.notEmpty(directory: layout.directory) }
            // Leftovers of a fill that crashed before store.json was written.
            removeFillLeftovers()
            // A fill that fails (or is interrupted) leaves no half store behind.
            var finished = false
            defer { if !finished { removeFillLeftovers() } }
            for kind in HistoryKind.allCases {
                try layout.files.makeDirectory(layout.historyDirectory(kind))
                for bucket in 0..<256 {
                    try layout.files.makeDirectory(layout.historyDirectory(kind) + "/" + StoreLayout.bucketName(bucket))
                }
            }
            let today = Day(containing: clock.now)
            let writer = HistoryWriter(layout: layout, today: today)
            let (records, summary) = try fill(writer)
            var state = StoreState()
            for change in records.changes { state.apply(change) }
            let now = clock.now
            let encoder = CareJSON.encoder()
            var cursor = JournalCursor.start
            for earlier in journal { cursor = try Journal.append(earlier, after: cursor, layout, encoder: encoder) }
            let entry = JournalEntry(
                seq: (journal.last?.seq ?? 0) + 1, at: now, author: author, summary: summary, changes: [])
            cursor = try Journal.append(entry, after: cursor, layout, encoder: encoder)
            try writeSnapshots(state, cursor: cursor)
            var (figures, withoutExpiry) = writer.figures.taken
            let history = FoldedHistory(layout: layout, pending: .none)
            let program = state.program
            let unworked = state.customers.summaries.map(\.id).filter {
                figures.customers[$0] == nil || withoutExpiry.contains($0)
            }
            try figures.recompute(unworked, state: state, program: program, history: history, today: today)
            figures.cursor = cursor
            figures.programVersion = program?.version
            figures.expiryFrom = today
            try layout.files.replace(layout.figures, with: FiguresFile.encode(figures))
            try layout.files.syncFileSystem()
            try Manifest(
                format: Manifest.format, createdAt: now, createdBy: author.login, currency: "EUR",
                collections: Collection.allCases.map(\.rawValue)
            ).write(layout)
            finished = true
        }
        try outcome.get()
    }
}

extension FileStore {
    /// What a fill writes before `store.json`: histories, journal,
    /// snapshots and figures. Only ever called while no `store.json` exists.
    private func removeFillLeftovers() {
        let manager = FileManager.default
        let names =
            HistoryKind.allCases.map(\.rawValue) + ["journal", StoreLayout.figuresName, StoreLayout.indexDirectoryName]
            + Collection.allCases.map(\.fileName)
        for name in names {
            try? manager.removeItem(atPath: layout.directory + "/" + name)
        }
    }
}

extension InitialRecords {
    public var changes: [Change] {
        customers.map(Change.customer) + agents.map(Change.agent) + touchpoints.map(Change.touchpoint)
            + incidents.map(Change.incident) + playbooks.map(Change.playbook) + rewards.map(Change.reward)
            + coupons.map(Change.coupon) + (program.map { [Change.program($0)] } ?? []) + campaigns.map(Change.campaign)
    }
}

extension FileStore: StoreCreating {
    /// `create(by:)` with the histories handed over a customer at a time,
    /// each written as it comes.
    public func create(
        records: InitialRecords, journal: [JournalEntry], summary: String, by author: Author,
        histories: HistorySource
    ) throws {
        let known = Set(records.customers.map(\.id))
        try create(by: author, journal: journal) { writer in
            try histories { history in
                guard known.contains(history.customer) else {
                    throw StoreError.missing(collection: .customers, id: history.customer.rawValue)
                }
                try writer.write(
                    history.customer, moments: history.moments, ledger: history.ledger,
                    incidentEvents: history.incidentEvents)
            }
            return (records, summary)
        }
    }
}
