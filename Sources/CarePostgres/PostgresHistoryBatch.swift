import CareDomain
import Foundation
import PostgresNIO

/// The moments and ledgers of many customers read in two queries rather
/// than two per customer: what working out figures for a batch of them
/// reads (an expiry run's thousand customers, a whole store's reindex).
/// Steps of incidents are read with them when asked for (`steps`), else
/// one customer at a time.
struct PostgresHistoryBatch: HistoryReader {
    let moments: [CustomerID: [Moment]]
    let ledgers: [CustomerID: [LedgerEntry]]
    let steps: [CustomerID: [IncidentEvent]]?
    let sql: PostgresSQL

    init(_ customers: [CustomerID], _ sql: PostgresSQL, steps withSteps: Bool = false) throws(StoreError) {
        self.sql = sql
        moments = try Self.read(Moment.self, "moments", customers, sql)
        ledgers = try Self.read(LedgerEntry.self, "ledger", customers, sql)
        steps = withSteps ? try Self.read(IncidentEvent.self, "incident_events", customers, sql) : nil
    }

    func moments(of customer: CustomerID) throws(StoreError) -> [Moment] { moments[customer] ?? [] }

    func ledger(of customer: CustomerID) throws(StoreError) -> [LedgerEntry] { ledgers[customer] ?? [] }

    func incidentEvents(of customer: CustomerID) throws(StoreError) -> [IncidentEvent] {
        if let steps { return steps[customer] ?? [] }
        return try PostgresHistory(sql: sql).incidentEvents(of: customer)
    }

    /// Each customer's entries, one a line in the order written, read as a
    /// history file is (by its fast path). The rows come in one sort, by
    /// customer and order written, with the customer of each line beside
    /// them: a sort per customer (`GROUP BY` with an ordered aggregate)
    /// costs more than the rest of the query at a thousand customers.
    static func read<T: Decodable & Sendable>(
        _ type: T.Type, _ table: String, _ customers: [CustomerID], _ sql: PostgresSQL
    ) throws(StoreError) -> [CustomerID: [T]] {
        let rows = try Self.rows(
            """
            SELECT string_agg(customer, E'\\n' ORDER BY customer, n),
            string_agg(doc::text, E'\\n' ORDER BY customer, n), count(*)::bigint
            FROM \(table) WHERE customer = ANY($1)
            """, of: customers, sql)
        guard let row = rows.first else { return [:] }
        let cells = row.makeRandomAccess()
        guard let owners = try sql.decode(cells[0], as: ByteBuffer?.self),
            var lines = try sql.decode(cells[1], as: ByteBuffer?.self)
        else { return [:] }
        let count = try sql.decode(cells[2], as: Int.self)
        lines.writeInteger(UInt8(0x0A))
        let items: [T]
        do {
            items = try lines.withUnsafeReadableBytes { bytes throws(StoreError) in
                try HistoryFile.decodeLines(Data(bytes), as: type, source: "\(sql.store) \(table)")
            }
        } catch {
            // Read again a customer at a time, so that the error names whose.
            return try perCustomer(type, table, customers, sql)
        }
        let owner = String(buffer: owners).split(separator: "\n", omittingEmptySubsequences: false)
        // A row written by hand with a newline in its JSON splits in two.
        guard items.count == count, owner.count == count else { return try perCustomer(type, table, customers, sql) }
        var found: [CustomerID: [T]] = [:]
        found.reserveCapacity(customers.count)
        for (index, item) in items.enumerated() { found[CustomerID(String(owner[index])), default: []].append(item) }
        return found
    }

    /// The same, one aggregate per customer.
    static func perCustomer<T: Decodable & Sendable>(
        _ type: T.Type, _ table: String, _ customers: [CustomerID], _ sql: PostgresSQL
    ) throws(StoreError) -> [CustomerID: [T]] {
        let rows = try Self.rows(
            """
            SELECT customer, string_agg(doc::text || E'\\n', '' ORDER BY n) FROM \(table)
            WHERE customer = ANY($1) GROUP BY customer
            """, of: customers, sql)
        var found: [CustomerID: [T]] = [:]
        found.reserveCapacity(rows.count)
        for row in rows {
            let (customer, lines) = try sql.decode(row, as: (String, ByteBuffer).self)
            found[CustomerID(customer)] = try entries(type, lines, table, CustomerID(customer), sql)
        }
        return found
    }

    /// A customer's rows joined a line each (`doc || E'\\n'`), read as a
    /// history file is.
    static func entries<T: Decodable & Sendable>(
        _ type: T.Type, _ lines: ByteBuffer, _ table: String, _ customer: CustomerID, _ sql: PostgresSQL
    ) throws(StoreError) -> [T] {
        try lines.withUnsafeReadableBytes { bytes throws(StoreError) in
            try HistoryFile.decodeLines(Data(bytes), as: type, source: "\(sql.store) \(table) (customer \(customer))")
        }
    }

    /// What `query` returns with the customers' ids bound as `$1`.
    private static func rows(_ query: String, of customers: [CustomerID], _ sql: PostgresSQL) throws(StoreError)
        -> [PostgresRow]
    {
        var binds = PostgresBindings()
        binds.append(customers.map(\.rawValue))
        return try sql.rows(PostgresQuery(unsafeSQL: query, binds: binds))
    }
}
