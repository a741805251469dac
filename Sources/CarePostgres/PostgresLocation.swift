import CareDomain
import Foundation

/// Where a PostgreSQL store is and who connects to it, read from a
/// `postgresql://` URL as libpq reads one: `postgresql://[user[:password]@][host][:port][/database][?key=value&…]`.
/// A host that starts with `/` (in the URL's `host=` parameter or as
/// `%2F…`) is the directory of the server's Unix socket; no host at all is
/// the socket in `/var/run/postgresql`, as Debian's server puts it. What the
/// URL leaves out comes from `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`,
/// then `PGPASSWORD` or `~/.pgpass`; without a password the server may still
/// let the login in by peer authentication over the socket.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum Endpoint: Sendable, Equatable {
        /// The directory holding the server's socket (`.s.PGSQL.<port>`).
        case socket(directory: String)
        case tcp(host: String)
    }

    /// libpq's sslmode: `allow` is taken as `disable`, `verify-ca` as `verify-full`.
    public enum TLSMode: Sendable, Equatable {
        case disable, prefer, require, verifyFull
    }

    public var endpoint: Endpoint
    public var port: Int
    public var user: String
    public var database: String
    /// Never printed: `description` leaves it out.
    public var password: String?
    public var tls: TLSMode

    /// The socket file itself, for a socket endpoint.
    public var socketPath: String? {
        guard case .socket(let directory) = endpoint else { return nil }
        return directory + "/.s.PGSQL.\(port)"
    }

    /// What the store is called in messages: the server and the database,
    /// never the password.
    public var description: String {
        switch endpoint {
        case .socket(let directory): "postgresql://\(user)@/\(database)?host=\(directory)&port=\(port)"
        case .tcp(let host): "postgresql://\(user)@\(host):\(port)/\(database)"
        }
    }

    /// Whether `text` names a PostgreSQL store rather than a directory.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Reads `url`; `environment` gives libpq's variables and `HOME`,
    /// `login` the user when nothing else names one.
    public init(
        url: String, environment: [String: String] = ProcessInfo.processInfo.environment, login: String? = nil,
        passwordFile: String? = nil
    ) throws(PostgresLocationError) {
        guard Self.isURL(url), let components = URLComponents(string: url) else { throw .notAURL(Self.redacted(url)) }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard let value = item.value else { continue }
            query[item.name] = value
        }
        let known: Set<String> = ["host", "port", "user", "password", "dbname", "sslmode"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw .unknownParameter(unknown)
        }
        let host =
            Self.nonEmpty(query["host"]) ?? Self.nonEmpty(components.percentEncodedHost?.removingPercentEncoding)
            ?? Self.nonEmpty(environment["PGHOST"])
        endpoint =
            switch host {
            case let host? where host.hasPrefix("/"): .socket(directory: host)
            case let host?: .tcp(host: host)
            case nil: .socket(directory: "/var/run/postgresql")
            }
        let portText = query["port"] ?? components.port.map(String.init) ?? environment["PGPORT"]
        if let portText {
            guard let port = Int(portText), (1...65535).contains(port) else { throw .badPort(portText) }
            self.port = port
        } else {
            port = 5432
        }
        guard
            let user = Self.nonEmpty(query["user"]) ?? Self.nonEmpty(components.user?.removingPercentEncoding)
                ?? Self.nonEmpty(environment["PGUSER"]) ?? login
        else { throw .noUser }
        self.user = user
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database =
            Self.nonEmpty(query["dbname"]) ?? Self.nonEmpty(path.removingPercentEncoding)
            ?? Self.nonEmpty(environment["PGDATABASE"]) ?? user
        let modeText = query["sslmode"] ?? environment["PGSSLMODE"]
        switch modeText {
        case nil: tls = .prefer
        case "disable", "allow": tls = .disable
        case "prefer": tls = .prefer
        case "require": tls = .require
        case "verify-ca", "verify-full": tls = .verifyFull
        case let other?: throw .badSSLMode(other)
        }
        password =
            query["password"] ?? components.password?.removingPercentEncoding ?? environment["PGPASSWORD"]
            ?? PasswordFile.password(
                in: passwordFile ?? environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" },
                host: {
                    if case .tcp(let host) = endpoint { return host }
                    return "localhost"
                }(), port: port, database: database, user: user)
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    /// `url` with any password in it replaced, for a message.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "(a store URL)" }
        if components.password != nil { components.password = "…" }
        if let items = components.queryItems {
            components.queryItems = items.map { $0.name == "password" ? URLQueryItem(name: $0.name, value: "…") : $0 }
        }
        return components.string ?? "(a store URL)"
    }
}

/// What is wrong with a `postgresql://` URL, in one sentence.
public enum PostgresLocationError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAURL(String)
    case unknownParameter(String)
    case badPort(String)
    case badSSLMode(String)
    case noUser

    public var description: String {
        switch self {
        case .notAURL(let url):
            tr("%@ is not a PostgreSQL URL: write postgresql://user@host:port/database.", url)
        case .unknownParameter(let name):
            tr(
                "The store URL has a parameter care does not know (%@): use host, port, user, password, dbname or sslmode.",
                name)
        case .badPort(let port): tr("The store URL's port (%@) is not a number from 1 to 65535.", port)
        case .badSSLMode(let mode):
            tr("The store URL's sslmode (%@) is not one of disable, prefer, require, verify-full.", mode)
        case .noUser: tr("The store URL names no user, and neither does PGUSER or the login.")
        }
    }
}

/// `~/.pgpass`, as libpq reads it: `host:port:database:user:password` per
/// line, `*` for any, `\:` and `\\` escaped; the first line that matches.
/// libpq ignores a file others can read; so does care.
enum PasswordFile {
    static func password(in path: String?, host: String, port: Int, database: String, user: String) -> String? {
        guard let path, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = attributes[.posixPermissions] as? Int, mode & 0o077 == 0,
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        let wanted = [host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            if zip(fields, wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// One line's fields, with `\:` and `\\` unescaped.
    static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var escaped = false
        for character in line {
            if escaped {
                field.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":", fields.count < 4 {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}
