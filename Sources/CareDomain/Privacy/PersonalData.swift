import Foundation

/// What erasure keeps of each record: the anonymous figures (dates,
/// amounts, costs, points, statuses, ratings, who served) that scores and
/// reports count, and nothing that tells who the person was.
extension Customer {
    /// `name` stands in for theirs: "" in old journal lines (never longer
    /// than what it replaces), a neutral label in the record kept.
    public func withoutPersonalData(name: String) -> Customer {
        var kept = Customer(
            id: id, version: version, name: name, customerSince: customerSince, lifecycle: lifecycle, loyalty: loyalty)
        kept.lifecycleSince = lifecycleSince
        kept.lastPurchase = lastPurchase
        kept.mergedInto = mergedInto
        kept.blockedAt = blockedAt
        kept.erasedAt = erasedAt
        return kept
    }

    /// The strings that identify the person, to look for in files that
    /// cannot be parsed (torn journal tails).
    public var identifyingStrings: [String] {
        ([name, phone, email] + (socialHandles ?? []).map(\.handle)).compactMap { $0 }.filter { $0.count >= 3 }
    }
}

extension Incident {
    /// Subject, notes and resolution text may quote the customer: gone.
    public func withoutPersonalData() -> Incident {
        var kept = self
        kept.subject = ""
        kept.embeddedHistory = embeddedHistory?.map { Event(at: $0.at, by: $0.by, kind: $0.kind) }
        kept.resolution = resolution.map { Resolution(summary: "", playbook: $0.playbook, at: $0.at, by: $0.by) }
        kept.rating?.comment = nil
        return kept
    }
}

extension IncidentEvent {
    /// Notes and what was said at each step may quote the customer: gone;
    /// who did what and when stays.
    public func withoutPersonalData() -> IncidentEvent {
        var kept = self
        kept.text = nil
        return kept
    }
}

extension Moment {
    public func withoutPersonalData() -> Moment {
        var kept = self
        kept.outcome = ""
        // The score stays (anonymous figures); what they said goes.
        kept.survey?.comment = nil
        return kept
    }
}

extension LedgerEntry {
    /// A supervisor's adjustment reason is free text; the others are the
    /// program's own words.
    public func withoutPersonalData() -> LedgerEntry {
        var kept = self
        if kind == .adjust { kept.reason = "" }
        return kept
    }
}

extension Change {
    /// The customer this change is about, if any.
    public var customer: CustomerID? {
        switch self {
        case .customer(let record): record.id
        case .incident(let record): record.customer
        case .coupon(let record): record.customer
        case .moment(let record): record.customer
        case .ledger(let record): record.customer
        case .incidentEvent(let record): record.customer
        default: nil
        }
    }

    /// The change with `customer`'s personal data removed.
    func withoutPersonalData(of customer: CustomerID) -> Change {
        guard self.customer == customer else { return self }
        switch self {
        case .customer(let record):
            return .customer(record.erasedAt == nil ? record.withoutPersonalData(name: "") : record)
        case .incident(let record): return .incident(record.withoutPersonalData())
        case .moment(let record): return .moment(record.withoutPersonalData())
        case .ledger(let record): return .ledger(record.withoutPersonalData())
        case .incidentEvent(let record): return .incidentEvent(record.withoutPersonalData())
        default: return self
        }
    }
}

extension JournalEntry {
    public func concerns(_ customer: CustomerID) -> Bool { changes.contains { $0.customer == customer } }
}
