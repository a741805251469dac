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

    /// Each customer's entries as one JSON array, in the order written.
    static func read<T: Decodable>(
        _ type: T.Type, _ table: String, _ customers: [CustomerID], _ sql: PostgresSQL
    )
        throws(StoreError) -> [CustomerID: [T]]
    {
        let decoder = CareJSON.decoder()
        let ids = customers.map(\.rawValue)
        let rows = try sql.rows(
            PostgresQuery(
                unsafeSQL: """
                    SELECT customer, '[' || string_agg(doc::text, ',' ORDER BY n) || ']' FROM \(table)
                    WHERE customer = ANY($1) GROUP BY customer
                    """, binds: try binds(ids, sql)))
        var found: [CustomerID: [T]] = [:]
        found.reserveCapacity(rows.count)
        for row in rows {
            let (customer, text) = try sql.decode(row, as: (String, String).self)
            found[CustomerID(customer)] = try PostgresJournal.decode(
                [T].self, text, decoder: decoder, table: table, store: sql.store)
        }
        return found
    }

    private static func binds(_ ids: [String], _ sql: PostgresSQL) throws(StoreError) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(ids)
        return binds
    }
}
