/// Everything a console needs in memory: the current version of every record
/// (customer histories excepted, which load per customer), and the journal
/// sequence number it reflects.
public struct StoreState: Sendable, Equatable {
    public internal(set) var customers = Table<Customer>()
    public internal(set) var agents = Table<Agent>()
    public internal(set) var touchpoints = Table<Touchpoint>()
    public internal(set) var incidents = Table<Incident>()
    public internal(set) var playbooks = Table<Playbook>()
    public internal(set) var rewards = Table<Reward>()
    public internal(set) var coupons = Table<Coupon>()
    public internal(set) var programs = Table<LoyaltyProgram>()
    public internal(set) var campaigns = Table<Campaign>()
    /// The last journal transaction reflected here.
    public internal(set) var seq = 0
    /// Files the store needs that were missing or could not be read whole
    /// when it was loaded, and snapshot headers that disagree with the journal.
    var fileDamage: [StoreError] = []
    /// A damaged region at the journal's end (not a torn line).
    var journalDamage: [StoreError] = []

    /// Everything wrong with the store as read: while it is not empty,
    /// nothing is written and nothing exported; reads go on without what
    /// could not be read, and say so.
    public var damage: [StoreError] {
        fileDamage + journalDamage + customers.damage + agents.damage + touchpoints.damage + incidents.damage
            + playbooks.damage
            + rewards.damage + coupons.damage + programs.damage + campaigns.damage
    }

    public init() {}

    public var program: LoyaltyProgram? { programs[LoyaltyProgram.singletonID] }

    func verifySnapshots() {
        customers.verifySnapshot()
        agents.verifySnapshot()
        touchpoints.verifySnapshot()
        incidents.verifySnapshot()
        playbooks.verifySnapshot()
        rewards.verifySnapshot()
        coupons.verifySnapshot()
        programs.verifySnapshot()
        campaigns.verifySnapshot()
    }

    /// Throws the damage, if any, as one sentence: for what must see the
    /// whole store (an export, a write).
    public func requireUndamaged() throws(StoreError) {
        if let damaged = StoreError.damaged(damage) { throw damaged }
    }

    /// A customer's coupons, by code.
    public func coupons(of customer: CustomerID) -> [Coupon] {
        coupons.summaries { $0.customer == customer }.compactMap { coupons[$0.id] }.sorted {
            $0.id.rawValue < $1.id.rawValue
        }
    }

    /// The roster's active agent `author` acts as; nil for anyone else.
    /// Acting as someone else (`--as`) needs the login itself to be an
    /// active supervisor: a deactivated supervisor keeps no power through
    /// another agent's name.
    public func activeAgent(_ author: Author) -> Agent? {
        if author.agent != AgentID(author.login) {
            guard let login = agents[AgentID(author.login)], login.active, login.role == .supervisor else { return nil }
        }
        return agents[author.agent].flatMap { $0.active ? $0 : nil }
    }

    /// The same, when they are a supervisor.
    public func activeSupervisor(_ author: Author) -> Agent? {
        activeAgent(author).flatMap { $0.role == .supervisor ? $0 : nil }
    }

    public var isEmpty: Bool {
        customers.isEmpty && agents.isEmpty && touchpoints.isEmpty && incidents.isEmpty && playbooks.isEmpty
            && rewards.isEmpty && coupons.isEmpty && programs.isEmpty && campaigns.isEmpty
    }

    /// The version on record for `collection`/`id`, 0 when absent.
    func version(of collection: Collection, id: String) -> Int {
        switch collection {
        case .customers: customers.version(of: CustomerID(id)) ?? 0
        case .agents: agents.version(of: AgentID(id)) ?? 0
        case .touchpoints: touchpoints.version(of: TouchpointID(id)) ?? 0
        case .incidents: incidents.version(of: IncidentID(id)) ?? 0
        case .playbooks: playbooks.version(of: PlaybookID(id)) ?? 0
        case .rewards: rewards.version(of: RewardID(id)) ?? 0
        case .coupons: coupons.version(of: CouponCode(id)) ?? 0
        case .program: programs.version(of: Identifier<LoyaltyProgram>(id)) ?? 0
        case .campaigns: campaigns.version(of: CampaignID(id)) ?? 0
        }
    }

    /// Puts the change's record; history appends leave the state as it is.
    mutating func apply(_ change: Change) {
        switch change {
        case .customer(let r): customers.put(r)
        case .agent(let r): agents.put(r)
        case .touchpoint(let r): touchpoints.put(r)
        case .incident(let r): incidents.put(r)
        case .playbook(let r): playbooks.put(r)
        case .reward(let r): rewards.put(r)
        case .coupon(let r): coupons.put(r)
        case .program(let r): programs.put(r)
        case .campaign(let r): campaigns.put(r)
        case .moment, .ledger: break
        }
    }

    /// Refuses a transaction made from a stale read, or one that would leave
    /// the store inconsistent. Checked against this (current) state, under the
    /// writer lock, changes in order: a transaction may create a customer and
    /// then append to their history.
    func validate(_ changes: [Change]) throws(StoreError) {
        // What the transaction itself has put so far, instead of a scratch
        // copy of the state: copying 200,000 incidents per change would cost
        // more than the rest of the write.
        var putVersions: [String: Int] = [:]
        var newCustomers = Set<CustomerID>()
        for change in changes {
            if let key = change.recordKey {
                guard !key.id.isEmpty, key.id.utf8.count <= 200 else {
                    throw .invalidChange("A \(key.collection.singular) needs an id of 1 to 200 characters.")
                }
                let slot = key.collection.rawValue + "/" + key.id
                let found = putVersions[slot] ?? version(of: key.collection, id: key.id)
                if found != key.version - 1 {
                    throw .stale(collection: key.collection, id: key.id, expected: key.version - 1, found: found)
                }
                putVersions[slot] = key.version
                if key.collection == .customers { newCustomers.insert(CustomerID(key.id)) }
            }
            if let customer = change.historyCustomer {
                guard customer.isSafeFileName else {
                    throw .invalidChange(
                        "Customer id \"\(customer)\" cannot hold history: use letters, digits, - _ or .")
                }
                guard customers.contains(customer) || newCustomers.contains(customer) else {
                    throw .missing(collection: .customers, id: customer.rawValue)
                }
            }
        }
    }
}
