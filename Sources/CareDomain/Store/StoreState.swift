import Foundation

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
    public package(set) var seq = 0
    /// Files the store needs that were missing or could not be read whole
    /// when it was loaded, and snapshot headers that disagree with the journal.
    var fileDamage: [StoreError] = []
    /// A damaged region at the journal's end (not a torn line).
    var journalDamage: [StoreError] = []

    /// Everything wrong with the store as read: while it is not empty,
    /// nothing is written and nothing exported; reads go on without what
    /// could not be read, and say so.
    public var damage: [StoreError] {
        fileDamage + journalDamage + RecordKinds.all.flatMap { $0.damage(in: self) }
    }

    public init() {}

    public var program: LoyaltyProgram? { programs[LoyaltyProgram.singletonID] }

    func verifySnapshots() {
        for kind in RecordKinds.all { kind.verifySnapshot(in: self) }
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

    public var isEmpty: Bool { RecordKinds.all.allSatisfy { $0.isEmpty(in: self) } }

    /// False when a table was read as its summaries alone
    /// (`CareStore.openListing`): no record of it can be read until the
    /// store is read whole.
    public var holdsEveryRecord: Bool { RecordKinds.all.allSatisfy { $0.holdsRecords(in: self) } }

    /// The version on record for `collection`/`id`, 0 when absent.
    func version(of collection: Collection, id: String) -> Int {
        RecordKinds.all.first { $0.collection == collection }?.version(in: self, id: id) ?? 0
    }

    /// What a snapshot of `collection` holds before its records' lines and
    /// after them, as `take` reads it.
    package static func snapshotFrame(of collection: Collection) -> (head: String, tail: String) {
        (
            "{\"collection\":\"\(collection.rawValue)\",\"format\":\(SnapshotFile.format),"
                + "\"journal\":{\"line\":0,\"offset\":0,\"seq\":0},\"records\":[\n",
            "\n]}\n"
        )
    }

    /// Puts `collection`'s records, given as a snapshot of them:
    /// `snapshotFrame`'s head, the JSON text the store writes for each (a
    /// snapshot line) joined by `,` and a newline, its tail; nil when
    /// there are none. Read as a snapshot file is, listed from the text
    /// and each record decoded when it is asked for: what a store on a
    /// server loads its tables with (the server frames the text, so it is
    /// taken as it came, without a copy). `summaries`, when given, are the
    /// records' stored summaries in the same order (`StoredSummary`): then
    /// the text is not scanned. `source` names them in messages.
    package mutating func take(_ collection: Collection, snapshot: Data?, summaries: Data? = nil, source: String)
        throws(StoreError)
    {
        let head = Self.snapshotFrame(of: collection).head
        for kind in RecordKinds.all where kind.collection == collection {
            if let snapshot, let summaries {
                try kind.take(
                    snapshot: snapshot, file: source, summaries: summaries, headerLength: head.utf8.count - 1,
                    into: &self)
            } else {
                try kind.take(snapshot: snapshot ?? Data((head + "]}\n").utf8), file: source, into: &self)
            }
        }
    }

    /// Puts `collection`'s records' summaries alone, from their stored
    /// entries (`StoredSummary`), for a report, which lists and counts
    /// them but reads no record: a record asked of such a table throws.
    /// False, and nothing put, when any entry does not hold (then the
    /// caller takes the text).
    package mutating func takeSummaries(_ collection: Collection, entries: Data, source: String) -> Bool {
        RecordKinds.all.first { $0.collection == collection }?.takeSummaries(entries, file: source, into: &self)
            ?? false
    }

    /// `collection`'s table as `other` holds it, in place of this one's:
    /// the records read whole after a listing of them, which keeps the
    /// listing's revision when it lists the same (`Table.takeRevision`).
    package mutating func replaceTable(_ collection: Collection, from other: StoreState) {
        for kind in RecordKinds.all where kind.collection == collection { kind.copyTable(from: other, into: &self) }
    }

    /// Puts the change's record; history appends leave the state as it is.
    package mutating func apply(_ change: Change) {
        for kind in RecordKinds.all where kind.apply(change, to: &self) { return }
    }

    /// Refuses a transaction made from a stale read, or one that would leave
    /// the store inconsistent. Checked against this (current) state, under the
    /// writer lock, changes in order: a transaction may create a customer and
    /// then append to their history.
    package func validate(_ changes: [Change]) throws(StoreError) {
        // What the transaction itself has put so far, instead of a scratch
        // copy of the state: copying 200,000 incidents per change would cost
        // more than the rest of the write.
        var putVersions: [String: Int] = [:]
        var newCustomers = Set<CustomerID>()
        for change in changes {
            if let key = change.recordKey {
                guard !key.id.isEmpty, key.id.utf8.count <= 200 else {
                    throw .invalidChange(tr("A %@ needs an id of 1 to 200 characters.", key.collection.shownSingular))
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
                        tr("Customer id \"%@\" cannot hold history: use letters, digits, - _ or .", customer))
                }
                guard customers.contains(customer) || newCustomers.contains(customer) else {
                    throw .missing(collection: .customers, id: customer.rawValue)
                }
            }
        }
    }
}
