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
    /// history file is (by its fast path).
    static func read<T: Decodable & Sendable>(
        _ type: T.Type, _ table: String, _ customers: [CustomerID], _ sql: PostgresSQL
    ) throws(StoreError) -> [CustomerID: [T]] {
        let ids = customers.map(\.rawValue)
        let rows = try sql.rows(
            PostgresQuery(
                unsafeSQL: """
                    SELECT customer, string_agg(doc::text || E'\\n', '' ORDER BY n) FROM \(table)
                    WHERE customer = ANY($1) GROUP BY customer
                    """, binds: try binds(ids, sql)))
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

    private static func binds(_ ids: [String], _ sql: PostgresSQL) throws(StoreError) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(ids)
        return binds
    }
}
