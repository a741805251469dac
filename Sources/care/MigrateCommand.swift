import ArgumentParser
import CareDomain
import CarePostgres
import Foundation

/// `care migrate`: the whole store from files to PostgreSQL or back.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: tr("Copy a whole store to a new one: from a data directory to PostgreSQL, or back (supervisors)."),
        discussion: """
            Every record, every customer's histories and the audit trail are copied, then read back from both sides and \
            compared; the source is not changed. The target must be an empty directory or a database without a store.
            """)

    @Option(help: ArgumentHelp(tr("The store to copy: a data directory or a postgresql:// URL."), valueName: "dir|url"))
    var from: String

    @Option(help: ArgumentHelp(tr("The new store: an empty directory or a postgresql:// URL."), valueName: "dir|url"))
    var to: String

    func run() throws {
        let source = try Self.store(at: from)
        let target = try Self.store(at: to)
        let fromName = try Self.name(of: from)
        let toName = try Self.name(of: to)
        let state = try source.open()
        guard let login = SystemLogin.current()?.login else { throw CLIError.noLogin }
        let author = Author(login: login)
        guard state.activeSupervisor(author) != nil else {
            throw CLIError.supervisorsOnly(tr("migrate a store"), login)
        }
        let outcome = try TerminalProgress.run(tr("migrate")) { progress in
            try StoreMigration.copy(from: source, to: target, by: author, from: fromName, progress: progress)
        }
        print(
            tr(
                "Copied %@ records (%@ customers), %@ history entries and %@ transactions from %@ to %@.",
                outcome.records, outcome.customers, outcome.historyEntries, outcome.transactions, fromName, toName))
        let differences = try StoreMigration.differences(between: source, and: try Self.store(at: to))
        guard differences.isEmpty else {
            for difference in differences { printError("  \(difference)") }
            printError(tr("The copy does not read back as the source: do not use it; the source is unchanged."))
            throw ExitStatus.cannotRun
        }
        print(tr("Read back from both and compared: the same records, histories and audit trail."))
    }

    /// The server and database `place` names, or nil for a data directory.
    static func location(of place: String) throws -> PostgresLocation? {
        PostgresLocation.isURL(place) ? try PostgresLocation(url: place, login: SystemLogin.current()?.login) : nil
    }

    /// A store at `place`: PostgreSQL for a URL, else a data directory.
    static func store(at place: String) throws -> any StoreCreating {
        if let location = try location(of: place) { return PostgresStore(location: location) }
        return FileStore(directory: place, notify: { printError($0.description) })
    }

    /// How a message names it: never with a password.
    static func name(of place: String) throws -> String {
        try location(of: place)?.description ?? place
    }
}
