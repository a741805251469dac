import Foundation

/// What a campaign did: its target (the customers in its segment the day
/// before it started) measured before (as many days as it lasted, just
/// before it), during, and after (as many days again, up to today), with
/// each objective met or not, the margin it brought against its cost, and
/// the supervisors' notes.
public struct CampaignReport: Sendable, Equatable, Codable {
    public var campaign: CampaignID
    public var title: String
    public var segment: String
    public var goal: String?
    public var target: Int
    public var phases: [Phase]
    public var objectives: [ObjectiveResult]
    /// Margin during minus margin before, per the campaign's length.
    public var extraRevenue: Cents
    public var cost: Cents?
    public var notes: [Campaign.Note]

    public struct Phase: Sendable, Equatable, Codable {
        public var name: String
        public var from: Day
        public var to: Day
        public var buyers = 0
        public var purchases = 0
        public var spend = Cents.zero
        public var revenue = Cents.zero

        public var days: Int { from.days(until: to) + 1 }

        mutating func add(_ value: CustomerValue) {
            if value.purchases > 0 { buyers += 1 }
            purchases += value.purchases
            spend += value.spend
            revenue += value.revenue
        }

        mutating func add(_ other: Phase) {
            buyers += other.buyers
            purchases += other.purchases
            spend += other.spend
            revenue += other.revenue
        }
        /// Purchases per target customer per 30 days: comparable across phases of any length.
        public func frequency(target: Int) -> Double {
            target == 0 ? 0 : Double(purchases) / Double(target) * 30 / Double(days)
        }
        public var spendPerDay: Double { Double(spend.rawValue) / 100 / Double(days) }
    }

    public struct ObjectiveResult: Sendable, Equatable, Codable {
        public var measure: Campaign.Objective.Measure
        public var wantedPercent: Int
        /// During against before; nil when there was nothing before to compare.
        public var actualPercent: Double?
        public var met: Bool
    }

    public static func run(_ campaign: Campaign, state: StoreState, figures: StoreFigures, today: Day)
        -> CampaignReport
    {
        let length = campaign.from.days(until: campaign.to) + 1
        var phases = [
            Phase(name: "before", from: campaign.from.adding(days: -length), to: campaign.from.adding(days: -1)),
            Phase(name: "during", from: campaign.from, to: min(campaign.to, max(campaign.from, today))),
        ]
        let afterStart = campaign.to.adding(days: 1)
        if afterStart <= today {
            phases.append(Phase(name: "after", from: afterStart, to: min(today, campaign.to.adding(days: length))))
        }
        let chosen = Period.days(365, endingOn: campaign.from.adding(days: -1))
        let rewards = state.rewards
        let terms = FigureTerms(names: figures.names, program: state.program, rewards: { rewards[$0] })
        let windows = phases
        let parts = HistoryScan.eachCustomer(in: state) { customers -> (target: Int, phases: [Phase]) in
            var target = 0
            var tallies = windows
            for summary in customers {
                let rows = (figures.customers[summary.id]?.rows ?? [])[...]
                func value(over period: Period) -> CustomerValue {
                    CustomerValue.of(summary, rows: rows, compensations: .zero, terms: terms, period: period)
                }
                guard value(over: chosen).segment == campaign.segment else { continue }
                target += 1
                for index in tallies.indices {
                    guard let window = Period(from: tallies[index].from, to: tallies[index].to) else { continue }
                    tallies[index].add(value(over: window))
                }
            }
            return (target, tallies)
        }
        var target = 0
        for part in parts {
            target += part.target
            for index in phases.indices { phases[index].add(part.phases[index]) }
        }
        let before = phases[0]
        let during = phases[1]
        let objectives = campaign.objectives.map { objective -> ObjectiveResult in
            let (was, now) =
                objective.measure == .purchases
                ? (before.frequency(target: target), during.frequency(target: target))
                : (before.spendPerDay, during.spendPerDay)
            let actual = was == 0 ? nil : (now - was) / was * 100
            // From nothing before, any purchase is growth.
            return ObjectiveResult(
                measure: objective.measure, wantedPercent: objective.changePercent, actualPercent: actual,
                met: actual.map { $0 >= Double(objective.changePercent) } ?? (now > 0))
        }
        let perDay = Double(before.revenue.rawValue) / Double(before.days)
        let extra = Cents(during.revenue.rawValue - Int((perDay * Double(during.days)).rounded()))
        return CampaignReport(
            campaign: campaign.id, title: campaign.title, segment: campaign.segment.name, goal: campaign.goal,
            target: target, phases: phases,
            objectives: objectives, extraRevenue: extra, cost: campaign.cost, notes: campaign.notes)
    }

    /// The phases as rows: what `--format csv` gives.
    public var phasesTable: Tabular {
        Tabular(
            header: [
                "phase", "from", "to", "days", "target", "buyers", "purchases", "purchases_per_customer_30d", "spend",
                "spend_per_day", "revenue",
            ],
            rows: phases.map { phase in
                [
                    .text(phase.name), .text(phase.from.description), .text(phase.to.description), .number(phase.days),
                    .number(target), .number(phase.buyers),
                    .number(phase.purchases), .decimal(phase.frequency(target: target), places: 2), money(phase.spend),
                    .decimal(phase.spendPerDay, places: 2),
                    money(phase.revenue),
                ]
            })
    }

    /// For people: the phases, then the objectives, the return and the notes.
    public var text: String {
        var lines = [
            tr("%@ (%@): %@, %@ customers at the start", title, campaign, segment, target)
                + (goal.map { ". Goal: \($0)" } ?? ""), "",
        ]
        lines.append(phasesTable.rendered(as: .table))
        for objective in objectives {
            let actual =
                objective.actualPercent.map { String(format: "%+.1f%%", $0) } ?? tr("no purchases before to compare")
            lines.append(
                "Objective \(objective.measure.rawValue) \(objective.wantedPercent >= 0 ? "+" : "")\(objective.wantedPercent)%: \(actual), \(objective.met ? "met" : "not met")."
            )
        }
        lines.append(
            tr("Extra margin during the campaign: %@", extraRevenue)
                + (cost.map {
                    tr(
                        " against a cost of %@ (%@).", $0,
                        extraRevenue >= $0 ? "paid for itself" : "did not pay for itself")
                } ?? "."))
        if notes.isEmpty {
            lines.append(tr("No notes yet: `care campaign note %@ \"…\"` keeps what was learnt.", campaign))
        }
        for note in notes { lines.append("\(Day(containing: note.at)) \(note.by): \(note.text)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
