import Foundation

/// The audit view (rule 9): the journal's transactions as lines of who,
/// when, acting as whom, what for, and which records.
public enum AuditTrail {
    public static func lines(
        in store: any CareStore, customer: CustomerID? = nil, by login: String? = nil, since: Day? = nil
    ) throws(StoreError) -> [PersonalDataExport.AuditLine] {
        try store.journalEntries().compactMap { entry in
            if let customer, !entry.concerns(customer) { return nil }
            if let login, entry.by != login, entry.actingAs?.rawValue != login { return nil }
            if let since, entry.at < since.start { return nil }
            let changes = customer.map { id in entry.changes.filter { $0.customer == id } } ?? entry.changes
            return PersonalDataExport.AuditLine(
                seq: entry.seq, at: entry.at, by: entry.by, actingAs: entry.actingAs, summary: entry.summary,
                changed: changes.map(\.label))
        }
    }
}
