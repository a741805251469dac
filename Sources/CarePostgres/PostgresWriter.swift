import CareDomain
import Foundation
import PostgresNIO

/// One write: a SQL transaction under the store's writer lock, on the
/// state as the database holds it at that moment.
struct PostgresWriter {
    let sql: PostgresSQL
    let clock: Clock
    /// Asks the server on a new connection, when this one was lost.
    let link: PostgresLink

    /// Runs `body` on the current state and writes what it returns, or
    /// nothing; returns the state after it. `held` is what this process
    /// read before (caught up here rather than read again).
    /// `then`, when given, runs in the same SQL transaction after the
    /// change is written (or when there is none), on the state after it.
    func transact(
        held: StoreState?, by author: Author, _ body: (StoreState, any HistoryReader) throws -> Transaction,
        then: ((StoreState) throws -> Void)? = nil
    ) throws -> StoreState {
        try sql.run("BEGIN ISOLATION LEVEL READ COMMITTED")
        var finished = false
        defer { if !finished { _ = try? sql.run("ROLLBACK") } }
        // Every writer of the store waits here for the one before it, so
        // what is read below stays as read until this one commits.
        try sql.rows("SELECT pg_advisory_xact_lock(\(PostgresStore.writerLock))")
        var state: StoreState
        if let held {
            state = try PostgresStore.catchUp(held, sql)
        } else {
            try PostgresSchema.check(sql)
            state = try PostgresStore.records(sql, only: nil)
        }
        let remembered = LedgersRead()
        let transaction = try body(state, PostgresHistory(sql: sql, remembered: remembered))
        guard !transaction.changes.isEmpty else {
            guard let then else { return state }
            try then(state)
            try sql.run("COMMIT")
            finished = true
            return state
        }
        try state.validate(transaction.changes)
        let entry = JournalEntry(
            seq: state.seq + 1, at: clock.now, author: author, summary: transaction.summary,
            changes: transaction.changes, fields: transaction.fields)
        let token = UUID()
        try write(entry, token: token)
        for change in entry.changes where change.recordKey != nil { state.apply(change) }
        state.seq = entry.seq
        // The figures move with the change, in the same transaction; those
        // whose rows it leaves as they are get their expiry day alone.
        let (touched, rowsChanged) = StoreFigures.changes(by: [entry])
        try PostgresFigures.update(
            touched, keepingRowsOf: touched.subtracting(rowsChanged), ledgers: remembered.after(entry.changes),
            state: state, today: Day(containing: clock.now), sql)
        try then?(state)
        try commit(entry, token: token)
        finished = true
        return state
    }

    /// The journal row, then every table the entry changes, from the row
    /// itself (each record and history entry is taken out of its JSON by
    /// the server, so nothing is encoded twice), then the customers it
    /// concerns (their audit trail).
    private func write(_ entry: JournalEntry, token: UUID) throws(StoreError) {
        try PostgresJournal.insert(entry, token: token, sql)
        let seq = entry.seq
        try PostgresPut.changes(entry.changes, from: .journalRow, bound: seq, sql)
        // Other sessions hear of it when it commits.
        try sql.rows("SELECT pg_notify(\(PostgresListener.channel), \(String(seq)))")
    }

    /// Commits; when the connection is lost on the way, asks a new one
    /// whether the transaction is there (by its token), so that the caller
    /// is told which: saved, not saved, or (no new connection either) in
    /// doubt. The question waits for the writer lock, which the lost
    /// transaction holds until the server has committed or dropped it.
    private func commit(_ entry: JournalEntry, token: UUID) throws(StoreError) {
        do {
            try sql.run("COMMIT")
        } catch {
            guard case .unreachable = error else { throw error }
            let saved: Bool
            do {
                saved = try link.withFreshConnection { fresh throws(StoreError) in
                    try fresh.inTransaction { () throws(StoreError) -> Bool in
                        try fresh.run("SET LOCAL lock_timeout = '10s'")
                        try fresh.rows("SELECT pg_advisory_xact_lock(\(PostgresStore.writerLock))")
                        return !(try fresh.rows("SELECT 1 FROM journal WHERE token = \(token)")).isEmpty
                    }
                }
            } catch {
                throw .inDoubt(store: sql.store, summary: entry.summary)
            }
            // Not there: the server dropped it, and nothing was changed.
            if !saved { throw error }
        }
    }
}
