import CareDomain
import Foundation
import PostgresNIO

extension PostgresStore {
    /// What an erasure on PostgreSQL touched.
    public struct Erasure: Sendable, Equatable {
        public var journalRowsRewritten = 0
        public var historyRowsRewritten = 0
        /// The tables rewritten whole afterwards, so that no old version of
        /// a changed row is left in them.
        public var tablesVacuumed: [String] = []
        /// The records had been erased by an earlier run (this one looked
        /// again and vacuumed).
        public var recordsWereErased = false
        /// Transactions begun before the erasure and still open when the
        /// vacuum ran (after waiting `PostgresStore.vacuumWait` for them):
        /// the old row versions they may read are kept until they end, so
        /// the command is to be run again then.
        public var olderTransactionsOpen = 0
    }

    /// How long an erasure waits for transactions begun before it (any
    /// database's: they hold back what a vacuum may remove) to end.
    static let vacuumWait: Duration = .seconds(30)

    /// Removes `customer`'s personal data from every table, the journal
    /// included, in one SQL transaction under the writer lock: the records
    /// erased as a journaled change; their history rows and every journal
    /// row about them rewritten without it; then every table searched for
    /// what identified them (`PrivacyRules.identifyingStrings`), and the
    /// transaction rolled back, nothing changed, if any is left. After the
    /// commit, `VACUUM FULL` rewrites the tables whose rows changed, so no
    /// old row version keeps the data (the tables are locked meanwhile).
    /// What the server's WAL and backups keep is the README's "Erasure on
    /// PostgreSQL".
    ///
    /// Duplicates merged into the customer are the same person: each is
    /// erased first, the same way.
    public func erase(_ customer: CustomerID, by author: Author) throws -> Erasure {
        var erasure = Erasure()
        var changed = Set<String>()
        for pointer in PrivacyRules.pointers(to: customer, in: try open()) + [customer] {
            let done = try eraseOne(pointer, by: author, changing: &changed)
            erasure.journalRowsRewritten += done.journalRowsRewritten
            erasure.historyRowsRewritten += done.historyRowsRewritten
            erasure.recordsWereErased = done.recordsWereErased
        }
        erasure.tablesVacuumed = changed.sorted()
        if !changed.isEmpty {
            erasure.olderTransactionsOpen = try link.withSQL { sql throws(StoreError) in
                let open = try Self.waitForOlderTransactions(sql)
                try sql.run("VACUUM FULL \(erasure.tablesVacuumed.joined(separator: ", "))")
                return open
            }
        }
        return erasure
    }

    /// Waits (up to `vacuumWait`) until no session, of any database on the
    /// server, is in a transaction begun before now: a vacuum keeps every
    /// row version such a transaction might still read, the erased ones
    /// included. Returns how many were still open.
    private static func waitForOlderTransactions(_ sql: PostgresSQL) throws(StoreError) -> Int {
        guard let row = try sql.rows("SELECT clock_timestamp()").first else { return 0 }
        let now = try sql.decode(row, as: Date.self)
        let deadline = ContinuousClock.now + vacuumWait
        while true {
            let rows = try sql.rows(
                """
                SELECT count(*)::bigint FROM pg_stat_activity WHERE pid <> pg_backend_pid()
                AND (backend_xmin IS NOT NULL OR backend_xid IS NOT NULL) AND xact_start < \(now)
                """)
            let open = try rows.first.map { row throws(StoreError) in try sql.decode(row, as: Int.self) } ?? 0
            if open == 0 || ContinuousClock.now >= deadline { return open }
            Thread.sleep(forTimeInterval: 0.25)
        }
    }

    private func eraseOne(_ customer: CustomerID, by author: Author, changing changed: inout Set<String>) throws
        -> Erasure
    {
        var erasure = Erasure()
        var touched = Set<String>()
        // What `erase` opened (or the last erasure left): the writer
        // catches it up from the journal, not by reading every table again.
        let held = loaded.withLock { $0 }
        let state = try link.withConnection { sql in
            try PostgresWriter(sql: sql, clock: clock, link: link).transact(
                held: held, by: author,
                { state, _ in
                    guard let record = try state.customers.find(customer) else {
                        throw PrivacyRefusal.unknownCustomer(customer)
                    }
                    erasure.recordsWereErased = record.erasedAt != nil
                    guard record.erasedAt == nil else {
                        guard state.activeSupervisor(author) != nil else { throw PrivacyRefusal.supervisorsOnly }
                        return Transaction(summary: "", changes: [])
                    }
                    return try PrivacyRules.eraseRecords(in: state, customer: customer, by: author, at: clock.now)
                },
                then: { after throws in
                    let scrub = PostgresErasure(customer: customer, sql: sql)
                    let entries = try scrub.journalEntries()
                    guard let record = try after.customers.find(customer) else { return }
                    // The record before erasure is in the journal's versions of it.
                    let strings = PrivacyRules.identifyingStrings(of: record, in: after, entries: entries)
                    erasure.historyRowsRewritten = try scrub.histories(touched: &touched)
                    erasure.journalRowsRewritten = try scrub.journal(entries, naming: strings, touched: &touched)
                    // A run after one stopped before its vacuum vacuums them all.
                    touched.formUnion(
                        erasure.recordsWereErased
                            ? PostgresErasure.recordTables + PostgresSchema.histories + ["journal"]
                            : PostgresErasure.recordTables)
                    if let holder = try scrub.firstHolder(of: strings) {
                        throw StoreError.invalidChange(
                            tr(
                                "%@ still holds personal data of customer %@; nothing was erased. Run `care privacy erase %@ --confirm` again, or look at that table.",
                                holder, customer, customer))
                    }
                })
        }
        loaded.withLock { $0 = state }
        changed.formUnion(touched)
        return erasure
    }
}

/// The queries of one customer's erasure, in the writer's transaction.
struct PostgresErasure {
    let customer: CustomerID
    let sql: PostgresSQL

    /// The tables whose rows may quote a customer's data: the records that
    /// can (customers, incidents), the histories and the journal.
    static let recordTables = ["customers", "incidents"]

    /// Every journal row about the customer, oldest first.
    func journalEntries() throws(StoreError) -> [JournalEntry] {
        try PostgresJournal.entries(
            sql,
            """
            SELECT j.entry::text FROM journal_customers c JOIN journal j ON j.seq = c.seq
            WHERE c.customer = \(customer.rawValue) ORDER BY j.seq
            """)
    }

    /// Rewrites the customer's history rows without their personal data;
    /// returns how many changed.
    func histories(touched: inout Set<String>) throws(StoreError) -> Int {
        var count = try rewrite("moments", Moment.self) { $0.withoutPersonalData() }
        count += try rewrite("ledger", LedgerEntry.self) { $0.withoutPersonalData() }
        count += try rewrite("incident_events", IncidentEvent.self) { $0.withoutPersonalData() }
        for table in PostgresSchema.histories where count > 0 { touched.insert(table) }
        return count
    }

    /// Rewrites the journal rows about the customer without their data
    /// (the entry and the summary column); returns how many changed.
    func journal(_ entries: [JournalEntry], naming strings: [String], touched: inout Set<String>)
        throws(StoreError) -> Int
    {
        var count = 0
        for entry in entries {
            let cleaned = entry.withoutPersonalData(of: customer, naming: strings)
            guard cleaned != entry else { continue }
            try sql.rows(
                "UPDATE journal SET entry = \(try Self.text(cleaned))::json, summary = \(cleaned.summary) WHERE seq = \(entry.seq)"
            )
            count += 1
        }
        if count > 0 { touched.insert("journal") }
        return count
    }

    /// The first table that still holds one of `strings` (as written or as
    /// JSON writes it): the records, the customer's histories, the journal.
    func firstHolder(of strings: [String]) throws(StoreError) -> String? {
        let forms = PrivacyRules.writtenForms(of: strings).map { String(decoding: $0, as: UTF8.self) }
        guard !forms.isEmpty else { return nil }
        let anyForm = "EXISTS (SELECT 1 FROM unnest($1::text[]) f WHERE strpos(%@, f) > 0)"
        var places: [(String, String)] = Self.recordTables.map { ($0, "doc::text") }
        places += PostgresSchema.histories.map { ($0, "doc::text") }
        places.append(("journal", "entry::text || summary"))
        for (table, text) in places {
            let own = PostgresSchema.histories.contains(table) ? "customer = $2 AND " : ""
            var binds = PostgresBindings()
            binds.append(forms)
            if !own.isEmpty { binds.append(customer.rawValue) }
            let condition = anyForm.replacingOccurrences(of: "%@", with: text)
            let found = try sql.rows(
                PostgresQuery(unsafeSQL: "SELECT 1 FROM \(table) WHERE \(own)\(condition) LIMIT 1", binds: binds))
            if !found.isEmpty { return table }
        }
        return nil
    }

    private func rewrite<T: Codable & Equatable>(_ table: String, _ type: T.Type, _ clean: (T) -> T)
        throws(StoreError) -> Int
    {
        let decoder = CareJSON.decoder()
        var binds = PostgresBindings()
        binds.append(customer.rawValue)
        let rows = try sql.rows(
            PostgresQuery(unsafeSQL: "SELECT n, doc::text FROM \(table) WHERE customer = $1 ORDER BY n", binds: binds))
        var count = 0
        for row in rows {
            let (n, text) = try sql.decode(row, as: (Int, String).self)
            let item = try PostgresJournal.decode(type, text, decoder: decoder, table: table, store: sql.store)
            let cleaned = clean(item)
            guard cleaned != item else { continue }
            var update = PostgresBindings()
            update.append(try Self.text(cleaned))
            update.append(n)
            try sql.rows(PostgresQuery(unsafeSQL: "UPDATE \(table) SET doc = $1::json WHERE n = $2", binds: update))
            count += 1
        }
        return count
    }

    private static func text<T: Encodable>(_ value: T) throws(StoreError) -> String {
        do {
            return String(decoding: try CareJSON.encoder().encode(value), as: UTF8.self)
        } catch {
            throw .invalidChange("\(error)")
        }
    }
}
