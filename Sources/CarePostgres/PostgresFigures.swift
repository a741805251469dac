import CareDomain
import Foundation
import PostgresNIO

/// The store's figures on PostgreSQL (see `StoreFigures`): derived from the
/// history tables, and kept up to date in the same SQL transaction as each
/// change that moves them, so the reports and a quiet `care expire` read
/// no history. `care reindex` works them all out again.
///
/// `figures` holds a row per customer: their block as `figures.bin` holds
/// it, with the rows in their compact form (`FiguresFile.compactBlock`:
/// a report reads every block, 20 MB at 100,000 customers where the fixed
/// rows were 70), and their next expiry day as a column a SQL query can use;
/// `figure_names` the texts the rows name by number; `figures_state` one
/// row: the program version the expiry days were worked out with and the
/// first day they hold for.
enum PostgresFigures {
    static let statements = [
        "CREATE TABLE figures (customer text PRIMARY KEY, expiry_due integer, block bytea NOT NULL)",
        "CREATE TABLE figure_names (n integer PRIMARY KEY, name text NOT NULL UNIQUE)",
        "CREATE TABLE figures_state (program_version integer, expiry_from integer NOT NULL)",
    ]

    /// How many customers' histories are read in one go.
    static let batch = 1000
    /// How many pieces a read of every customer's figures comes in.
    static let pieces = 4

    /// Works the figures of `customers` out again from their histories as
    /// this transaction sees them, and puts them in; `state` is the
    /// records after the change. A customer no longer in the store has
    /// none. Returns what was put in, named in the table as it is now.
    ///
    /// `keepingRowsOf`: customers whose rows the change leaves as they are
    /// (`StoreFigures.changes(by:)`: their points or record moved, as in an
    /// expiry run); only their expiry day is worked out, from their ledger
    /// alone (`ledgers`, when the caller read it already), and put into
    /// their row where it is, their moments not read and their rows not
    /// sent. They are not in what is returned.
    @discardableResult
    static func update(
        _ customers: Set<CustomerID>, keepingRowsOf kept: Set<CustomerID> = [],
        ledgers: [CustomerID: [LedgerEntry]] = [:], state: StoreState, today: Day, _ sql: PostgresSQL,
        progress: WorkProgress = .none
    ) throws(StoreError) -> StoreFigures {
        var figures = StoreFigures()
        guard !customers.isEmpty else { return figures }
        // Those of them still in the store: one no longer there has its row deleted below.
        let daysOnly = customers.intersection(kept).filter { state.customers.contains($0) }
        let withoutRow = try updateExpiryDays(daysOnly.sorted(), ledgers: ledgers, state: state, today: today, sql)
        let customers = customers.subtracting(daysOnly).union(withoutRow)
        figures.names = try names(sql)
        var known = figures.names.texts.count
        let program = state.program
        let ids = customers.sorted()
        var gone: [String] = []
        for start in stride(from: 0, to: ids.count, by: batch) {
            // Stopped on request: the caller rolls the transaction back.
            if progress.isCancelled { break }
            let chunk = Array(ids[start..<min(ids.count, start + batch)])
            let history = try PostgresHistoryBatch(chunk, sql)
            var customerIDs: [String] = []
            var dues: [Int32] = []
            var blocks: [ByteBuffer] = []
            for id in chunk {
                progress.advance()
                guard state.customers.contains(id) else {
                    gone.append(id.rawValue)
                    continue
                }
                let customer = try StoreFigures.figures(
                    of: id, state: state, program: program, history: history, names: &figures.names, today: today)
                figures.customers[id] = customer
                customerIDs.append(id.rawValue)
                dues.append(FiguresFile.storedDay(customer.expiryDue))
                blocks.append(ByteBuffer(bytes: FiguresFile.compactBlock(id, customer)))
            }
            // Names first: a row may name a text this batch added.
            try putNames(figures.names.texts, from: known, sql)
            known = figures.names.texts.count
            try sql.rows(
                """
                INSERT INTO figures (customer, expiry_due, block)
                SELECT c, nullif(d, \(Int32.min)), b FROM unnest(\(customerIDs)::text[], \(dues)::integer[], \(blocks)::bytea[]) AS x(c, d, b)
                ON CONFLICT (customer) DO UPDATE SET expiry_due = excluded.expiry_due, block = excluded.block
                """)
        }
        if !gone.isEmpty { try sql.rows("DELETE FROM figures WHERE customer = ANY(\(gone)::text[])") }
        // Expiry days worked out today hold for runs from today on.
        let day = Int32(clamping: today.daysSinceEpoch)
        try sql.rows("UPDATE figures_state SET expiry_from = greatest(expiry_from, \(day))")
        return figures
    }

    /// `ids`' expiry days worked out again from their ledgers (`ledgers`
    /// or read) and put into their rows, the column and the block's day,
    /// where the server holds them. Returns those who have no row yet.
    private static func updateExpiryDays(
        _ ids: [CustomerID], ledgers known: [CustomerID: [LedgerEntry]], state: StoreState, today: Day,
        _ sql: PostgresSQL
    ) throws(StoreError) -> [CustomerID] {
        let program = state.program
        var withoutRow: [CustomerID] = []
        for start in stride(from: 0, to: ids.count, by: batch) {
            let chunk = Array(ids[start..<min(ids.count, start + batch)])
            let unread = chunk.filter { known[$0] == nil }
            let read =
                unread.isEmpty ? [:] : try PostgresHistoryBatch.read(LedgerEntry.self, "ledger", unread, sql)
            var dues: [Int32] = []
            var dueBytes: [ByteBuffer] = []
            for id in chunk {
                let record = try state.customers.find(id)
                let ledger = known[id] ?? read[id] ?? []
                let due = record.flatMap { record in
                    program.flatMap {
                        LoyaltyRules.expiryDue(customer: record, ledger: ledger, program: $0, today: today)
                    }
                }
                let day = FiguresFile.storedDay(due)
                dues.append(day)
                dueBytes.append(ByteBuffer(bytes: withUnsafeBytes(of: day.littleEndian) { Array($0) }))
            }
            // The block's day follows its id (`FiguresFile.compactBlock`).
            let updated = try sql.rows(
                """
                UPDATE figures f SET expiry_due = nullif(x.d, \(Int32.min)),
                block = overlay(f.block placing x.b from 3 + octet_length(convert_to(f.customer, 'UTF8')) for 4)
                FROM unnest(\(chunk.map(\.rawValue))::text[], \(dues)::integer[], \(dueBytes)::bytea[]) AS x(c, d, b)
                WHERE f.customer = x.c RETURNING f.customer
                """)
            var found = Set<String>()
            for row in updated { found.insert(try sql.decode(row, as: String.self)) }
            withoutRow += chunk.filter { !found.contains($0.rawValue) }
        }
        return withoutRow
    }

    /// Every customer's figures worked out from the history tables, in the
    /// caller's transaction (under the writer lock): what `care reindex`,
    /// a store's first fill and a new program do.
    @discardableResult
    static func rebuild(state: StoreState, today: Day, _ sql: PostgresSQL, progress: WorkProgress = .none)
        throws(StoreError) -> StoreFigures
    {
        try sql.run("DELETE FROM figures")
        try sql.run("DELETE FROM figure_names")
        try sql.run("DELETE FROM figures_state")
        let day = Int32(clamping: today.daysSinceEpoch)
        try sql.rows(
            "INSERT INTO figures_state (program_version, expiry_from) VALUES (\(state.program?.version), \(day))")
        let ids = Set(state.customers.summaries.map(\.id))
        var figures = try update(ids, state: state, today: today, sql, progress: progress)
        figures.programVersion = state.program?.version
        figures.expiryFrom = today
        figures.cursor.seq = state.seq
        return figures
    }

    /// The figures as the caller's transaction sees them; without `rows`,
    /// each customer's expiry day only (the server cuts the blocks short).
    static func read(rows: Bool, _ sql: PostgresSQL) throws(StoreError) -> StoreFigures {
        var figures = StoreFigures()
        if let row = try sql.rows("SELECT program_version, expiry_from FROM figures_state").first {
            let (version, from) = try sql.decode(row, as: (Int?, Int32).self)
            figures.programVersion = version
            figures.expiryFrom = Day(daysSinceEpoch: Int(from))
        }
        figures.names = try names(sql)
        // A block with no rows: the id, the expiry day and a row count of 0.
        let block =
            rows
            ? "block"
            : "substring(block from 1 for 6 + octet_length(convert_to(customer, 'UTF8'))) || '\\x00000000'::bytea"
        // The table in pieces of its pages, all asked at once: each is
        // decoded while the server makes the next (and no answer is 70 MB).
        let size = try sql.rows(
            """
            SELECT (pg_relation_size(oid) / current_setting('block_size')::bigint)::bigint, greatest(reltuples, 0)::bigint
            FROM pg_class WHERE oid = 'figures'::regclass
            """)
        let (pageCount, rowEstimate) =
            try size.first.map { row throws(StoreError) in try sql.decode(row, as: (Int, Int).self) } ?? (0, 0)
        let step = max(1, (pageCount + pieces - 1) / pieces)
        let queries = (0..<pieces).map { piece in
            let lower = piece == 0 ? "" : "ctid >= '(\(piece * step),0)'::tid"
            let upper = piece == pieces - 1 ? "" : "ctid < '(\((piece + 1) * step),0)'::tid"
            let condition = [lower, upper].filter { !$0.isEmpty }.joined(separator: " AND ")
            return PostgresQuery(
                unsafeSQL: "SELECT string_agg(\(block), ''::bytea) FROM figures"
                    + (condition.isEmpty ? "" : " WHERE \(condition)"))
        }
        var customers: [CustomerID: CustomerFigures] = [:]
        customers.reserveCapacity(rowEstimate)
        try sql.pipelined(queries) { _, answer throws(StoreError) in
            guard let row = answer.first, let buffer = try sql.decode(row, as: ByteBuffer?.self) else { return }
            let complete = buffer.withUnsafeReadableBytes {
                FiguresFile.customers(inCompactBlocks: $0, rows: rows, into: &customers)
            }
            guard complete else {
                throw .corrupt(
                    file: "\(sql.store) figures", line: nil, field: nil,
                    reason: tr("a customer's figures end in the middle; run `care reindex` to work them out again"))
            }
        }
        figures.customers = customers
        figures.cursor.seq = try PostgresJournal.lastSeq(sql)
        return figures
    }

    /// The program version the stored expiry days were worked out with.
    static func programVersion(_ sql: PostgresSQL) throws(StoreError) -> Int? {
        guard let row = try sql.rows("SELECT program_version FROM figures_state").first else { return nil }
        return try sql.decode(row, as: Int?.self)
    }

    private static func names(_ sql: PostgresSQL) throws(StoreError) -> FigureNames {
        let rows = try sql.rows("SELECT name FROM figure_names ORDER BY n")
        return FigureNames(try rows.map { row throws(StoreError) in try sql.decode(row, as: String.self) })
    }

    private static func putNames(_ texts: [String], from known: Int, _ sql: PostgresSQL) throws(StoreError) {
        guard texts.count > known else { return }
        let added = Array(texts[known...])
        let numbers = (known..<texts.count).map { Int32($0) }
        try sql.rows(
            "INSERT INTO figure_names (n, name) SELECT * FROM unnest(\(numbers)::integer[], \(added)::text[])")
    }
}
