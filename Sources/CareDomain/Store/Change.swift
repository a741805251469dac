import Foundation

/// One thing a transaction does: put a record (new, or the next version of
/// one) or append an entry to a customer's history. In the journal it is an
/// object with one key naming what it holds: `{"incident": {…}}`.
public enum Change: Sendable, Equatable {
    case customer(Customer)
    case agent(Agent)
    case touchpoint(Touchpoint)
    case incident(Incident)
    case playbook(Playbook)
    case reward(Reward)
    case coupon(Coupon)
    case program(LoyaltyProgram)
    case campaign(Campaign)
    case moment(Moment)
    case ledger(LedgerEntry)

    /// The record this change puts, as (collection, id, new version); nil for
    /// history appends.
    public var recordKey: (collection: Collection, id: String, version: Int)? {
        switch self {
        case .customer(let r): (Customer.collection, r.id.rawValue, r.version)
        case .agent(let r): (Agent.collection, r.id.rawValue, r.version)
        case .touchpoint(let r): (Touchpoint.collection, r.id.rawValue, r.version)
        case .incident(let r): (Incident.collection, r.id.rawValue, r.version)
        case .playbook(let r): (Playbook.collection, r.id.rawValue, r.version)
        case .reward(let r): (Reward.collection, r.id.rawValue, r.version)
        case .coupon(let r): (Coupon.collection, r.id.rawValue, r.version)
        case .program(let r): (LoyaltyProgram.collection, r.id.rawValue, r.version)
        case .campaign(let r): (Campaign.collection, r.id.rawValue, r.version)
        case .moment, .ledger: nil
        }
    }

    /// The customer whose history this change appends to.
    public var historyCustomer: CustomerID? {
        switch self {
        case .moment(let moment): moment.customer
        case .ledger(let entry): entry.customer
        default: nil
        }
    }
}

extension Change: Codable {
    private enum Key: String, CodingKey {
        case customer, agent, touchpoint, incident, playbook, reward, coupon, program, campaign, moment, ledger
    }

    public init(from decoder: any Decoder) throws {
        // A kind this care has no name for was written by a newer care.
        let named = try decoder.container(keyedBy: AnyKey.self)
        if named.allKeys.count == 1, let only = named.allKeys.first, Key(rawValue: only.stringValue) == nil {
            throw UnknownChangeKind(kind: only.stringValue)
        }
        let container = try decoder.container(keyedBy: Key.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: container.codingPath, debugDescription: "a change names exactly one kind of record"))
        }
        switch key {
        case .customer: self = .customer(try container.decode(Customer.self, forKey: key))
        case .agent: self = .agent(try container.decode(Agent.self, forKey: key))
        case .touchpoint: self = .touchpoint(try container.decode(Touchpoint.self, forKey: key))
        case .incident: self = .incident(try container.decode(Incident.self, forKey: key))
        case .playbook: self = .playbook(try container.decode(Playbook.self, forKey: key))
        case .reward: self = .reward(try container.decode(Reward.self, forKey: key))
        case .coupon: self = .coupon(try container.decode(Coupon.self, forKey: key))
        case .program: self = .program(try container.decode(LoyaltyProgram.self, forKey: key))
        case .campaign: self = .campaign(try container.decode(Campaign.self, forKey: key))
        case .moment: self = .moment(try container.decode(Moment.self, forKey: key))
        case .ledger: self = .ledger(try container.decode(LedgerEntry.self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .customer(let r): try container.encode(r, forKey: .customer)
        case .agent(let r): try container.encode(r, forKey: .agent)
        case .touchpoint(let r): try container.encode(r, forKey: .touchpoint)
        case .incident(let r): try container.encode(r, forKey: .incident)
        case .playbook(let r): try container.encode(r, forKey: .playbook)
        case .reward(let r): try container.encode(r, forKey: .reward)
        case .coupon(let r): try container.encode(r, forKey: .coupon)
        case .program(let r): try container.encode(r, forKey: .program)
        case .campaign(let r): try container.encode(r, forKey: .campaign)
        case .moment(let r): try container.encode(r, forKey: .moment)
        case .ledger(let r): try container.encode(r, forKey: .ledger)
        }
    }
}

/// Any key, to read the names a change object holds.
private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A journal line holds a kind of change this care does not know.
struct UnknownChangeKind: Error {
    let kind: String
}

/// Who makes a change: the Unix login, and the agent a supervisor acts as
/// (`--as`). Both go into the journal, which is the audit trail.
public struct Author: Sendable, Equatable, Codable {
    public var login: String
    public var actingAs: AgentID?

    public init(login: String, actingAs: AgentID? = nil) {
        self.login = login
        self.actingAs = actingAs
    }

    /// The agent the change is made as.
    public var agent: AgentID { actingAs ?? AgentID(login) }
}

/// One line of the journal: one transaction, all or nothing. `seq` counts
/// transactions across the whole store without gaps.
public struct JournalEntry: Codable, Sendable, Equatable {
    public var seq: Int
    public var at: Date
    public var by: String
    public var actingAs: AgentID?
    public var summary: String
    public var changes: [Change]

    public init(seq: Int, at: Date, author: Author, summary: String, changes: [Change]) {
        self.seq = seq
        self.at = at
        self.by = author.login
        self.actingAs = author.actingAs
        self.summary = summary
        self.changes = changes
    }
}
