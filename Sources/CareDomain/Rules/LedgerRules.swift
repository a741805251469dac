import Foundation

/// Rule 6: every movement of points is a ledger entry and the balance is the
/// sum of the entries. `LedgerBook` is the one place that appends an entry,
/// so `balanceAfter` and the customer's cached balance cannot drift apart.
public struct LedgerBook: Sendable, Equatable {
    public private(set) var balance: Int
    public private(set) var entries: [LedgerEntry] = []

    public init(balance: Int = 0) { self.balance = balance }

    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case insufficient(balance: Int, requested: Int)

        public var description: String {
            switch self {
            case .insufficient(let balance, let requested):
                tr(
                    "The customer has %@ points; %@ cannot be taken (%@ short).", balance, requested,
                    requested - balance)
            }
        }
    }

    /// Posts `points` (signed). A movement that would leave the balance below
    /// zero is refused.
    @discardableResult
    public mutating func post(
        id: LedgerEntryID, customer: CustomerID, at: Date, kind: LedgerEntry.Kind, points: Int, reason: String,
        expiresOn: Day? = nil, moment: MomentID? = nil, incident: IncidentID? = nil, reward: RewardID? = nil,
        money: Cents? = nil,
        by: AgentID? = nil
    ) throws(Refusal) -> LedgerEntry {
        guard balance + points >= 0 else { throw .insufficient(balance: balance, requested: -points) }
        balance += points
        let entry = LedgerEntry(
            id: id, customer: customer, at: at, kind: kind, points: points, balanceAfter: balance, reason: reason,
            expiresOn: expiresOn, moment: moment, incident: incident, reward: reward, money: money, by: by)
        entries.append(entry)
        return entry
    }
}
