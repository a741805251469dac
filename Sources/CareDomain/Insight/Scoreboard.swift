import Foundation

/// Every agent's scores over a period and the one before it, and the team's.
public struct Scoreboard: Sendable, Equatable {
    public var period: Period
    public var rows: [Row]
    public var team: Row

    public struct Row: Sendable, Equatable {
        public var agent: AgentID?
        public var name: String
        public var current: AgentScore
        public var previous: AgentScore
    }

    /// Rows for the roster's agents (inactive ones only when they have
    /// figures in the period) and for anyone else who resolved or granted
    /// something in it, by name.
    public init(incidents: [IncidentSummary], agents: [Agent], period: Period) {
        self.period = period
        let current = Self.computedScores(incidents, period: period)
        let previous = Self.computedScores(incidents, period: period.previous)
        var rows: [Row] = []
        var seen = Set<AgentID>()
        for agent in agents.sorted(by: { $0.name.localizedStandardCompare($1.name) == .orderedAscending }) {
            seen.insert(agent.id)
            let score = current.byAgent[agent.id] ?? AgentScore(agent: agent.id)
            guard agent.active || score.hasFigures else { continue }
            rows.append(
                Row(
                    agent: agent.id, name: agent.name, current: score,
                    previous: previous.byAgent[agent.id] ?? AgentScore(agent: agent.id)))
        }
        for (id, score) in current.byAgent.sorted(by: { $0.key < $1.key }) where !seen.contains(id) {
            rows.append(
                Row(
                    agent: id, name: id.rawValue, current: score,
                    previous: previous.byAgent[id] ?? AgentScore(agent: id)))
        }
        self.rows = rows
        team = Row(agent: nil, name: tr("the team|team"), current: current.team, previous: previous.team)
    }

    /// The board from a store's incidents: only those with something in
    /// this period or the one before are taken out of the table (a few
    /// thousand of 200,000), so neither the copy nor the count walks them all.
    public init(incidents table: Table<Incident>, agents: [Agent], period: Period) {
        self.init(incidents: Self.incidents(in: table, around: period), agents: agents, period: period)
    }

    /// The incidents of `table` that any figure of `period` or the one before
    /// could count.
    public static func incidents(in table: Table<Incident>, around period: Period) -> [IncidentSummary] {
        let span = Period(from: period.previous.from, to: period.to) ?? period
        return table.summaries { $0.touches(span) }
    }

    /// The rows sorted by `figure`, best first; ties and missing values by name.
    public func sorted(by figure: ScoreFigure) -> [Row] {
        rows.sorted { lhs, rhs in
            switch (figure.sortValue(lhs.current), figure.sortValue(rhs.current)) {
            case (let l?, let r?) where l != r: l > r
            case (_?, nil): true
            case (nil, _?): false
            default: lhs.name.localizedStandardCompare(rhs.name) == .orderedAscending
            }
        }
    }

    /// The incidents behind `figure` for `agent` (nil: the team) in `period`,
    /// newest first: what a supervisor drills down to. Each figure picks its
    /// incidents by the same reading of an incident as `scores` counts them.
    public static func incidents(
        behind figure: ScoreFigure, agent: AgentID?, in incidents: [IncidentSummary], period: Period
    ) -> [IncidentSummary] {
        let mine = { (stamp: Incident.Stamp?) in stamp.map { agent == nil || $0.by == agent } ?? false }
        let picked = incidents.filter { incident in
            let resolved = incident.resolution(in: period)
            switch figure {
            case .handled: return incident.isHandled(by: agent, in: period)
            case .resolved, .resolveTime: return mine(resolved)
            case .firstContact: return mine(resolved) && incident.contacts == 1
            case .secondContact: return mine(resolved) && incident.contacts == 2
            // The ones that missed it: what a supervisor looks into.
            case .serviceLevel: return mine(resolved) && (resolved?.at ?? .distantPast) > incident.dueAt
            case .satisfaction: return mine(resolved) && incident.rating != nil
            case .reopened: return incident.reopens > 0 && mine(incident.firstResolution(in: period))
            case .compensations: return mine(incident.compensation(in: period))
            }
        }
        return picked.sorted { ($0.resolvedAt ?? $0.openedAt, $0.id) > ($1.resolvedAt ?? $1.openedAt, $1.id) }
    }

    // MARK: Working out

    /// Every agent's figures and the team's for one period alone (a trend
    /// needs no period before each).
    public struct Scores: Sendable {
        public var byAgent: [AgentID: AgentScore] = [:]
        public var team = AgentScore(agent: nil)

        /// The row's figures: an agent's (none yet: empty ones), or the team's for nil.
        public func of(_ agent: AgentID?) -> AgentScore {
            agent.map { byAgent[$0] ?? AgentScore(agent: $0) } ?? team
        }
    }

    public static func scores(_ incidents: [IncidentSummary], period: Period) -> Scores {
        computedScores(incidents, period: period)
    }

    private static func computedScores(_ incidents: [IncidentSummary], period: Period) -> Scores {
        var scores = Scores()
        func add(_ agent: AgentID, _ change: (inout AgentScore) -> Void) {
            change(&scores.byAgent[agent, default: AgentScore(agent: agent)])
            change(&scores.team)
        }
        for incident in incidents {
            if incident.isHandled(by: nil, in: period) {
                if let assignee = incident.assignee {
                    scores.byAgent[assignee, default: AgentScore(agent: assignee)].handled += 1
                }
                scores.team.handled += 1
            }
            if let resolved = incident.resolution(in: period) {
                add(resolved.by) { score in
                    score.resolved += 1
                    if incident.contacts == 1 { score.firstContact += 1 }
                    if incident.contacts == 2 { score.secondContact += 1 }
                    if resolved.at <= incident.dueAt { score.serviceLevelMet += 1 }
                    if incident.owedDecision == .declined { score.owedDeclined += 1 }
                    score.resolveMinutes.append(max(0, Int(resolved.at.timeIntervalSince(incident.openedAt) / 60)))
                    // The customer's answers count; an agent's own judgement is kept apart.
                    if let rating = incident.rating {
                        if incident.ratedByCustomer(resolver: resolved.by) {
                            score.ratings += 1
                            score.ratingTotal += rating
                        } else {
                            score.ownRatings += 1
                            score.ownRatingTotal += rating
                        }
                    }
                }
            }
            if let first = incident.firstResolution(in: period) {
                add(first.by) { score in
                    score.firstResolutions += 1
                    if incident.reopens > 0 { score.reopened += 1 }
                }
            }
            if let granted = incident.compensation(in: period) {
                add(granted.by) { score in
                    score.compensations += 1
                    score.compensationValue += incident.compensationValue ?? .zero
                }
            }
        }
        for id in scores.byAgent.keys { scores.byAgent[id]?.resolveMinutes.sort() }
        scores.team.resolveMinutes.sort()
        return scores
    }
}

/// How the scores read an incident: each figure's "who, and was it in the
/// period", written once for the counts and the drill-down alike.
extension IncidentSummary {
    /// Whether anything the scores count happened to it in the period: it
    /// was open on one of its days, or resolved, first resolved or
    /// compensated in it.
    func touches(_ period: Period) -> Bool {
        // No arrays: this runs for each of 200,000 incidents.
        var start = openedAt
        var end = openedAt
        func widen(_ date: Date?) {
            guard let date else { return }
            start = min(start, date)
            end = max(end, date)
        }
        widen(resolvedAt)
        widen(firstResolved?.at)
        widen(compensationAt)
        return period.overlaps(start: start, end: status.isOpen ? nil : end)
    }

    /// Assigned to `agent` (anyone, for nil) and open on a day of the period.
    func isHandled(by agent: AgentID?, in period: Period) -> Bool {
        guard agent == nil || assignee == agent else { return false }
        return period.overlaps(start: openedAt, end: status.isOpen ? nil : (resolvedAt ?? openedAt))
    }

    /// Its current resolution, when it was entered in the period.
    func resolution(in period: Period) -> Incident.Stamp? {
        guard let resolvedBy, let resolvedAt, period.contains(resolvedAt) else { return nil }
        return Incident.Stamp(at: resolvedAt, by: resolvedBy)
    }

    /// Its first resolution, when that was in the period. Incidents stored
    /// before the first resolution was kept count their current one.
    func firstResolution(in period: Period) -> Incident.Stamp? {
        let first = firstResolved ?? resolvedAt.flatMap { at in resolvedBy.map { Incident.Stamp(at: at, by: $0) } }
        return first.flatMap { period.contains($0.at) ? $0 : nil }
    }

    /// Who granted its compensation, when that was in the period.
    func compensation(in period: Period) -> Incident.Stamp? {
        guard let compensationBy, let compensationAt, period.contains(compensationAt) else { return nil }
        return Incident.Stamp(at: compensationAt, by: compensationBy)
    }
}

extension AgentScore {
    /// Whether anything happened for them in the period.
    public var hasFigures: Bool { handled + resolved + firstResolutions + compensations > 0 }
}
