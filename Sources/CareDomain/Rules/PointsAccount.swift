import Foundation

/// One customer's points as lots (rule 6): every credit is a lot that lapses
/// `pointsExpiryMonths` after it was earned; spending and expiry take from
/// the oldest lots first; the whole balance lapses after `inactivityDays`
/// without a purchase or a redemption. The seed generator, the expiry run
/// and every rule that moves points use this one account, so they agree on
/// which points go first.
public struct PointsAccount: Sendable {
    public let customer: CustomerID
    public let program: LoyaltyProgram
    /// The balance, and the entries posted through this account.
    public private(set) var book: LedgerBook
    public private(set) var lastActivity: Day?
    /// Points earned on purchases, by day: what tiers are counted on.
    public private(set) var earnings: [(day: Day, points: Int)] = []
    private var lots: [Lot] = []
    private var lastPostedAt: Date?
    private let idPrefix: String

    private struct Lot: Sendable {
        var remaining: Int
        let expiresOn: Day
    }

    /// An account rebuilt from `ledger` (oldest first); its balance is the
    /// ledger's, or `balance` when the ledger was not read (then it can
    /// credit, but has no lots to expire or spend from). New entries are
    /// numbered `idPrefix` 1, 2, …
    public init(
        customer: CustomerID, program: LoyaltyProgram, ledger: [LedgerEntry] = [], balance: Int = 0, lastActivity: Day?,
        idPrefix: String
    ) {
        self.customer = customer
        self.program = program
        self.lastActivity = lastActivity
        self.idPrefix = idPrefix
        book = LedgerBook(balance: ledger.last?.balanceAfter ?? balance)
        for entry in ledger {
            if entry.points > 0 {
                addLot(
                    Lot(
                        remaining: entry.points,
                        expiresOn: entry.expiresOn
                            ?? Day(containing: entry.at).adding(months: program.pointsExpiryMonths)))
            } else {
                take(-entry.points)
            }
            if entry.kind == .earn, entry.points > 0 { earnings.append((Day(containing: entry.at), entry.points)) }
            // A return takes its points out of what tiers count from its day on.
            if entry.kind == .returned { earnings.append((Day(containing: entry.at), entry.points)) }
            lastPostedAt = max(lastPostedAt ?? entry.at, entry.at)
        }
    }

    /// The account of `customer` as it stands, its new entries named after
    /// the customer's next version (`C000042-v7-1`): unique without reading
    /// anyone else's ledger, since every posting writes that version.
    public init(of customer: Customer, program: LoyaltyProgram, ledger: [LedgerEntry]) {
        self.init(
            customer: customer.id, program: program, ledger: ledger, balance: customer.loyalty.points,
            lastActivity: customer.loyalty.lastActivity,
            idPrefix: "\(customer.id)-v\(customer.version + 1)-")
    }

    public var balance: Int { book.balance }

    public mutating func noteActivity(on day: Day) {
        lastActivity = max(lastActivity ?? day, day)
    }

    /// The points held, as (points, the day they lapse), oldest first.
    public var heldLots: [(points: Int, expiresOn: Day)] {
        lots.filter { $0.remaining > 0 }.map { ($0.remaining, $0.expiresOn) }
    }

    /// Credits a new lot of points, lapsing `expiresOn` (by default the
    /// program's months after `at`).
    @discardableResult
    public mutating func credit(
        _ points: Int, at: Date, kind: LedgerEntry.Kind, reason: String, moment: MomentID? = nil,
        incident: IncidentID? = nil,
        by: AgentID? = nil, expiresOn: Day? = nil
    ) -> LedgerEntry? {
        guard points > 0 else { return nil }
        let expiresOn = expiresOn ?? Day(containing: at).adding(months: program.pointsExpiryMonths)
        addLot(Lot(remaining: points, expiresOn: expiresOn))
        if kind == .earn { earnings.append((Day(containing: at), points)) }
        // A credit can never be refused.
        return try? post(
            points, at: at, kind: kind, reason: reason, expiresOn: expiresOn, moment: moment, incident: incident, by: by
        )
    }

    /// Takes points, oldest lots first; refused when the balance is short.
    @discardableResult
    public mutating func debit(
        _ points: Int, at: Date, kind: LedgerEntry.Kind, reason: String, reward: RewardID? = nil, money: Cents? = nil,
        moment: MomentID? = nil, by: AgentID? = nil
    ) throws(LedgerBook.Refusal) -> LedgerEntry {
        let entry = try post(
            -points, at: at, kind: kind, reason: reason, moment: moment, reward: reward, money: money, by: by)
        take(points)
        if kind == .returned { earnings.append((Day(containing: at), -points)) }
        return entry
    }

    /// When the next expiry or inactivity lapse falls due, if any.
    public var nextDue: Date? {
        let expiry = lots.first(where: { $0.remaining > 0 })?.expiresOn.start
        let lapse = balance > 0 ? lastActivity.map { $0.adding(days: program.inactivityDays).start } : nil
        return [expiry, lapse].compactMap { $0 }.min()
    }

    /// Posts every expiry and lapse due up to `date`, in time order.
    public mutating func settle(until date: Date) {
        while let due = nextDue, due <= date {
            let lapse = lastActivity.map { $0.adding(days: program.inactivityDays) }
            if balance > 0, let lapse, lapse.start == due {
                let since = lapse.adding(days: -program.inactivityDays)
                _ = try? debit(
                    balance, at: due, kind: .expire,
                    reason: "inactive for \(program.inactivityDays) days since \(since)")
            } else if let index = lots.firstIndex(where: { $0.remaining > 0 }) {
                // Removed first, so that a ledger out of step with its lots
                // (a hand-edited file) cannot loop here.
                let lot = lots.remove(at: index)
                let points = min(lot.remaining, balance)
                let earned = lot.expiresOn.adding(months: -program.pointsExpiryMonths)
                if points > 0 {
                    _ = try? post(
                        -points, at: due, kind: .expire,
                        reason: "points earned on \(earned) expired on \(lot.expiresOn)")
                }
            }
        }
    }

    /// The earliest lot still held that lapses after `today`: how many
    /// points and when (all lots lapsing that day together).
    public func nextExpiry(after today: Day) -> (points: Int, day: Day)? {
        let held = lots.filter { $0.remaining > 0 && $0.expiresOn > today }
        guard let first = held.min(by: { $0.expiresOn < $1.expiresOn }) else { return nil }
        return (held.filter { $0.expiresOn == first.expiresOn }.reduce(0) { $0 + $1.remaining }, first.expiresOn)
    }

    public func standing(today: Day) -> TierRules.Standing {
        TierRules.standing(earnings: earnings, program: program, today: today)
    }

    /// Lots stay in the order they lapse (a merged customer's points keep
    /// their own, earlier, days), which is the order they are spent in.
    private mutating func addLot(_ lot: Lot) {
        let index = lots.lastIndex { $0.expiresOn <= lot.expiresOn }.map { $0 + 1 } ?? 0
        lots.insert(lot, at: index)
    }

    private mutating func take(_ points: Int) {
        var left = points
        for index in lots.indices where left > 0 {
            let taken = min(left, lots[index].remaining)
            lots[index].remaining -= taken
            left -= taken
        }
        lots.removeAll { $0.remaining == 0 }
    }

    private mutating func post(
        _ points: Int, at: Date, kind: LedgerEntry.Kind, reason: String, expiresOn: Day? = nil, moment: MomentID? = nil,
        incident: IncidentID? = nil, reward: RewardID? = nil, money: Cents? = nil, by: AgentID? = nil
    ) throws(LedgerBook.Refusal) -> LedgerEntry {
        // A late expiry run must not put an entry before ones already written.
        let at = max(at, lastPostedAt ?? at)
        let id = LedgerEntryID(idPrefix + String(book.entries.count + 1))
        let entry = try book.post(
            id: id, customer: customer, at: at, kind: kind, points: points, reason: reason, expiresOn: expiresOn,
            moment: moment,
            incident: incident, reward: reward, money: money, by: by)
        lastPostedAt = at
        return entry
    }
}
