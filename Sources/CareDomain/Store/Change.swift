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
    case incidentEvent(IncidentEvent)

    /// The record this change puts, as (collection, id, new version); nil for
    /// history appends.
    public var recordKey: (collection: Collection, id: String, version: Int)? {
        for kind in RecordKinds.all {
            if let key = kind.key(of: self) { return (kind.collection, key.id, key.version) }
        }
        return nil
    }

    /// The customer whose history this change appends to.
    public var historyCustomer: CustomerID? {
        switch self {
        case .moment(let moment): moment.customer
        case .ledger(let entry): entry.customer
        case .incidentEvent(let event): event.customer
        default: nil
        }
    }
}

extension Change: Codable {
    /// A record change is keyed by its kind's word (`RecordKinds`); the
    /// history appends by their own.
    private enum History: String { case moment, ledger, incidentEvent }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: container.codingPath, debugDescription: tr("a change names exactly one kind of record"))
            )
        }
        if let kind = RecordKinds.named(key.stringValue) {
            self = try kind.decodeChange(from: container, forKey: key)
            return
        }
        switch History(rawValue: key.stringValue) {
        case .moment?: self = .moment(try container.decode(Moment.self, forKey: key))
        case .ledger?: self = .ledger(try container.decode(LedgerEntry.self, forKey: key))
        case .incidentEvent?: self = .incidentEvent(try container.decode(IncidentEvent.self, forKey: key))
        // A kind this care has no name for was written by a newer care.
        case nil: throw UnknownChangeKind(kind: key.stringValue)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        switch self {
        case .moment(let moment): try container.encode(moment, forKey: AnyKey(stringValue: History.moment.rawValue))
        case .ledger(let entry): try container.encode(entry, forKey: AnyKey(stringValue: History.ledger.rawValue))
        case .incidentEvent(let event):
            try container.encode(event, forKey: AnyKey(stringValue: History.incidentEvent.rawValue))
        default:
            for kind in RecordKinds.all {
                if try kind.encode(self, into: &container, forKey: AnyKey(stringValue: kind.collection.singular)) {
                    return
                }
            }
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
    /// A correction's field changes, values included ("phone: 624 612 113 →
    /// 611 000 222"); erasure removes them with the rest of the person's data.
    public var fields: [String]?

    public init(seq: Int, at: Date, author: Author, summary: String, changes: [Change], fields: [String]? = nil) {
        self.seq = seq
        self.at = at
        self.by = author.login
        self.actingAs = author.actingAs
        self.summary = summary
        self.changes = changes
        self.fields = fields
    }
}
