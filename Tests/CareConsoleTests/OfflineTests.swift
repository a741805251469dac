import CareDomain
import Foundation
import Synchronization
import Testing

@testable import CareConsole

/// A store whose server can be taken away: every call throws what a store
/// on a server that cannot be reached throws, until it is back.
final class SeveredStore: CareStore {
    let base: FileStore
    private let down = Mutex(false)

    init(_ base: FileStore) { self.base = base }

    func sever(_ severed: Bool) { down.withLock { $0 = severed } }

    private func reach() throws(StoreError) {
        if down.withLock({ $0 }) {
            throw .unreachable(store: "postgresql://care@db/care", reason: "connection refused")
        }
    }

    func open() throws(StoreError) -> StoreState {
        try reach()
        return try base.open()
    }
    func refresh() throws(StoreError) -> StoreState? {
        try reach()
        return try base.refresh()
    }
    func transact(by author: Author, _ body: (StoreState, any HistoryReader) throws -> Transaction) throws
        -> StoreState
    {
        try reach()
        return try base.transact(by: author, body)
    }
    func journalEntries() throws(StoreError) -> [JournalEntry] {
        try reach()
        return try base.journalEntries()
    }
    func journalEntries(concerning customer: CustomerID) throws(StoreError) -> [JournalEntry] {
        try reach()
        return try base.journalEntries(concerning: customer)
    }
    func takeNotices() -> [StoreNotice] { base.takeNotices() }
    func compactIfDue() throws(StoreError) -> Bool { false }
    func figures(withRows: Bool) throws(StoreError) -> StoreFigures {
        try reach()
        return try base.figures(withRows: withRows)
    }
    func open(only collections: Set<Collection>) throws(StoreError) -> StoreState {
        try reach()
        return try base.open(only: collections)
    }
    func moments(of customer: CustomerID) throws(StoreError) -> [Moment] {
        try reach()
        return try base.moments(of: customer)
    }
    func ledger(of customer: CustomerID) throws(StoreError) -> [LedgerEntry] {
        try reach()
        return try base.ledger(of: customer)
    }
    func incidentEvents(of customer: CustomerID) throws(StoreError) -> [IncidentEvent] {
        try reach()
        return try base.incidentEvents(of: customer)
    }
}

@Suite struct OfflineTests {
    /// The server goes away: the status bar says so once (no message at
    /// every tick), the screen keeps what it holds, a write is refused with
    /// a sentence and its dialog kept; the server back, it all goes on.
    @Test func aConsoleWhoseServerGoesAwaySaysItIsOfflineAndComesBackByItself() throws {
        var (state, directory) = try seededState(customers: 5)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = SeveredStore(FileStore(directory: directory, clock: .fixed(state.now)))
        _ = try store.open()
        let console = Console(store: store, author: Author(login: "boss"), clock: .fixed(state.now))
        let shownBefore = render(state, size: Size(width: 80, height: 24)).lines

        store.sever(true)
        let lost = try #require(console.perform(.refreshStore, in: state))
        guard case .offline(let reason) = lost else {
            Issue.record("not offline: \(lost)")
            return
        }
        #expect(reason.contains("cannot be reached"))
        _ = update(&state, lost)
        #expect(state.offline == reason)
        #expect(state.message == nil)
        let offline = render(state, size: Size(width: 80, height: 24)).lines
        #expect(offline.last?.contains("offline: reconnecting, nothing can be saved") == true)
        // The panes still show what was read.
        #expect(Array(offline.dropLast()) == Array(shownBefore.dropLast()))

        let incident = try #require(state.store.incidents.summaries { $0.status != .resolved }.first?.id)
        let refused = try #require(console.perform(.act(.note(incident, "while offline")), in: state))
        guard case .refused(_, let sentence) = refused else {
            Issue.record("a write while offline was not refused: \(refused)")
            return
        }
        #expect(sentence.contains("nothing was changed"))

        store.sever(false)
        let back = try #require(console.perform(.refreshStore, in: state))
        guard case .online = back else {
            Issue.record("not back online: \(back)")
            return
        }
        _ = update(&state, back)
        #expect(state.offline == nil)
        #expect(render(state, size: Size(width: 80, height: 24)).lines.last?.contains("offline") == false)
        // Online and with nothing new, a tick says nothing.
        #expect(console.perform(.refreshStore, in: state) == nil)
    }
}
