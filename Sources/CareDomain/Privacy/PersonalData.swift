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

    /// The entry with `customer`'s personal data removed: from its changes,
    /// its field changes (about the customers it changes: theirs go whole)
    /// and its summary (written by the rules, but it may quote free text
    /// holding one of `identifying`).
    package func withoutPersonalData(of customer: CustomerID, naming identifying: [String]) -> JournalEntry {
        var cleaned = self
        cleaned.changes = changes.map { $0.withoutPersonalData(of: customer) }
        if cleaned.fields != nil { cleaned.fields = nil }
        cleaned.summary = identifying.reduce(summary) { $0.replacingOccurrences(of: $1, with: "") }
        return cleaned
    }
}

extension PrivacyRules {
    /// What identifies `customer` wherever it may be written: every name,
    /// phone, email and handle of their record now (unless erased) and of
    /// every version `entries` hold, less what another customer also has
    /// (a family email, a common name), which stays where it is theirs.
    /// `recorded`: strings an earlier, unfinished erasure wrote down.
    package static func identifyingStrings(
        of record: Customer, in state: StoreState, entries: [JournalEntry], recorded: [String] = []
    ) -> [String] {
        var strings = recorded
        if record.erasedAt == nil { strings += record.identifyingStrings }
        for entry in entries {
            for case .customer(let version) in entry.changes where version.id == record.id && version.erasedAt == nil {
                strings += version.identifyingStrings
            }
        }
        var others = Set<String>()
        for summary in state.customers.summaries where summary.id != record.id {
            others.insert(summary.name)
            if let phone = summary.phone { others.insert(phone) }
            if let email = summary.email { others.insert(email) }
        }
        return Set(strings).subtracting(others).sorted()
    }

    /// Each string as written raw and as JSON writes it: what a search for
    /// the person's data in stored text looks for.
    package static func writtenForms(of strings: [String]) -> [Data] {
        let encoder = CareJSON.encoder()
        return strings.flatMap { text -> [Data] in
            var forms = [Data(text.utf8)]
            if let quoted = try? encoder.encode(text), quoted.count > 2 { forms.append(quoted.dropFirst().dropLast()) }
            return forms
        }.filter { !$0.isEmpty }
    }
}
