import CareDomain
import Foundation
import PostgresNIO

/// `care check` on PostgreSQL: the file store's checks that mean something
/// in a database, on one consistent snapshot of it (so nothing written
/// meanwhile is mistaken for damage): every record decodes and its
/// references hold, and its stored summary is the one its JSON gives;
/// every customer's moments, ledger (running balance and total against the
/// profile) and incidents' steps; the figures against a full recomputation
/// from the histories; history rows of customers not in the store; the
/// journal numbered without gaps. What the file store checks
/// of files (permissions, torn lines, stray files) the server looks after.
public enum PostgresCheck {
    /// Throws only when the store cannot be read at all (no store, a newer
    /// schema, a server that cannot be reached).
    public static func check(_ store: PostgresStore, progress: WorkProgress = .none) throws(StoreError) -> CheckReport {
        try store.link.withSQL { sql throws(StoreError) in
            try sql.inTransaction(isolation: "REPEATABLE READ READ ONLY") { () throws(StoreError) -> CheckReport in
                try PostgresSchema.check(sql)
                var report = CheckReport()
                // Read from the JSON, to compare the stored summaries with.
                let state = try PostgresStore.records(sql, only: nil, summaries: false)
                report.customers = state.customers.count
                report.incidents = state.incidents.count
                let records = DecodedRecords(state)
                report.problems += records.errors.map(\.description)
                report.problems += ReferenceCheck.problems(in: state, records: records)
                report.problems += try PostgresSummaries.problems(in: state, sql)
                report.problems += try journalProblems(sql, report: &report)
                report.problems += try strayHistories(sql)
                try histories(state: state, records: records, sql, progress: progress, into: &report)
                return report
            }
        }
    }

    /// The journal's transactions are numbered 1, 2, 3… with none missing.
    private static func journalProblems(_ sql: PostgresSQL, report: inout CheckReport) throws(StoreError) -> [String] {
        guard let row = try sql.rows("SELECT count(*)::bigint, coalesce(max(seq), 0)::bigint FROM journal").first
        else { return [] }
        let (count, last) = try sql.decode(row, as: (Int, Int).self)
        report.journalEntries = count
        guard count != last else { return [] }
        return [
            tr(
                "%@ journal holds %@ transactions numbered up to %@: some are missing (restore the table from a backup).",
                sql.store, count, last)
        ]
    }

    /// History rows whose customer is not in the store.
    private static func strayHistories(_ sql: PostgresSQL) throws(StoreError) -> [String] {
        var problems: [String] = []
        for table in PostgresSchema.histories {
            let rows = try sql.rows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT h.customer, count(*)::bigint FROM \(table) h
                        WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = h.customer)
                        GROUP BY h.customer ORDER BY h.customer
                        """))
            for row in rows {
                let (customer, count) = try sql.decode(row, as: (String, Int).self)
                problems.append(
                    tr(
                        "%@ %@ holds %@ rows of customer %@, who is not in customers.", sql.store, table, count,
                        customer))
            }
        }
        return problems
    }

    /// Every customer's histories, read in batches, and their figures.
    private static func histories(
        state: StoreState, records: DecodedRecords, _ sql: PostgresSQL, progress: WorkProgress,
        into report: inout CheckReport
    ) throws(StoreError) {
        let today = Day(containing: Date())
        let figures = try PostgresFigures.read(rows: true, sql)
        let program = state.program
        let expiryHolds = figures.expiryDaysHold(for: program, today: today)
        var names = figures.names
        let unknown = figures.customers.keys.filter { !state.customers.contains($0) }
        if let first = unknown.min() {
            report.problems.append(
                tr(
                    "%@ holds figures of %@ customers who are not in the store (%@ first); run `care reindex` to work them out again.",
                    "\(sql.store) figures", unknown.count, first))
        }
        let incidents = Dictionary(grouping: records.incidents, by: \.customer)
        let customers = records.customers.sorted { $0.id < $1.id }
        progress.begin(tr("check: customers' histories"), total: customers.count)
        for start in stride(from: 0, to: customers.count, by: PostgresFigures.batch) {
            if progress.isCancelled { return }
            let chunk = customers[start..<min(customers.count, start + PostgresFigures.batch)]
            let history = try PostgresHistoryBatch(chunk.map(\.id), sql, steps: true)
            for customer in chunk {
                progress.advance()
                func place(_ table: String) -> String { "\(sql.store) \(table) (customer \(customer.id))" }
                let moments = try history.moments(of: customer.id)
                let ledger = try history.ledger(of: customer.id)
                let steps = try history.incidentEvents(of: customer.id)
                report.moments += moments.count
                report.ledgerEntries += ledger.count
                let timeline = HistoryCheck.momentProblems(
                    moments, of: customer.id, in: place("moments"), state: state, into: &report.problems)
                HistoryCheck.ledgerProblems(
                    ledger, of: customer, in: place("ledger"), timeline: timeline, timelineIn: place("moments"),
                    into: &report.problems)
                report.problems += IncidentHistoryCheck.check(
                    customer.id, incidents: incidents[customer.id] ?? [], events: steps, state: state,
                    in: place("incident_events"))
                report.problems += HistoryCheck.figureProblems(
                    customer, moments: moments, ledger: ledger, program: program, expiryHolds: expiryHolds,
                    figures: figures, names: &names, today: today, in: "\(sql.store) figures")
            }
        }
    }
}
