import CareDomain
import PostgresNIO

/// The record tables' `summary` column: each record's entry as
/// `StoredSummary` reads it (its version, the length of its JSON, the
/// length of its summary, the summary), made by the server from the row and
/// the summary care binds, so that opening a table only joins the column.
/// `care reindex` writes it again and `care check` compares it with what a
/// scan of each record's JSON finds, sent as bound arrays (the ids and
/// their summaries), so the server matches them row by row.
enum PostgresSummaries {
    /// How many records' summaries go in one statement.
    static let batchSize = 5000

    /// The entry of a record without a summary: of no length, so the
    /// table is read by a scan of its JSON.
    static let none = "'\\x000000000000000000000000'::bytea"

    /// The column's value for a record of `version` whose JSON is `doc`
    /// and summary `summary` (SQL expressions); null when the summary is.
    static func entry(version: String, doc: String, summary: String) -> String {
        "int4send(\(version)) || int4send(octet_length((\(doc))::text)) || int4send(octet_length(\(summary))) || \(summary)"
    }

    /// Writes every record's summary that is missing or differs from a
    /// scan of its JSON (`state`, read without the summaries), in the
    /// caller's transaction; returns how many rows changed.
    static func rewrite(from state: StoreState, _ sql: PostgresSQL) throws(StoreError) -> Int {
        try sql.run(PostgresSchema.summariesWritten)
        let written = entry(version: "t.version", doc: "t.doc", summary: "s.summary")
        var changed = 0
        for collection in Collection.allCases {
            changed += try count(
                """
                WITH changed AS (
                UPDATE \(collection.rawValue) t SET summary = \(written)
                FROM unnest($1::text[], $2::bytea[]) AS s(id, summary)
                WHERE t.id = s.id AND t.summary IS DISTINCT FROM \(written) RETURNING 1)
                SELECT count(*)::bigint FROM changed
                """, over: StoredSummary.all(collection, in: state), sql)
        }
        return changed
    }

    /// The tables whose stored summaries (of this care's schema) disagree
    /// with their records' JSON. A summary cleared by a change made outside
    /// care is no problem: the table is then read by a scan, as before.
    static func problems(in state: StoreState, _ sql: PostgresSQL) throws(StoreError) -> [String] {
        var problems: [String] = []
        for collection in Collection.allCases {
            let wrong = try count(
                """
                SELECT count(*)::bigint FROM \(collection.rawValue) t
                JOIN unnest($1::text[], $2::bytea[]) AS s(id, summary) ON t.id = s.id
                WHERE substring(t.summary from 13 for 8) = substring(s.summary from 1 for 8)
                AND t.summary <> \(entry(version: "t.version", doc: "t.doc", summary: "s.summary"))
                """, over: StoredSummary.all(collection, in: state), sql)
            if wrong > 0 {
                problems.append(
                    tr(
                        "%@ %@: the stored summaries of %@ records disagree with their JSON; they are derived, so `care reindex` writes them again.",
                        sql.store, collection.rawValue, wrong))
            }
        }
        return problems
    }

    /// `binds` with `ids` and their `summaries` after them, as the
    /// `text[]` and `bytea[]` the queries above and `PostgresPut` unnest.
    static func binds(
        _ ids: some Sequence<String>, _ summaries: some Sequence<[UInt8]>, after binds: PostgresBindings = .init()
    ) -> PostgresBindings {
        var binds = binds
        binds.append(Array(ids))
        binds.append(summaries.map { ByteBuffer(bytes: $0) })
        return binds
    }

    /// The counts `query` returns over the ids and summaries bound as `$1`
    /// and `$2`, a batch at a time, summed.
    private static func count(
        _ query: String, over all: (ids: [String], summaries: [[UInt8]]), _ sql: PostgresSQL
    ) throws(StoreError) -> Int {
        var total = 0
        var start = 0
        while start < all.ids.count {
            let range = start..<min(all.ids.count, start + batchSize)
            let rows = try sql.rows(
                PostgresQuery(unsafeSQL: query, binds: binds(all.ids[range], all.summaries[range])))
            if let row = rows.first { total += try sql.decode(row, as: Int.self) }
            start = range.upperBound
        }
        return total
    }
}
