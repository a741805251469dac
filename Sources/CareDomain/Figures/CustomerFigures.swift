/// One customer's figures: a row for each moment of their timeline and
/// each redemption in their ledger, and the first day the expiry run has
/// something to do for them. Derived from their history (and record, for
/// the expiry) by `of`, and nothing else: the store keeps them so that the
/// reports and a quiet `care expire` need not read any history.
public struct CustomerFigures: Sendable, Equatable {
    /// The timeline's moments in its order, then the ledger's redemptions in its order.
    public var rows: [FigureRow]
    /// The first day on which `care expire` can change the customer; nil
    /// when nothing ever falls due as things stand (see `LoyaltyRules.expiryDue`).
    public var expiryDue: Day?

    public init(rows: [FigureRow] = [], expiryDue: Day? = nil) {
        self.rows = rows
        self.expiryDue = expiryDue
    }

    /// The figures of a history; texts are entered in `names`. `expiry`,
    /// when given, is the customer's record and program to work out
    /// `expiryDue` with, as of `today`.
    public static func of(
        moments: [Moment], ledger: [LedgerEntry], names: inout FigureNames,
        expiry: (customer: Customer, program: LoyaltyProgram, today: Day)? = nil
    ) -> CustomerFigures {
        var rows: [FigureRow] = []
        rows.reserveCapacity(moments.count)
        for moment in moments {
            var flags: FigureRow.Flags = []
            if moment.surveyOf != nil { flags.insert(.survey) }
            if moment.amount != nil { flags.insert(.hasAmount) }
            if moment.isPurchase { flags.insert(.purchase) }
            if let met = moment.serviceLevelMet {
                flags.insert(.serviceLevelKnown)
                if met { flags.insert(.serviceLevelMet) }
            }
            rows.append(
                FigureRow(
                    day: Int32(clamping: Day(containing: moment.at).daysSinceEpoch),
                    name: names.index(of: moment.touchpoint.rawValue),
                    family: moment.productFamily.map { names.index(of: $0) } ?? FigureRow.none, flags: flags,
                    rating: moment.customerScore.map { UInt8(clamping: $0) } ?? 0,
                    cost: Int64(moment.cost.rawValue), amount: Int64(moment.amount?.rawValue ?? 0)))
        }
        for entry in ledger where entry.kind == .redeem {
            rows.append(
                FigureRow(
                    day: Int32(clamping: Day(containing: entry.at).daysSinceEpoch),
                    name: entry.reward.map { names.index(of: $0.rawValue) } ?? FigureRow.none,
                    family: FigureRow.none, flags: .redemption, rating: 0, cost: 0, amount: 0))
        }
        let due = expiry.flatMap {
            LoyaltyRules.expiryDue(customer: $0.customer, ledger: ledger, program: $0.program, today: $0.today)
        }
        return CustomerFigures(rows: rows, expiryDue: due)
    }
}
