import CareDomain
import Foundation
import PostgresNIO

/// Reading what the tables hold back into the store's values: journal
/// entries, records and history entries are the same JSON the file store
/// writes.
enum PostgresJournal {
    /// The entries a query of one `entry::text` column returns.
    static func entries(_ sql: PostgresSQL, _ query: PostgresQuery) throws(StoreError) -> [JournalEntry] {
        let decoder = CareJSON.decoder()
        return try sql.rows(query).map { row throws(StoreError) in
            let text = try sql.decode(row, as: String.self)
            return try decode(JournalEntry.self, text, decoder: decoder, table: "journal", store: sql.store)
        }
    }

    /// Writes `entry` as the journal's next row, and the customers it
    /// concerns (their audit trail, read without the whole journal).
    static func insert(_ entry: JournalEntry, token: UUID, _ sql: PostgresSQL) throws(StoreError) {
        let text = String(decoding: try entry.line(encoder: CareJSON.encoder()), as: UTF8.self)
        let seq = entry.seq
        try sql.rows(
            """
            INSERT INTO journal (seq, at, login, acting_as, summary, token, entry)
            VALUES (\(seq), \(entry.at), \(entry.by), \(entry.actingAs?.rawValue), \(entry.summary), \(token), \(text)::json)
            """)
        let customers = Set(entry.changes.compactMap(\.customer)).map(\.rawValue).sorted()
        if !customers.isEmpty {
            try sql.rows(
                "INSERT INTO journal_customers (customer, seq) SELECT unnest(\(customers)::text[]), \(seq)")
        }
    }

    /// The last transaction's number, 0 for none.
    static func lastSeq(_ sql: PostgresSQL) throws(StoreError) -> Int {
        guard let row = try sql.rows("SELECT coalesce(max(seq), 0)::bigint FROM journal").first else { return 0 }
        return try sql.decode(row, as: Int.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, decoder: JSONDecoder, table: String, store: String)
        throws(StoreError) -> T
    {
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw .corrupt(file: "\(store) \(table)", line: nil, field: nil, reason: "\(error)")
        }
    }
}

/// Customers' histories read from their tables, in the order written.
struct PostgresHistory: HistoryReader {
    let sql: PostgresSQL
    /// Keeps the ledgers read in one go, for a writer's figures after.
    var remembered: LedgersRead? = nil

    func moments(of customer: CustomerID) throws(StoreError) -> [Moment] {
        try read(Moment.self, "moments", customer)
    }

    func ledger(of customer: CustomerID) throws(StoreError) -> [LedgerEntry] {
        try read(LedgerEntry.self, "ledger", customer)
    }

    func incidentEvents(of customer: CustomerID) throws(StoreError) -> [IncidentEvent] {
        try read(IncidentEvent.self, "incident_events", customer)
    }

    /// All of them in one query.
    func ledgers(of customers: [Customer]) throws(StoreError) -> [[LedgerEntry]] {
        let read = try PostgresHistoryBatch.read(LedgerEntry.self, "ledger", customers.map(\.id), sql)
        let ledgers = customers.map { read[$0.id] ?? [] }
        remembered?.keep(zip(customers.map(\.id), ledgers))
        return ledgers
    }

    /// One query: the customer's rows as lines, read as a history file is.
    private func read<T: Decodable & Sendable>(_ type: T.Type, _ table: String, _ customer: CustomerID)
        throws(StoreError) -> [T]
    {
        let rows = try sql.rows(
            PostgresQuery(
                unsafeSQL: "SELECT string_agg(doc::text || E'\\n', '' ORDER BY n) FROM \(table) WHERE customer = $1",
                binds: binds(customer)))
        guard let row = rows.first, let lines = try sql.decode(row, as: ByteBuffer?.self) else { return [] }
        return try PostgresHistoryBatch.entries(type, lines, table, customer, sql)
    }

    private func binds(_ customer: CustomerID) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(customer.rawValue)
        return binds
    }
}
