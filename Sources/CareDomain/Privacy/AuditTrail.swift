import Foundation

/// The audit view (rule 9): the journal's transactions as lines of who,
/// when, acting as whom, what for, and which records.
public enum AuditTrail {
    public static func lines(
        in store: any CareStore, customer: CustomerID? = nil, by login: String? = nil, since: Day? = nil
    ) throws(StoreError) -> [PersonalDataExport.AuditLine] {
        // Each customer's version as the journal last wrote it, to say what
        // the next one changed.
        var previous: [CustomerID: Customer] = [:]
        // One customer's trail reads only their transactions (the audit index).
        let entries: [JournalEntry]
        if let customer {
            entries = try store.journalEntries(concerning: customer)
        } else {
            entries = try store.journalEntries()
        }
        return entries.compactMap { entry in
            let computed = fieldChanges(in: entry, after: &previous)
            if let customer, !entry.concerns(customer) { return nil }
            if let login, entry.by != login, entry.actingAs?.rawValue != login { return nil }
            if let since, entry.at < since.start { return nil }
            let changes = customer.map { id in entry.changes.filter { $0.customer == id } } ?? entry.changes
            let shown = customer.map { id in computed.filter { $0.customer == id } } ?? computed
            // One customer's changes need no id before each; a batch's do.
            let several = Set(shown.map(\.customer)).count > 1
            let fields =
                entry.fields
                ?? (shown.isEmpty ? nil : shown.map { several ? "\($0.customer) \($0.change)" : "\($0.change)" })
            return PersonalDataExport.AuditLine(
                seq: entry.seq, at: entry.at, by: entry.by, actingAs: entry.actingAs, summary: entry.summary,
                changed: Change.labels(changes), fields: fields)
        }
    }

    /// The field changes of every customer version `entry` writes, against
    /// the version before it in the journal (none for a customer's first).
    private static func fieldChanges(in entry: JournalEntry, after previous: inout [CustomerID: Customer]) -> [(
        customer: CustomerID, change: Customer.FieldChange
    )] {
        var found: [(customer: CustomerID, change: Customer.FieldChange)] = []
        for case .customer(let version) in entry.changes {
            if let before = previous[version.id] {
                found += version.fieldChanges(from: before).map { (version.id, $0) }
            }
            previous[version.id] = version
        }
        return found
    }
}
