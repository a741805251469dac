import ArgumentParser
import CareDomain
import CarePostgres
import Foundation

/// Options every command that touches a store shares.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            tr("The data directory (default: $CARE_DATA, $XDG_DATA_HOME/care, ~/.local/share/care)."), valueName: "dir")
    )
    var data: String?

    @Option(
        name: .customLong("store"),
        help: ArgumentHelp(
            tr(
                "A store on PostgreSQL, postgresql://user@host/database (default: $CARE_STORE); without it, the JSON store."
            ),
            valueName: "url")
    )
    var storeURL: String?

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            tr("Act as another agent (supervisors only); the audit trail records both."), valueName: "login")
    )
    var actingAs: String?

    @Flag(
        help: ArgumentHelp(tr("Use the demo store (made on first use in the temporary directory), never the real one."))
    )
    var demo = false

    var directory: String {
        if demo { return DemoStore.directory }
        return DataDirectory.resolve(
            explicit: data, environment: ProcessInfo.processInfo.environment, home: SystemLogin.home)
    }

    /// The demo store is made before any command reads it.
    mutating func validate() throws {
        if demo, data != nil { throw ValidationError(tr("--demo and --data exclude each other.")) }
        if storeURL != nil, data != nil || demo { throw CLIError.storeAndData }
        if demo { try DemoStore.prepare() }
    }

    /// The store on PostgreSQL when `--store` names one, or `CARE_STORE`
    /// does and neither `--data` nor `--demo` is given; nil for the JSON store.
    func location() throws -> PostgresLocation? {
        let environment = ProcessInfo.processInfo.environment
        let url = storeURL ?? (data == nil && !demo ? environment["CARE_STORE"].flatMap { $0.isEmpty ? nil : $0 } : nil)
        guard let url else { return nil }
        return try PostgresLocation(url: url, environment: environment, login: SystemLogin.current()?.login)
    }

    /// The store, on files or on PostgreSQL; a file store says on stderr
    /// what it has to say about saved changes.
    func store(compactingOnWrite: Bool = true) throws -> any CareStore {
        if let location = try location() { return PostgresStore(location: location) }
        return fileStore(compactingOnWrite: compactingOnWrite)
    }

    /// The store for the console: a file store that compacts off the
    /// console's loop (never on a key) and keeps its notices for the status
    /// bar, not stderr, which the screen covers.
    func consoleStore() throws -> any CareStore {
        if let location = try location() { return PostgresStore(location: location) }
        return FileStore(directory: directory, compactsOnWrite: false)
    }

    /// The store, as a place to make a new one in (`care init`).
    func creatableStore() throws -> any StoreCreating {
        if let location = try location() { return PostgresStore(location: location) }
        return fileStore(compactingOnWrite: true)
    }

    /// The JSON store, for a command that works on files only: refused
    /// with a sentence for a store on PostgreSQL.
    func fileStore(for command: String, compactingOnWrite: Bool = true) throws -> FileStore {
        if try location() != nil { throw CLIError.filesOnly(command) }
        return fileStore(compactingOnWrite: compactingOnWrite)
    }

    private func fileStore(compactingOnWrite: Bool) -> FileStore {
        FileStore(directory: directory, compactsOnWrite: compactingOnWrite, notify: { printError($0.description) })
    }

    /// Where the store is, for a message: the directory, or the server and
    /// database (never a password).
    func storeName() throws -> String {
        try location()?.description ?? directory
    }

    /// The author of changes: the login, checked against the roster, and the
    /// agent acted as when `--as` is given.
    func author(in state: StoreState) throws -> Author {
        guard let login = SystemLogin.current()?.login else { throw CLIError.noLogin }
        guard let actingAs else { return Author(login: login) }
        guard let me = state.agents[AgentID(login)], me.role == .supervisor else { throw CLIError.notSupervisor(login) }
        guard me.active else { throw CLIError.inactiveSupervisor(login) }
        guard state.agents[AgentID(actingAs)] != nil else { throw CLIError.unknownAgent(actingAs) }
        return Author(login: login, actingAs: AgentID(actingAs))
    }
}

extension StoreOptions {
    /// The author, who must be an active agent or supervisor in the roster:
    /// an unknown login gets a refusal, never a guest session.
    func member(in state: StoreState) throws -> Author {
        try sayDamage(in: state)
        let author = try author(in: state)
        guard state.activeAgent(author) != nil else { throw CLIError.notInRoster(author.agent.rawValue) }
        return author
    }

    /// A damaged store: without a whole roster nobody can be told apart, so
    /// nothing goes on; otherwise reads go on, and say what they leave out.
    private func sayDamage(in state: StoreState) throws {
        let damage = state.damage
        guard let summary = StoreError.damaged(damage) else { return }
        if !state.agents.damage.isEmpty
            || damage.contains(where: { $0.description.hasPrefix(Collection.agents.fileName) })
        {
            throw summary
        }
        printError(tr("Warning: %@ What follows leaves out what could not be read.", summary))
    }

    /// Customer `id` as a command reads them: in the store and not blocked
    /// on an erasure request (their data is kept for legal claims only).
    func readableCustomer(_ id: CustomerID, in state: StoreState) throws -> Customer {
        guard let customer = try state.customers.find(id) else { throw IncidentRefusal.unknownCustomer(id) }
        guard customer.blockedAt == nil else { throw IncidentRefusal.blockedCustomer(id) }
        return customer
    }

    /// The author, who must be an active supervisor to do `what`.
    func supervisor(in state: StoreState, to what: String) throws -> Author {
        let author = try member(in: state)
        guard state.activeSupervisor(author) != nil else { throw CLIError.supervisorsOnly(what, author.agent.rawValue) }
        return author
    }
}

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
