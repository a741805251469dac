import Foundation

/// One agent's figures over a period (or the team's, `agent` nil), worked
/// out from incident summaries alone. What counts:
/// - handled: incidents assigned to them that were open on a day of the
///   period (their workload);
/// - resolved: incidents whose resolution they entered in the period; the
///   contact, service-level, time and rating figures are over these;
/// - reopened: of the incidents they resolved first in the period, those the
///   customer reopened since (a reopen counts against the first resolver);
/// - compensations: granted by them in the period;
/// - owed declined: of the incidents they resolved, those whose compensation
///   owed for a missed service level they did not grant (with a reason).
public struct AgentScore: Sendable, Equatable {
    public var agent: AgentID?
    public var handled = 0
    public var resolved = 0
    public var firstContact = 0
    public var secondContact = 0
    public var serviceLevelMet = 0
    /// Minutes from opening to resolution, one per resolved incident, sorted.
    public var resolveMinutes: [Int] = []
    /// Ratings entered by someone other than the resolving agent.
    public var ratings = 0
    public var ratingTotal = 0
    /// Ratings the resolving agent entered themselves: shown apart.
    public var ownRatings = 0
    public var ownRatingTotal = 0
    public var firstResolutions = 0
    public var reopened = 0
    public var compensations = 0
    public var compensationValue = Cents.zero
    public var owedDeclined = 0

    public init(agent: AgentID?) { self.agent = agent }

    public var firstContactRate: Double? { share(firstContact, of: resolved) }
    public var secondContactRate: Double? { share(secondContact, of: resolved) }
    public var serviceLevelRate: Double? { share(serviceLevelMet, of: resolved) }
    public var reopenRate: Double? { share(reopened, of: firstResolutions) }
    public var satisfaction: Double? { ratings == 0 ? nil : Double(ratingTotal) / Double(ratings) }
    public var ownSatisfaction: Double? { ownRatings == 0 ? nil : Double(ownRatingTotal) / Double(ownRatings) }
    public var medianMinutes: Int? { percentile(50) }
    public var p90Minutes: Int? { percentile(90) }

    /// Nearest rank: the smallest value with at least `p`% of values at or
    /// below it, so the figure is always one incident's real time.
    public func percentile(_ p: Int) -> Int? {
        guard !resolveMinutes.isEmpty else { return nil }
        let rank = Int((Double(p) / 100 * Double(resolveMinutes.count)).rounded(.up))
        return resolveMinutes[min(max(rank, 1), resolveMinutes.count) - 1]
    }

    private func share(_ part: Int, of whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }
}

/// A figure of the scores: what a table sorts by and what a drill-down
/// lists the incidents of.
public enum ScoreFigure: String, CaseIterable, Sendable {
    case handled, resolved, firstContact, secondContact, serviceLevel, resolveTime, satisfaction, reopened,
        compensations

    public var title: String {
        switch self {
        case .handled: tr("sort|handled")
        case .resolved: tr("sort|resolved")
        case .firstContact: tr("1st contact")
        case .secondContact: tr("2nd contact")
        case .serviceLevel: tr("service level met")
        case .resolveTime: tr("time to resolve")
        case .satisfaction: tr("sort|satisfaction")
        case .reopened: tr("sort|reopened")
        case .compensations: tr("sort|compensations")
        }
    }

    /// The figure itself, for a trend over periods: the median minutes for
    /// the time to resolve, the share for reopens (higher drawn higher).
    public func trendValue(_ score: AgentScore) -> Double? {
        switch self {
        case .resolveTime: score.medianMinutes.map(Double.init)
        case .reopened: score.reopenRate
        default: sortValue(score)
        }
    }

    /// The value a table sorts by, best first; nil sorts last.
    public func sortValue(_ score: AgentScore) -> Double? {
        switch self {
        case .handled: Double(score.handled)
        case .resolved: Double(score.resolved)
        case .firstContact: score.firstContactRate
        case .secondContact: score.secondContactRate
        case .serviceLevel: score.serviceLevelRate
        // Faster is better, fewer reopens are better.
        case .resolveTime: score.medianMinutes.map { -Double($0) }
        case .satisfaction: score.satisfaction
        case .reopened: score.reopenRate.map { -$0 }
        case .compensations: Double(score.compensationValue.rawValue)
        }
    }
}
