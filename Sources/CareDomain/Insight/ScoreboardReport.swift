import Foundation

extension Scoreboard {
    /// What `viewer` may see: a supervisor sees every agent; an agent sees
    /// their own row and the team line, never another agent's scores.
    public func visible(to viewer: Agent) -> Scoreboard {
        guard viewer.role != .supervisor else { return self }
        var own = self
        own.rows = rows.filter { $0.agent == viewer.id }
        if own.rows.isEmpty {
            own.rows = [
                Row(
                    agent: viewer.id, name: viewer.name, current: AgentScore(agent: viewer.id),
                    previous: AgentScore(agent: viewer.id))
            ]
        }
        return own
    }

    /// `care report agents`: a row per agent, the team last, each figure
    /// with its change against the previous period.
    public func tabular(sortedBy figure: ScoreFigure = .resolved) -> Tabular {
        let header = [
            "agent", "name", "handled", "resolved", "first_contact_pct", "second_contact_pct", "service_level_pct",
            "median_hours",
            "p90_hours", "satisfaction", "ratings", "own_satisfaction", "own_ratings", "reopen_pct", "compensations",
            "compensation_value", "resolved_change", "first_contact_change_pts", "service_level_change_pts",
            "satisfaction_change", "median_hours_change", "owed_declined",
        ]
        let lines = sorted(by: figure) + [team]
        return Tabular(
            header: header,
            rows: lines.map { row in
                let now = row.current
                let before = row.previous
                return [
                    .text(row.agent?.rawValue ?? "team"), .text(row.name), .number(now.handled), .number(now.resolved),
                    percent(now.firstContactRate), percent(now.secondContactRate), percent(now.serviceLevelRate),
                    hours(now.medianMinutes), hours(now.p90Minutes), average(now.satisfaction), .number(now.ratings),
                    average(now.ownSatisfaction), .number(now.ownRatings), percent(now.reopenRate),
                    .number(now.compensations),
                    money(now.compensationValue), .number(now.resolved - before.resolved),
                    points(now.firstContactRate, before.firstContactRate),
                    points(now.serviceLevelRate, before.serviceLevelRate),
                    difference(now.satisfaction, before.satisfaction, places: 2),
                    difference(
                        now.medianMinutes.map { Double($0) / 60 }, before.medianMinutes.map { Double($0) / 60 },
                        places: 1),
                    .number(now.owedDeclined),
                ]
            })
    }
}

func percent(_ share: Double?) -> Tabular.Cell { share.map { .decimal($0 * 100, places: 1) } ?? .empty }
func hours(_ minutes: Int?) -> Tabular.Cell { minutes.map { .decimal(Double($0) / 60, places: 1) } ?? .empty }
func average(_ value: Double?) -> Tabular.Cell { value.map { .decimal($0, places: 2) } ?? .empty }

/// The change of a share in percentage points; empty when either side has none.
private func points(_ now: Double?, _ before: Double?) -> Tabular.Cell {
    guard let now, let before else { return .empty }
    return .decimal((now - before) * 100, places: 1)
}

private func difference(_ now: Double?, _ before: Double?, places: Int) -> Tabular.Cell {
    guard let now, let before else { return .empty }
    return .decimal(now - before, places: places)
}
