import CareDomain
import Foundation

/// A database of its own on a server, made for one piece of work and
/// dropped after it (the tests, and `care bench` on PostgreSQL): the
/// server's login must be allowed to create databases.
public enum ScratchDatabase {
    public static func with<T>(on server: PostgresLocation, _ body: (PostgresLocation) throws -> T) throws -> T {
        let admin = PostgresLink(location: server)
        defer { admin.close() }
        let name = "care_scratch_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try admin.withSQL { sql throws(StoreError) in try sql.run("CREATE DATABASE \(name)") }
        defer { _ = try? admin.withSQL { sql throws(StoreError) in try sql.run("DROP DATABASE \(name) WITH (FORCE)") } }
        var location = server
        location.database = name
        return try body(location)
    }
}

extension PostgresLocation {
    /// `url` with its database replaced by `database`, its password, host
    /// and options kept: the scratch database as a URL for other processes.
    public static func url(_ url: String, naming database: String) throws(PostgresLocationError) -> String {
        guard var components = URLComponents(string: url) else { throw .notAURL(redacted(url)) }
        components.path = "/" + database
        guard let named = components.string else { throw .notAURL(redacted(url)) }
        return named
    }
}
