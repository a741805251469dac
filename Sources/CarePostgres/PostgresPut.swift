import CareDomain
import Foundation
import PostgresNIO

/// Puts changes into the record and history tables, from rows of change
/// JSON (`{"customer": {…}}`, as the journal holds them) that the server
/// takes apart itself: from a journal row (a transaction) or from a bound
/// array (a store's first fill, in batches).
enum PostgresPut {
    /// Where the changes come from, as `c(e, i)`: each change and its place.
    enum Source {
        /// The changes of journal transaction `$1`.
        case journalRow
        /// A JSON array bound as `$1`.
        case array

        var sql: String {
            switch self {
            case .journalRow:
                """
                (SELECT x.e, x.i FROM journal j, json_array_elements(j.entry->'changes') WITH ORDINALITY AS x(e, i)
                WHERE j.seq = $1) c
                """
            case .array: "json_array_elements($1::json) WITH ORDINALITY AS c(e, i)"
            }
        }
    }

    /// The histories' tables and the key of the change each one holds.
    static let historyTables = [("moments", "moment"), ("ledger", "ledger"), ("incident_events", "incidentEvent")]

    /// Puts every record of `collection` among the changes: the last
    /// version a source puts of a record is the one kept, with its stored
    /// summary (`StoredSummary`, from the ids and summaries bound as `$2`
    /// and `$3`) in the entry `PostgresSummaries.entry` makes of it. Each
    /// change's record is taken out of it once (`OFFSET 0` keeps the
    /// planner from putting `c.e->'customer'` back in every place that uses
    /// it: on `json` each is a parse of the change's text, and an expiry
    /// batch's thousand customers took twice as long so).
    static func records(_ collection: Collection, from source: Source) -> String {
        let key = collection.singular
        let summary = PostgresSummaries.entry(version: "r.version", doc: "r.doc", summary: "s.summary")
        return """
            INSERT INTO \(collection.rawValue) (id, version, doc, summary)
            SELECT DISTINCT ON (r.id) r.id, r.version, r.doc, \(summary)
            FROM (SELECT x.d AS doc, x.d->>'id' AS id, (x.d->>'version')::integer AS version, c.i
            FROM \(source.sql) CROSS JOIN LATERAL (SELECT c.e->'\(key)' AS d OFFSET 0) x WHERE x.d IS NOT NULL OFFSET 0) r
            LEFT JOIN unnest($2::text[], $3::bytea[]) AS s(id, summary) ON s.id = r.id
            ORDER BY r.id, r.i DESC
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, doc = excluded.doc, summary = excluded.summary
            """
    }

    /// Appends every history entry of `table` among the changes, in order.
    static func history(_ table: String, key: String, from source: Source) -> String {
        """
        INSERT INTO \(table) (customer, doc)
        SELECT c.e->'\(key)'->>'customer', c.e->'\(key)' FROM \(source.sql) WHERE c.e->'\(key)' IS NOT NULL ORDER BY c.i
        """
    }

    /// The history key of a change that appends to one.
    static func historyKey(_ change: Change) -> String? {
        switch change {
        case .moment: "moment"
        case .ledger: "ledger"
        case .incidentEvent: "incidentEvent"
        default: nil
        }
    }

    /// Puts what `changes` hold from `source` (whose `$1` is `bound`).
    static func changes(
        _ changes: [Change], from source: Source, bound: some PostgresDynamicTypeEncodable, _ sql: PostgresSQL
    ) throws(StoreError) {
        var binds = PostgresBindings()
        binds.append(bound)
        let collections = Set(changes.compactMap { $0.recordKey?.collection })
        if !collections.isEmpty { try sql.run(PostgresSchema.summariesWritten) }
        let summaries = StoredSummary.of(changes)
        for collection in Collection.allCases where collections.contains(collection) {
            let stored = summaries[collection] ?? ([], [])
            try sql.rows(
                PostgresQuery(
                    unsafeSQL: records(collection, from: source),
                    binds: PostgresSummaries.binds(stored.ids, stored.summaries, after: binds)))
        }
        let histories = Set(changes.compactMap(historyKey))
        for (table, key) in historyTables where histories.contains(key) {
            try sql.rows(PostgresQuery(unsafeSQL: history(table, key: key, from: source), binds: binds))
        }
    }

    /// Puts `changes` in batches of JSON arrays bound whole: a first fill
    /// of any size without one statement per record or a bind too large.
    /// How many changes go in one statement of a first fill.
    static let batchSize = 5000

    static func inBatches(_ changes: [Change], size: Int = batchSize, _ sql: PostgresSQL) throws(StoreError) {
        let encoder = CareJSON.encoder()
        var start = 0
        while start < changes.count {
            let batch = Array(changes[start..<min(changes.count, start + size)])
            let array: String
            do {
                array = String(decoding: try encoder.encode(batch), as: UTF8.self)
            } catch {
                throw .invalidChange("\(error)")
            }
            try self.changes(batch, from: .array, bound: array, sql)
            start += size
        }
    }
}
