import Foundation

/// Why a data-protection step was refused.
public enum PrivacyRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownCustomer(CustomerID)
    case supervisorsOnly
    case alreadyBlocked(CustomerID)
    case notBlocked(CustomerID)
    case erased(CustomerID)
    case blocked(CustomerID)

    public var description: String {
        switch self {
        case .unknownCustomer(let id): RefusalWording.unknownCustomer(id)
        case .supervisorsOnly: RefusalWording.supervisorsOnly(tr("handle a data-protection request"))
        case .alreadyBlocked(let id):
            tr("Customer %@ is already blocked; `care privacy erase %@ --confirm` erases their data.", id, id)
        case .notBlocked(let id):
            tr(
                "Customer %@ is not blocked; `care privacy erase %@` blocks them first, the confirmed step erases.", id,
                id)
        case .erased(let id): tr("Customer %@'s personal data was already erased.", id)
        case .blocked(let id): RefusalWording.blocked(id)
        }
    }
}

/// The right to erasure in two steps (LOPD/GDPR): first the customer is
/// blocked (hidden from lists, reports and exports, kept for legal claims),
/// then, confirmed, their personal data is removed from every file.
public enum PrivacyRules {
    /// The label an erased customer keeps instead of a name.
    public static let erasedName = "(erased)"

    public static func block(in state: StoreState, customer id: CustomerID, by author: Author, at now: Date)
        throws(PrivacyRefusal) -> Transaction
    {
        var customer = try supervised(state, id, author)
        guard customer.erasedAt == nil else { throw .erased(id) }
        guard customer.blockedAt == nil else { throw .alreadyBlocked(id) }
        customer = customer.nextVersion()
        customer.blockedAt = now
        // The duplicates merged into them are the same person: blocked with them.
        let pointers = pointers(to: id, in: state).compactMap { state.customers[$0] }.filter { $0.blockedAt == nil }
            .map { pointer in
                var blocked = pointer.nextVersion()
                blocked.blockedAt = now
                return Change.customer(blocked)
            }
        return Transaction(
            summary: "block customer \(id) on an erasure request", changes: [.customer(customer)] + pointers)
    }

    public static func unblock(in state: StoreState, customer id: CustomerID, by author: Author) throws(PrivacyRefusal)
        -> Transaction
    {
        var customer = try supervised(state, id, author)
        guard customer.erasedAt == nil else { throw .erased(id) }
        guard customer.blockedAt != nil else { throw .notBlocked(id) }
        customer = customer.nextVersion()
        customer.blockedAt = nil
        let pointers = pointers(to: id, in: state).compactMap { state.customers[$0] }
            .filter { $0.blockedAt != nil && $0.erasedAt == nil }
            .map { pointer in
                var unblocked = pointer.nextVersion()
                unblocked.blockedAt = nil
                return Change.customer(unblocked)
            }
        return Transaction(summary: "unblock customer \(id)", changes: [.customer(customer)] + pointers)
    }

    /// The duplicates a supervisor merged into `id` (hidden records that point to them).
    public static func pointers(to id: CustomerID, in state: StoreState) -> [CustomerID] {
        state.customers.summaries.filter(\.blocked).compactMap { summary in
            state.customers[summary.id]?.mergedInto == id ? summary.id : nil
        }
    }

    /// The records kept after erasure: the customer without personal data,
    /// and their incidents without subjects, notes or resolution text.
    public static func eraseRecords(in state: StoreState, customer id: CustomerID, by author: Author, at now: Date)
        throws(PrivacyRefusal) -> Transaction
    {
        let customer = try supervised(state, id, author)
        guard customer.erasedAt == nil else { throw .erased(id) }
        guard customer.blockedAt != nil else { throw .notBlocked(id) }
        var kept = customer.nextVersion().withoutPersonalData(name: erasedName)
        kept.erasedAt = now
        let incidents = state.incidents.summaries { $0.customer == id }.compactMap { state.incidents[$0.id] }
        return Transaction(
            summary: "erase customer \(id)'s personal data",
            changes: [.customer(kept)] + incidents.map { .incident($0.nextVersion().withoutPersonalData()) })
    }

    private static func supervised(_ state: StoreState, _ id: CustomerID, _ author: Author) throws(PrivacyRefusal)
        -> Customer
    {
        guard state.activeSupervisor(author) != nil else { throw .supervisorsOnly }
        guard let customer = state.customers[id] else { throw .unknownCustomer(id) }
        return customer
    }
}
