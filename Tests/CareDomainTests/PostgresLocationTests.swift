import Foundation
import Testing

@testable import CareDomain
@testable import CarePostgres

@Suite struct PostgresLocationTests {
    @Test func aURLWithEverythingIsReadAsLibpqReadsIt() throws {
        let location = try PostgresLocation(
            url: "postgresql://ana:s%3Acret@db.example.com:6543/care?sslmode=require", environment: [:])
        #expect(location.endpoint == .tcp(host: "db.example.com"))
        #expect(location.port == 6543)
        #expect(location.user == "ana")
        #expect(location.password == "s:cret")
        #expect(location.database == "care")
        #expect(location.tls == .require)
    }

    @Test func aSocketDirectoryIsTheHostParameterAndNothingIsTheDebianSocket() throws {
        let socket = try PostgresLocation(url: "postgresql:///care?host=/tmp/pg", environment: [:], login: "ana")
        #expect(socket.endpoint == .socket(directory: "/tmp/pg"))
        #expect(socket.socketPath == "/tmp/pg/.s.PGSQL.5432")
        #expect(socket.user == "ana")
        #expect(socket.password == nil)
        let plain = try PostgresLocation(url: "postgresql:///care", environment: [:], login: "ana")
        #expect(plain.socketPath == "/var/run/postgresql/.s.PGSQL.5432")
        // No database named: the user's, as libpq does.
        #expect(try PostgresLocation(url: "postgres://", environment: [:], login: "luis").database == "luis")
    }

    @Test func whatTheURLLeavesOutComesFromLibpqsVariables() throws {
        let location = try PostgresLocation(
            url: "postgresql://",
            environment: [
                "PGHOST": "db", "PGPORT": "5433", "PGUSER": "ana", "PGDATABASE": "care",
                "PGPASSWORD": "from-env",
            ])
        #expect(location.endpoint == .tcp(host: "db"))
        #expect(location.port == 5433)
        #expect(location.user == "ana")
        #expect(location.database == "care")
        #expect(location.password == "from-env")
    }

    @Test func thePasswordIsNeverInWhatIsPrinted() throws {
        let location = try PostgresLocation(url: "postgresql://ana:hunter2@db/care", environment: [:])
        #expect(location.password == "hunter2")
        #expect(!location.description.contains("hunter2"))
        #expect(!"\(location)".contains("hunter2"))
        #expect(!PostgresLocation.redacted("postgresql://ana:hunter2@db/care?password=hunter2").contains("hunter2"))
        let refused = #expect(throws: PostgresLocationError.self) {
            try PostgresLocation(url: "postgresql://ana:hunter2@db/care?colour=red", environment: [:])
        }
        #expect(refused?.description.contains("hunter2") == false)
    }

    @Test func aBadURLGetsOneSentence() {
        #expect(throws: PostgresLocationError.badPort("99999")) {
            try PostgresLocation(url: "postgresql://ana@db:99999/care", environment: [:])
        }
        #expect(throws: PostgresLocationError.badSSLMode("sometimes")) {
            try PostgresLocation(url: "postgresql://ana@db/care?sslmode=sometimes", environment: [:])
        }
        #expect(throws: PostgresLocationError.unknownParameter("colour")) {
            try PostgresLocation(url: "postgresql://ana@db/care?colour=red", environment: [:])
        }
        #expect(throws: PostgresLocationError.noUser) {
            try PostgresLocation(url: "postgresql://db/care", environment: [:], login: nil)
        }
        #expect(!PostgresLocation.isURL("/home/ana/care"))
    }

    @Test func pgpassGivesThePasswordOfTheFirstLineThatMatches() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/pgpass"
            let lines = [
                "# comment", "other:5432:care:ana:wrong", "db:5432:care:ana:p\\:ss\\\\word", "*:*:*:ana:fallback",
            ]
            #expect(
                FileManager.default.createFile(
                    atPath: path, contents: Data(lines.joined(separator: "\n").utf8),
                    attributes: [.posixPermissions: 0o600]))
            let exact = try PostgresLocation(url: "postgresql://ana@db/care", environment: [:], passwordFile: path)
            #expect(exact.password == "p:ss\\word")
            let wildcard = try PostgresLocation(
                url: "postgresql://ana@elsewhere/x", environment: [:], passwordFile: path)
            #expect(wildcard.password == "fallback")
            // A socket is "localhost" to .pgpass.
            let socket = try PostgresLocation(
                url: "postgresql://ana@/care?host=/tmp/pg", environment: [:], passwordFile: path)
            #expect(socket.password == "fallback")
            // A file others can read is not used, as libpq does.
            #expect(chmod(path, 0o644) == 0)
            #expect(
                try PostgresLocation(url: "postgresql://ana@db/care", environment: [:], passwordFile: path).password
                    == nil)
        }
    }
}
