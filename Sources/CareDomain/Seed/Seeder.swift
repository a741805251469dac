import Foundation

/// What to seed. `moments` is the total across customers (default 20 each).
public struct SeedOptions: Sendable, Equatable {
    public var customers: Int
    public var moments: Int?
    /// How many incidents in all (default: about one for every five customers).
    public var incidents: Int?
    public var years: Int
    public var seed: UInt64
    /// The day the data ends on ("today"); fixed for reproducible stores.
    public var today: Day
    public var supervisorLogin: String
    public var supervisorName: String

    public init(
        customers: Int = 500, moments: Int? = nil, incidents: Int? = nil, years: Int = 3, seed: UInt64 = 1, today: Day,
        supervisorLogin: String,
        supervisorName: String? = nil
    ) {
        self.customers = customers
        self.moments = moments
        self.incidents = incidents
        self.years = years
        self.seed = seed
        self.today = today
        self.supervisorLogin = supervisorLogin
        self.supervisorName = supervisorName ?? supervisorLogin
    }

    public static let customerRange = 1...2_000_000
    public static let yearRange = 1...20
}

/// What a seed made, for the command's report and the journal.
public struct SeedSummary: Sendable, Equatable, CustomStringConvertible {
    public var customers = 0
    public var moments = 0
    public var ledgerEntries = 0
    public var incidents = 0
    public var overdue = 0
    public var agents = 0
    public var touchpoints = 0

    public var description: String {
        tr(
            "%@ customers, %@ moments, %@ ledger entries, %@ incidents (%@ overdue), %@ agents, %@ touchpoints",
            customers, moments, ledgerEntries, incidents, overdue, agents, touchpoints)
    }
}

/// Fills an empty store with a realistic, deterministic demo: the same
/// options always give the same files (but for the journal's own timestamp).
public enum Seeder {
    /// A store for real use: no customers (they come from `care import`),
    /// the demo's program, touchpoints, playbooks and rewards as a starting
    /// point to edit, and `login` as its one supervisor.
    public static func initialize(into store: any StoreCreating, supervisorLogin login: String, name: String) throws {
        var records = InitialRecords()
        records.program = DemoCatalog.program
        records.touchpoints = DemoCatalog.touchpoints
        records.playbooks = DemoCatalog.playbooks
        records.rewards = DemoCatalog.rewards
        records.agents = [
            Agent(
                id: AgentID(login), name: name, role: .supervisor, area: "Customer care",
                authorityLimit: .euros(500))
        ]
        try store.create(
            records: records, histories: [], summary: "init: an empty store, \(login) its supervisor",
            by: Author(login: login))
    }

    /// `progress` hears each customer made; when it is cancelled the fill
    /// stops and leaves no store behind (`create` removes what it wrote).
    public static func seed(_ options: SeedOptions, into store: FileStore, progress: WorkProgress = .none) throws
        -> SeedSummary
    {
        var summary = SeedSummary()
        let author = Author(login: options.supervisorLogin)
        try store.create(by: author) { writer in
            var records = InitialRecords()
            records.program = DemoCatalog.program
            records.touchpoints = DemoCatalog.touchpoints
            records.playbooks = DemoCatalog.playbooks
            records.rewards = DemoCatalog.rewards
            records.agents = team(options)
            let world = DemoWorld(options: options, agents: records.agents)
            let random = SeedRandom(seed: options.seed)
            // Deliveries follow online purchases and incidents add a contact:
            // about a fifth on top of the drawn events, taken off here so the
            // store holds close to the moments asked for.
            let perCustomer =
                Double(options.moments ?? options.customers * 20) / Double(max(options.customers, 1)) / 1.22
            // On every core, the same store as one after the other: each
            // customer draws from their own generator, and incidents are
            // numbered on from the chunks before (counted in a first pass,
            // which makes the customers and throws them away).
            progress.begin(tr("seed: drawing customers"), total: options.customers)
            let counts = Parallel.chunks(options.customers, minimum: 256) { range in
                var counting = world
                for index in range {
                    if progress.isCancelled { break }
                    progress.advance()
                    var rng = random.derived(index)
                    _ = counting.customer(index: index, momentsWanted: perCustomer, rng: &rng)
                }
                return (range.lowerBound, counting.incidentNumber)
            }
            var firstNumber: [Int: Int] = [:]
            var numbered = 0
            for (start, made) in counts {
                firstNumber[start] = numbered
                numbered += made
            }
            let starts = firstNumber
            try progress.checkCancelled()
            progress.begin(tr("seed: writing customers"), total: options.customers)
            let parts = Parallel.chunks(options.customers, minimum: 256) { range in
                Result { () throws -> [DemoCustomer] in
                    var making = world
                    making.incidentNumber = starts[range.lowerBound] ?? 0
                    var made: [DemoCustomer] = []
                    made.reserveCapacity(range.count)
                    for index in range {
                        try progress.checkCancelled()
                        progress.advance()
                        var rng = random.derived(index)
                        var customer = making.customer(index: index, momentsWanted: perCustomer, rng: &rng)
                        try writer.write(
                            customer.customer.id, moments: customer.moments, ledger: customer.ledger,
                            incidentEvents: customer.incidentEvents, record: customer.customer, program: world.program)
                        // Written: only the counts are kept from here on.
                        customer.momentCount = customer.moments.count
                        customer.ledgerCount = customer.ledger.count
                        customer.moments = []
                        customer.ledger = []
                        customer.incidentEvents = []
                        made.append(customer)
                    }
                    return made
                }
            }
            for part in parts {
                for made in try part.get() {
                    records.customers.append(made.customer)
                    records.incidents.append(contentsOf: made.incidents)
                    records.coupons.append(contentsOf: made.coupons)
                    summary.moments += made.momentCount
                    summary.ledgerEntries += made.ledgerCount
                }
            }
            summary.customers = records.customers.count
            summary.incidents = records.incidents.count
            summary.overdue = records.incidents.filter { $0.isOverdue(at: world.now) }.count
            summary.agents = records.agents.count
            summary.touchpoints = records.touchpoints.count
            return (records, "seed: \(summary)")
        }
        return summary
    }

    /// The demo agents plus the login that ran the seed, as supervisor.
    static func team(_ options: SeedOptions) -> [Agent] {
        var agents = DemoCatalog.agents.filter { $0.id.rawValue != options.supervisorLogin }
        agents.append(
            Agent(
                id: AgentID(options.supervisorLogin), name: options.supervisorName, role: .supervisor,
                area: "Customer care", authorityLimit: .euros(500)))
        return agents
    }
}
