import Foundation

/// One pass over every listed customer's history for a period: their values
/// (segments, profitability) and the tallies per touchpoint. Histories are
/// read on every core; customers blocked on an erasure request are left
/// out, as they are from every list.
public struct HistoryScan: Sendable {
    public var period: Period
    public var customers: [CustomerValue]
    public var touchpoints: [TouchpointID: TouchpointTally]

    public static func run(state: StoreState, history: any HistoryReader, period: Period) throws(StoreError)
        -> HistoryScan
    {
        let compensations = Self.compensations(state.incidents.summaries, period: period)
        let program = state.program
        let rewards = state.rewards
        let parts = try eachCustomer(in: state) { customers throws(StoreError) in
            var values: [CustomerValue] = []
            var tallies: [TouchpointID: TouchpointTally] = [:]
            for summary in customers {
                let moments = try history.moments(of: summary.id)
                let value = CustomerValue.of(
                    summary, moments: moments, ledger: try history.ledger(of: summary.id),
                    compensations: compensations[summary.id] ?? .zero,
                    program: program, rewards: { rewards[$0] }, period: period)
                values.append(value)
                for moment in moments where period.contains(moment.at) {
                    tallies[moment.touchpoint, default: TouchpointTally()].add(moment)
                }
            }
            return (values, tallies)
        }
        var scan = HistoryScan(period: period, customers: [], touchpoints: [:])
        for (values, tallies) in parts {
            scan.customers += values
            scan.touchpoints.merge(tallies) { $0.merged($1) }
        }
        return scan
    }

    /// `work` on consecutive slices of the listed customers, in id order
    /// (blocked ones left out), on every core: the parts in order. The first
    /// history that cannot be read stops it with its error.
    static func eachCustomer<Part: Sendable>(
        in state: StoreState, _ work: @Sendable (ArraySlice<CustomerSummary>) throws(StoreError) -> Part
    ) throws(StoreError) -> [Part] {
        let customers = state.customers.summaries { !$0.blocked }.sorted { $0.id < $1.id }
        let parts = Parallel.chunks(customers.count, minimum: 64) { range in
            Result { () throws(StoreError) -> Part in try work(customers[range]) }
        }
        return try parts.map { part throws(StoreError) in try part.get() }
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

    mutating func add(_ moment: Moment) {
        // A survey counts its score for the contact it asks about (same
        // touchpoint), not as a contact of its own.
        if moment.surveyOf == nil {
            moments += 1
            cost += moment.cost
        }
        if let met = moment.serviceLevelMet {
            serviceLevelKnown += 1
            if met { serviceLevelMet += 1 }
        }
        if let score = moment.customerScore {
            ratings += 1
            ratingTotal += score
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
