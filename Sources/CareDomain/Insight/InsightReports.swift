import Foundation

extension HistoryScan {
    /// `care report segments`: each segment's size, figures, strategy and
    /// incentive, in the segments' order.
    public func segmentsTable() -> Tabular {
        let groups = Dictionary(grouping: customers, by: \.segment)
        let total = max(1, customers.count)
        var table = Tabular(header: [
            "segment", "strategy", "customers", "share_pct", "avg_recency_days", "purchases_per_year", "avg_spend",
            "spend", "profit", "incentive", "rule",
        ])
        for segment in Segment.allCases {
            let members = groups[segment] ?? []
            let recencies = members.compactMap(\.rfm.recencyDays)
            let purchases = members.reduce(0) { $0 + $1.purchases }
            let spend = members.reduce(Cents.zero) { $0 + $1.spend }
            table.rows.append([
                .text(segment.name), .text(segment.strategy.rawValue), .number(members.count),
                .decimal(Double(members.count) * 100 / Double(total), places: 1),
                recencies.isEmpty ? .empty : .number(recencies.reduce(0, +) / recencies.count),
                members.isEmpty
                    ? .empty
                    : .decimal(members.reduce(0) { $0 + $1.rfm.purchasesPerYear } / Double(members.count), places: 1),
                purchases == 0 ? .empty : money(Cents(spend.rawValue / purchases)), money(spend),
                money(members.reduce(Cents.zero) { $0 + $1.profit }),
                .text(segment.incentive), .text(segment.rule),
            ])
        }
        return table
    }

    /// `care report segments --customers`: every customer's recency,
    /// frequency, value, average spend and segment.
    public func customerSegmentsTable() -> Tabular {
        Tabular(
            header: [
                "customer", "name", "recency_days", "purchases", "spend", "avg_spend", "rfm", "segment", "strategy",
            ],
            rows: customers.map { value in
                [
                    .text(value.customer.rawValue), .text(value.name),
                    value.rfm.recencyDays.map { .number($0) } ?? .empty, .number(value.purchases),
                    money(value.spend), value.averageSpend.map(money) ?? .empty, .text(value.rfm.code),
                    .text(value.segment.name),
                    .text(value.segment.strategy.rawValue),
                ]
            })
    }

    /// `care report profitability`: the least profitable customers first,
    /// with the figures behind each; `limit` 0 lists everyone.
    public func profitabilityTable(limit: Int) -> Tabular {
        let ordered = customers.sorted { ($0.profit, $0.customer) < ($1.profit, $1.customer) }
        return Tabular(
            header: [
                "customer", "name", "segment", "purchases", "spend", "revenue", "moment_costs", "compensations",
                "rewards", "profit",
            ],
            rows: (limit > 0 ? Array(ordered.prefix(limit)) : ordered).map { value in
                [
                    .text(value.customer.rawValue), .text(value.name), .text(value.segment.name),
                    .number(value.purchases), money(value.spend),
                    money(value.revenue), money(value.momentCost), money(value.compensationCost),
                    money(value.rewardCost), money(value.profit),
                ]
            })
    }

    /// `care report touchpoints`: per touchpoint, how often, what it cost,
    /// its impact, the share of service levels met and satisfaction, and its
    /// incidents; sorted by `attention` (impact times the moments and
    /// incidents that missed their level), where effort should go first.
    public func touchpointsTable(state: StoreState) -> Tabular {
        var incidents: [TouchpointID: (opened: Int, resolved: Int, onTime: Int)] = [:]
        for incident in state.incidents.summaries where period.contains(incident.openedAt) {
            var tally = incidents[incident.touchpoint] ?? (0, 0, 0)
            tally.opened += 1
            if let resolved = incident.resolvedAt {
                tally.resolved += 1
                if resolved <= incident.dueAt { tally.onTime += 1 }
            }
            incidents[incident.touchpoint] = tally
        }
        let ids = Set(touchpoints.keys).union(incidents.keys).union(state.touchpoints.ids)
        let rows = ids.map { id -> (attention: Int, id: TouchpointID, row: [Tabular.Cell]) in
            let point = state.touchpoints[id]
            let tally = touchpoints[id] ?? TouchpointTally()
            let incident = incidents[id] ?? (0, 0, 0)
            let impact = point?.impact ?? 1
            let missed = (tally.serviceLevelKnown - tally.serviceLevelMet) + (incident.resolved - incident.onTime)
            let row: [Tabular.Cell] = [
                .text(id.rawValue), .text(point?.name ?? id.rawValue), .text(point?.ownerArea ?? ""), .number(impact),
                .number(tally.moments),
                money(tally.cost),
                tally.serviceLevelKnown == 0
                    ? .empty
                    : .decimal(Double(tally.serviceLevelMet) * 100 / Double(tally.serviceLevelKnown), places: 1),
                tally.ratings == 0 ? .empty : .decimal(Double(tally.ratingTotal) / Double(tally.ratings), places: 2),
                .number(tally.ratings),
                .number(incident.opened),
                incident.resolved == 0
                    ? .empty : .decimal(Double(incident.onTime) * 100 / Double(incident.resolved), places: 1),
                .number(impact * missed),
            ]
            return (impact * missed, id, row)
        }
        return Tabular(
            header: [
                "touchpoint", "name", "owner", "impact", "moments", "cost", "service_level_pct", "satisfaction",
                "ratings", "incidents", "incidents_on_time_pct", "attention",
            ],
            rows: rows.sorted { ($1.attention, $0.id) < ($0.attention, $1.id) }.map(\.row))
    }
}

func money(_ cents: Cents) -> Tabular.Cell { .decimal(Double(cents.rawValue) / 100, places: 2) }
