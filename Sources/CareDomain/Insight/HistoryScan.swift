import Foundation

/// One pass over every listed customer's figures for a period: their
/// values (segments, profitability) and the tallies per touchpoint. The
/// figures are the store's (`CareStore.figures`), so no history is read;
/// customers blocked on an erasure request are left out, as they are from
/// every list.
public struct HistoryScan: Sendable {
    public var period: Period
    public var customers: [CustomerValue]
    public var touchpoints: [TouchpointID: TouchpointTally]

    public static func run(state: StoreState, figures: StoreFigures, period: Period) -> HistoryScan {
        let compensations = Self.compensations(state.incidents.summaries, period: period)
        let rewards = state.rewards
        let terms = FigureTerms(names: figures.names, program: state.program, rewards: { rewards[$0] })
        let from = Int32(clamping: period.from.daysSinceEpoch)
        let to = Int32(clamping: period.to.daysSinceEpoch)
        let parts = eachCustomer(in: state) { customers in
            var values: [CustomerValue] = []
            values.reserveCapacity(customers.count)
            var tallies: [UInt32: TouchpointTally] = [:]
            for summary in customers {
                let rows = figures.customers[summary.id]?.rows ?? []
                values.append(
                    CustomerValue.of(
                        summary, rows: rows[...], compensations: compensations[summary.id] ?? .zero, terms: terms,
                        period: period))
                for row in rows where !row.isRedemption && row.day >= from && row.day <= to {
                    tallies[row.name, default: TouchpointTally()].add(row)
                }
            }
            return (values, tallies)
        }
        var scan = HistoryScan(period: period, customers: [], touchpoints: [:])
        for (values, tallies) in parts {
            scan.customers += values
            for (name, tally) in tallies {
                guard let text = figures.names.text(name) else { continue }
                scan.touchpoints[TouchpointID(text), default: TouchpointTally()] = scan.touchpoints[
                    TouchpointID(text), default: TouchpointTally()
                ].merged(tally)
            }
        }
        return scan
    }

    /// `work` on consecutive slices of the listed customers, in id order
    /// (blocked ones left out), on every core: the parts in order.
    static func eachCustomer<Part: Sendable>(
        in state: StoreState, _ work: @Sendable (ArraySlice<CustomerSummary>) -> Part
    ) -> [Part] {
        let customers = state.customers.summaries { !$0.blocked }.sorted { $0.id < $1.id }
        return Parallel.chunks(customers.count, minimum: 64) { range in work(customers[range]) }
    }

    /// What each customer's compensations granted in the period were worth.
    static func compensations(_ incidents: [IncidentSummary], period: Period) -> [CustomerID: Cents] {
        var worth: [CustomerID: Cents] = [:]
        for incident in incidents where incident.compensation(in: period) != nil {
            worth[incident.customer, default: .zero] += incident.compensationValue ?? .zero
        }
        return worth
    }
}

/// How often a touchpoint happened in a period, what it cost, whether its
/// service level was met and how satisfied customers were.
public struct TouchpointTally: Sendable, Equatable {
    public var moments = 0
    public var cost = Cents.zero
    public var serviceLevelKnown = 0
    public var serviceLevelMet = 0
    public var ratings = 0
    public var ratingTotal = 0

    public init() {}

    mutating func add(_ row: FigureRow) {
        // A survey counts its score for the contact it asks about (same
        // touchpoint), not as a contact of its own.
        if !row.flags.contains(.survey) {
            moments += 1
            cost += Cents(Int(row.cost))
        }
        if row.flags.contains(.serviceLevelKnown) {
            serviceLevelKnown += 1
            if row.flags.contains(.serviceLevelMet) { serviceLevelMet += 1 }
        }
        if row.rating > 0 {
            ratings += 1
            ratingTotal += Int(row.rating)
        }
    }

    func merged(_ other: TouchpointTally) -> TouchpointTally {
        var sum = self
        sum.moments += other.moments
        sum.cost += other.cost
        sum.serviceLevelKnown += other.serviceLevelKnown
        sum.serviceLevelMet += other.serviceLevelMet
        sum.ratings += other.ratings
        sum.ratingTotal += other.ratingTotal
        return sum
    }
}
