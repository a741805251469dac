import CareDomain
import Foundation
import Synchronization
import Testing

@testable import CareConsole

/// A store that opens a console on its customers' summaries, as a store on
/// a server does (`CareStore.openListing`): the records come with the next
/// refresh, which waits for `release()` so a test can act before they do.
final class ListingStore: CareStore {
    let base: FileStore
    private let listed = Mutex(false)
    private let gate = DispatchSemaphore(value: 0)

    init(_ base: FileStore) { self.base = base }

    func release() { gate.signal() }

    /// `state` with its customers as their stored summaries alone.
    static func listing(of state: StoreState) -> StoreState {
        var listing = state
        let stored = StoredSummary.all(.customers, in: state)
        var entries = Data()
        func bigEndian(_ value: Int) { withUnsafeBytes(of: UInt32(value).bigEndian) { entries.append(contentsOf: $0) } }
        for (id, summary) in zip(stored.ids, stored.summaries) {
            bigEndian(state.customers.version(of: CustomerID(id)) ?? 0)
            bigEndian(1)
            bigEndian(summary.count)
            entries.append(contentsOf: summary)
        }
        _ = listing.takeSummaries(.customers, entries: entries, source: "test customers")
        return listing
    }

    func openListing() throws(StoreError) -> StoreState {
        listed.withLock { $0 = true }
        return Self.listing(of: try base.open())
    }
    func open() throws(StoreError) -> StoreState { try base.open() }
    func refresh() throws(StoreError) -> StoreState? {
        guard listed.withLock({ $0 }) else { return try base.refresh() }
        _ = gate.wait(timeout: .now() + 10)
        listed.withLock { $0 = false }
        return try base.open()
    }
    func transact(by author: Author, _ body: (StoreState, any HistoryReader) throws -> Transaction) throws
        -> StoreState
    { try base.transact(by: author, body) }
    func journalEntries() throws(StoreError) -> [JournalEntry] { try base.journalEntries() }
    func journalEntries(concerning customer: CustomerID) throws(StoreError) -> [JournalEntry] {
        try base.journalEntries(concerning: customer)
    }
    func takeNotices() -> [StoreNotice] { base.takeNotices() }
    func compactIfDue() throws(StoreError) -> Bool { false }
    func figures(withRows: Bool) throws(StoreError) -> StoreFigures { try base.figures(withRows: withRows) }
    func open(only collections: Set<Collection>) throws(StoreError) -> StoreState {
        try base.open(only: collections)
    }
    func moments(of customer: CustomerID) throws(StoreError) -> [Moment] { try base.moments(of: customer) }
    func ledger(of customer: CustomerID) throws(StoreError) -> [LedgerEntry] { try base.ledger(of: customer) }
    func incidentEvents(of customer: CustomerID) throws(StoreError) -> [IncidentEvent] {
        try base.incidentEvents(of: customer)
    }
}

/// A terminal that hands over one key, then lets the store's records come
/// (`ListingStore.release`), waits until a frame shows `awaited`, and quits.
final class StepTerminal: Terminal {
    let memory: MemoryTerminal
    private var keys: [Key]
    private let store: ListingStore
    private let awaited: (Screen) -> Bool
    private var released = false
    private let deadline = Date().addingTimeInterval(10)

    init(size: Size, first keys: [Key], store: ListingStore, until awaited: @escaping (Screen) -> Bool) {
        memory = MemoryTerminal(size: size)
        self.keys = keys
        self.store = store
        self.awaited = awaited
    }

    var size: Size { memory.size }
    func draw(_ screen: Screen) { memory.draw(screen) }
    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        if !keys.isEmpty { return .key(keys.removeFirst()) }
        if !released {
            released = true
            store.release()
        }
        if awaited(memory.screen) || Date() > deadline { return .key(.character("q")) }
        Thread.sleep(forTimeInterval: Double(min(timeoutMilliseconds, 20)) / 1000)
        return nil
    }
}

@Suite struct ListingTests {
    /// Opened on the customers' summaries: the list and the queue are
    /// drawn at once, the status bar says the records are being read, a
    /// key that needs a record says to wait (moving and the filter work);
    /// the records come by themselves, without a tick, and the profile
    /// of the customer selected is shown.
    @Test func aConsoleOpenedOnTheSummariesShowsTheListAtOnceAndTheProfileWhenTheRecordsCome() throws {
        let (seeded, directory) = try seededState(customers: 12)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = ListingStore(FileStore(directory: directory, clock: .fixed(seeded.now)))
        let listing = try store.openListing()
        #expect(!listing.holdsEveryRecord)
        let firstName = try #require(seeded.rows.first?.summary.name)
        let secondName = try #require(seeded.rows.dropFirst().first?.summary.name)
        let terminal = StepTerminal(
            size: Size(width: 80, height: 24), first: [.character("j"), .character("b")], store: store
        ) { screen in
            screen.lines[2].contains(" · since ")
        }
        try Console(store: store, author: Author(login: "boss"), clock: .fixed(seeded.now)).run(
            on: terminal, opened: listing)
        let screens = terminal.memory.screens
        // The first frame: the list and the queue, the profile being read.
        let first = try #require(screens.first)
        #expect(first.lines[0].contains("1 Customers (12)"))
        #expect(first.lines.contains { $0.contains("4 Incident queue (\(seeded.queue.count) open)") })
        #expect(first.lines[1].contains("Reading \(firstName)…"))
        #expect(first.lines[23].contains(" reading… "))
        // j moved to the second customer; b (a purchase) was refused with a sentence.
        #expect(
            screens.contains {
                $0.lines[23].contains(" reading…  Still reading the records: one moment.")
                    && $0.lines[1].contains("Reading \(secondName)…")
            })
        #expect(!screens.contains { $0.lines.contains { $0.contains("Record a purchase") } })
        // The records came: the second customer's profile, and the sentence
        // that asked to wait is gone without a key.
        let shown = try #require(screens.first { $0.lines[2].contains(" · since ") })
        #expect(shown.lines[1].contains(secondName))
        #expect(!shown.lines[23].contains("reading…"))
        #expect(!shown.lines[23].contains("Still reading"))
    }

    /// The same refusal comes from the palette, which runs the same bindings.
    @Test func everyActionButMovingTheFilterHelpAndQuittingWaitsForTheRecords() throws {
        let (seeded, directory) = try seededState(customers: 5)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var state = seeded
        _ = update(&state, .storeChanged(ListingStore.listing(of: seeded.store)))
        for binding in KeyMap.bindings {
            var trying = state
            _ = MainScreen.perform(binding, in: &trying)
            let refused = trying.message == MainScreen.recordsStillComing
            #expect(refused == !binding.action.worksOnSummaries, "\(binding.label)")
        }
        // With the records read, nothing is refused for them.
        _ = update(&state, .storeChanged(seeded.store))
        for binding in KeyMap.bindings {
            var trying = state
            _ = MainScreen.perform(binding, in: &trying)
            #expect(trying.message?.hasPrefix("Still reading") != true, "\(binding.label)")
        }
    }
}
