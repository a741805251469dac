import CareDomain
import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import Synchronization

/// One connection to the store's server, opened when first needed and
/// again after it was lost. The store protocol is synchronous and never
/// called on the console's loop, so a call here waits for its answer; the
/// queries themselves run on SwiftNIO's event loops. One caller at a time
/// uses the connection (a transaction is a run of queries on it).
final class PostgresLink: Sendable {
    let location: PostgresLocation
    private let held = Mutex<PostgresConnection?>(nil)

    /// postgres-nio logs through swift-log; care says what matters itself.
    static let logger = Logger(label: "care.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// How long a connection may take to open, a statement to answer and
    /// a connection to close before the server is taken as gone. A
    /// statement of the store's is one transaction's rows, answered in
    /// milliseconds; a minute is a server that is not answering.
    static let connectSeconds: Int64 = 10
    static let statementSeconds: Int64 = 60
    static let closeSeconds: Int64 = 2

    init(location: PostgresLocation) {
        self.location = location
    }

    /// Runs `body` on the connection, made first if there is none. A
    /// connection that fails is closed and dropped, so the next call
    /// connects again. What `body` throws is thrown as it is.
    func withConnection<T>(_ body: (PostgresSQL) throws -> T) throws -> T {
        try held.withLock { (connection: inout PostgresConnection?) throws -> T in
            let open: PostgresConnection
            if let connection, !connection.isClosed {
                open = connection
            } else {
                open = try connect()
                connection = open
            }
            do {
                return try body(PostgresSQL(connection: open, store: location.description))
            } catch {
                if case .unreachable? = error as? StoreError {
                    // Not waited for: a connection in this state may never say it closed.
                    open.close().whenComplete { _ in }
                    connection = nil
                }
                throw error
            }
        }
    }

    /// `withConnection` for a body that throws only the store's errors.
    func withSQL<T>(_ body: (PostgresSQL) throws(StoreError) -> T) throws(StoreError) -> T {
        do {
            return try withConnection { sql in try body(sql) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .unreachable(store: location.description, reason: "\(error)")
        }
    }

    /// Closes the connection (a process that is done with the store).
    func close() {
        held.withLock { connection in
            if let connection { _ = try? connection.close().wait(atMost: Self.closeSeconds) }
            connection = nil
        }
    }

    /// Runs `body` on a connection of its own, closed after: what a writer
    /// whose connection was lost asks the server with.
    func withFreshConnection<T>(_ body: (PostgresSQL) throws(StoreError) -> T) throws(StoreError) -> T {
        let connection = try connect()
        defer { _ = try? connection.close().wait(atMost: Self.closeSeconds) }
        return try body(PostgresSQL(connection: connection, store: location.description))
    }

    private func connect() throws(StoreError) -> PostgresConnection {
        let store = location.description
        do {
            var configuration: PostgresConnection.Configuration
            switch location.endpoint {
            case .socket(let directory):
                configuration = .init(
                    unixSocketPath: directory + "/.s.PGSQL.\(location.port)", username: location.user,
                    password: location.password, database: location.database)
            case .tcp(let host):
                configuration = .init(
                    host: host, port: location.port, username: location.user, password: location.password,
                    database: location.database, tls: try tls())
            }
            configuration.options.connectTimeout = .seconds(5)
            return try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.next(), configuration: configuration, id: 1,
                logger: Self.logger
            ).wait(atMost: Self.connectSeconds)
        } catch {
            throw PostgresSQL.storeError(error, store: store)
        }
    }

    /// TLS as libpq's sslmode asks: `prefer` and `require` encrypt without
    /// checking the server's certificate, `verify-full` checks it.
    private func tls() throws -> PostgresConnection.Configuration.TLS {
        var client = TLSConfiguration.makeClientConfiguration()
        switch location.tls {
        case .disable: return .disable
        case .prefer:
            client.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: client))
        case .require:
            client.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: client))
        case .verifyFull:
            return .require(try NIOSSLContext(configuration: client))
        }
    }
}

/// The queries of one call, on its connection; every failure is a
/// `StoreError` with one sentence.
struct PostgresSQL {
    let connection: PostgresConnection
    /// The store as messages name it (no password).
    let store: String

    /// The rows `query` returns.
    @discardableResult
    func rows(_ query: PostgresQuery) throws(StoreError) -> [PostgresRow] {
        // A query sent on a connection the server has closed is never
        // answered; say so at once.
        guard !connection.isClosed else { throw .unreachable(store: store, reason: tr("the connection was closed")) }
        do {
            return Array(
                try connection.query(query, logger: PostgresLink.logger).wait(atMost: PostgresLink.statementSeconds))
        } catch {
            throw storeError(error)
        }
    }

    /// Sends every query at once and hands each one's rows to `each`, in
    /// order, as they come: the server works out the next while this
    /// process reads the last. Stops at the first failure (the queries
    /// after it are left to the server, whose answers are not read).
    func pipelined(_ queries: [PostgresQuery], each: (Int, [PostgresRow]) throws(StoreError) -> Void)
        throws(StoreError)
    {
        guard !connection.isClosed else { throw .unreachable(store: store, reason: tr("the connection was closed")) }
        let answers = queries.map { connection.query($0, logger: PostgresLink.logger) }
        for (index, answer) in answers.enumerated() {
            let rows: [PostgresRow]
            do {
                rows = Array(try answer.wait(atMost: PostgresLink.statementSeconds))
            } catch {
                throw storeError(error)
            }
            try each(index, rows)
        }
    }

    /// Runs `sql`, which binds nothing (statements of the schema).
    func run(_ sql: String) throws(StoreError) {
        try rows(PostgresQuery(unsafeSQL: sql))
    }

    /// Decodes a row's one column (an optional one too, which the
    /// many-column form below cannot take).
    func decode<Column: PostgresDecodable>(_ row: PostgresRow, as type: Column.Type) throws(StoreError) -> Column {
        do {
            return try row.decode(type)
        } catch {
            throw .server(store: store, reason: tr("an answer care cannot read (%@)", "\(error)"))
        }
    }

    /// Decodes one column of a row with several.
    func decode<Column: PostgresDecodable>(_ cell: PostgresCell, as type: Column.Type) throws(StoreError) -> Column {
        do {
            return try cell.decode(type)
        } catch {
            throw .server(store: store, reason: tr("an answer care cannot read (%@)", "\(error)"))
        }
    }

    /// Decodes a row's columns, one type each.
    func decode<each Column: PostgresDecodable>(_ row: PostgresRow, as type: (repeat each Column).Type)
        throws(StoreError) -> (repeat each Column)
    {
        do {
            return try row.decode(type)
        } catch {
            throw .server(store: store, reason: tr("an answer care cannot read (%@)", "\(error)"))
        }
    }

    /// A server's refusal keeps its message; anything else is a lost or
    /// refused connection.
    func storeError(_ error: any Error) -> StoreError {
        Self.storeError(error, store: store)
    }

    static func storeError(_ error: any Error, store: String) -> StoreError {
        if let error = error as? PSQLError, error.serverInfo != nil, !endsTheConnection(error) {
            return .server(store: store, reason: reason(error))
        }
        return .unreachable(store: store, reason: reason(error))
    }

    /// A refusal that ends the session for a while: the server shutting
    /// down, starting up or dropping the connection (SQLSTATE classes 08
    /// and 57P). A login refused or a database that is not there (28, 3D)
    /// is the server's answer, said as such, not "offline".
    static func endsTheConnection(_ error: PSQLError) -> Bool {
        let state = error.serverInfo?[.sqlState] ?? ""
        return state.hasPrefix("08") || state.hasPrefix("57P")
    }

    /// What went wrong, in the server's words when it gave some.
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }

    /// The SQLSTATE of a server's refusal.
    static func state(of error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}

extension PostgresSQL {
    /// Runs `body` in one SQL transaction: committed when it returns,
    /// rolled back when it throws (a connection already lost rolls back on
    /// the server by itself).
    func inTransaction<T>(isolation: String = "READ COMMITTED", _ body: () throws(StoreError) -> T)
        throws(StoreError) -> T
    {
        try run("BEGIN ISOLATION LEVEL \(isolation)")
        let value: T
        do {
            value = try body()
        } catch {
            _ = try? run("ROLLBACK")
            throw error
        }
        try run("COMMIT")
        return value
    }
}
