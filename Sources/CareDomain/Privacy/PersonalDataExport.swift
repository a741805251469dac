import Foundation

/// Everything the store holds on one person, as one JSON document: the
/// answer to a right-of-access request (LOPD/GDPR).
public struct PersonalDataExport: Encodable, Sendable {
    /// One journal transaction that touched the person: who, when, what.
    public struct AuditLine: Codable, Sendable, Equatable {
        public var seq: Int
        public var at: Date
        public var by: String
        public var actingAs: AgentID?
        public var summary: String
        /// What it changed about them: "customer", "incident I000042", …
        public var changed: [String]
        /// Field by field, for customers: "phone: 624 612 113 → 611 000 222"
        /// (read from the versions in the journal, never stored twice).
        public var fields: [String]?
    }

    public var exportedAt: Date
    public var customer: Customer
    public var moments: [Moment]
    public var ledger: [LedgerEntry]
    public var incidents: [Incident]
    /// Every step of their incidents, with what was noted at each.
    public var incidentEvents: [IncidentEvent]
    public var coupons: [Coupon]
    public var audit: [AuditLine]

    public static func of(_ id: CustomerID, in store: any CareStore, at now: Date) throws -> PersonalDataExport {
        let state = try store.open()
        // Everything held on the person, or nothing: not a part of it.
        try state.requireUndamaged()
        guard let customer = try state.customers.find(id) else { throw PrivacyRefusal.unknownCustomer(id) }
        var incidents: [Incident] = []
        for summary in state.incidents.summaries(where: { $0.customer == id }) {
            if let incident = try state.incidents.find(summary.id) { incidents.append(incident) }
        }
        return PersonalDataExport(
            exportedAt: now, customer: customer, moments: try store.moments(of: id), ledger: try store.ledger(of: id),
            incidents: incidents.sorted { $0.id < $1.id }, incidentEvents: try store.incidentEvents(of: id),
            coupons: state.coupons(of: id), audit: try audit(of: id, in: store))
    }

    /// The journal's transactions about `id`, oldest first.
    public static func audit(of id: CustomerID, in store: any CareStore) throws(StoreError) -> [AuditLine] {
        try AuditTrail.lines(in: store, customer: id)
    }

    public func json() throws -> Data { try CareJSON.encoder(pretty: true).encode(self) }
}

extension Change {
    /// "customer", "incident I000042", "moment C1-M3", "points C1-L2".
    public var label: String {
        switch self {
        case .customer: "customer"
        case .agent(let r): "agent \(r.id)"
        case .touchpoint(let r): "touchpoint \(r.id)"
        case .incident(let r): "incident \(r.id)"
        case .playbook(let r): "playbook \(r.id)"
        case .reward(let r): "reward \(r.id)"
        case .coupon(let r): "coupon \(r.id)"
        case .program: "program"
        case .campaign(let r): "campaign \(r.id)"
        case .moment(let r): "moment \(r.id)"
        case .ledger(let r): "points \(r.id)"
        case .incidentEvent(let r): "incident \(r.incident) step \(r.number)"
        }
    }

    /// The labels of `changes`, moments and points movements counted when
    /// there are many ("32 moments"): a merge or a batch stays one line.
    public static func labels(_ changes: [Change]) -> [String] {
        let moments = changes.filter { if case .moment = $0 { true } else { false } }.count
        let points = changes.filter { if case .ledger = $0 { true } else { false } }.count
        // A step goes with its incident's record, which is labelled already.
        let incidents = Set(changes.compactMap { if case .incident(let r) = $0 { r.id } else { nil } })
        return changes.compactMap { change in
            switch change {
            case .moment where moments > 3: nil
            case .ledger where points > 3: nil
            case .incidentEvent(let event) where incidents.contains(event.incident): nil
            default: change.label
            }
        } + (moments > 3 ? ["\(moments) moments"] : []) + (points > 3 ? [tr("%@ points movements", points)] : [])
    }
}
