import CareDomain
import PostgresNIO

/// The tables of a care store on PostgreSQL, versioned: `care init` makes
/// them, every session checks the version first, and a schema newer than
/// this care's is refused untouched.
///
/// One table per kind of record (`customers`, `incidents`, …: the id, the
/// version, the record as `json`, and its summary as care stores it,
/// `StoredSummary`), one per kind of history (`moments`, `ledger`,
/// `incident_events`: the customer, the order written, the entry), and the
/// audit trail (`journal`: one row per transaction with who, acting as
/// whom, when, the summary and the whole entry as the file store's journal
/// line holds it; `journal_customers` lists the customers each one
/// concerns), and the figures derived from the histories
/// (`PostgresFigures`). A finance team's report is a SQL query over these.
/// The JSON is `json`, not `jsonb`: kept as care wrote it, so a record's
/// text is the file store's snapshot line and is read as one (listed from
/// its summary, decoded only when asked for).
///
/// Schema 2 added the summaries (`care reindex` brings a store of schema 1
/// up to date). A summary is only as good as the writer that put it beside
/// the JSON: a row written by anything but care (a hand edit in `psql`)
/// has its summary cleared by a trigger, and a table with one cleared is
/// read by scanning its JSON, as before, until `care reindex`.
///
/// Schema 3 keeps the figures' rows compact (`FiguresFile.compactBlock`);
/// the tables are as schema 2's, and `care reindex`, which works every
/// customer's figures out again, writes them so.
enum PostgresSchema {
    static let version = 3

    /// The history tables and the change each holds.
    static let histories = ["moments", "ledger", "incident_events"]

    /// What care sets in a transaction that writes records with their
    /// summaries; without it, the trigger clears the summary.
    static let summariesWritten = "SELECT set_config('care.summaries', 'written', true)"

    static var statements: [String] {
        var statements = [
            "CREATE TABLE care_schema (version integer NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
            "INSERT INTO care_schema (version) VALUES (\(version))",
            """
            CREATE TABLE journal (seq bigint PRIMARY KEY, at timestamptz NOT NULL, login text NOT NULL,
            acting_as text, summary text NOT NULL, token uuid NOT NULL UNIQUE, entry json NOT NULL)
            """,
            """
            CREATE TABLE journal_customers (customer text NOT NULL, seq bigint NOT NULL REFERENCES journal,
            PRIMARY KEY (customer, seq))
            """,
        ]
        for collection in Collection.allCases {
            statements.append(
                "CREATE TABLE \(collection.rawValue) (id text PRIMARY KEY, version integer NOT NULL, doc json NOT NULL)"
            )
        }
        for table in histories {
            statements.append(
                "CREATE TABLE \(table) (n bigserial PRIMARY KEY, customer text NOT NULL, doc json NOT NULL)")
            statements.append("CREATE INDEX \(table)_by_customer ON \(table) (customer, n)")
        }
        return statements + summaryStatements + PostgresFigures.statements
    }

    /// Schema 2's additions to the record tables: the summary column and
    /// the trigger that clears it on a write that is not care's.
    static var summaryStatements: [String] {
        var statements = [
            """
            CREATE FUNCTION care_summary_kept() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF current_setting('care.summaries', true) IS DISTINCT FROM 'written' THEN NEW.summary := NULL; END IF;
              RETURN NEW;
            END $$
            """
        ]
        for collection in Collection.allCases {
            let table = collection.rawValue
            statements.append("ALTER TABLE \(table) ADD COLUMN summary bytea")
            statements.append(
                """
                CREATE TRIGGER \(table)_summary BEFORE INSERT OR UPDATE ON \(table)
                FOR EACH ROW EXECUTE FUNCTION care_summary_kept()
                """)
        }
        return statements
    }

    /// Whether the database holds a care store (its version table).
    static func exists(_ sql: PostgresSQL) throws(StoreError) -> Bool {
        let rows = try sql.rows("SELECT to_regclass('care_schema') IS NOT NULL")
        guard let row = rows.first else { return false }
        return try sql.decode(row, as: Bool.self)
    }

    /// Refuses a database without a care store, or with a newer one, or
    /// (unless `upgrading`) with an older one; returns the version found.
    @discardableResult
    static func check(_ sql: PostgresSQL, upgrading: Bool = false) throws(StoreError) -> Int {
        guard try exists(sql) else { throw .noStore(directory: sql.store) }
        let rows = try sql.rows("SELECT max(version) FROM care_schema")
        guard let row = rows.first, let found = try sql.decode(row, as: Int?.self) else {
            throw .noStore(directory: sql.store)
        }
        if found > version { throw .newerFormat(file: sql.store, found: found, supported: version) }
        if found < version, !upgrading { throw .olderSchema(store: sql.store, found: found, supported: version) }
        return found
    }

    /// Brings the tables of an older schema up to this one, in the
    /// caller's transaction (`care reindex`, which then writes what the
    /// new columns derive and the figures in this schema's form).
    static func upgrade(_ sql: PostgresSQL) throws(StoreError) {
        let found = try check(sql, upgrading: true)
        guard found < version else { return }
        if found < 2 { for statement in summaryStatements { try sql.run(statement) } }
        try sql.run("INSERT INTO care_schema (version) VALUES (\(version))")
    }

    /// Makes the tables, in the caller's transaction; a database that
    /// already holds a store is refused.
    static func create(_ sql: PostgresSQL) throws(StoreError) {
        if try exists(sql) { throw .notEmpty(directory: sql.store) }
        for statement in statements { try sql.run(statement) }
    }
}
