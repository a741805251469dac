import CareDomain
import Foundation

/// The scores screen (`S`): agents' figures over a period, as a supervisor
/// or an agent may see them, with a drill-down to the incidents behind a
/// figure. The board is worked out when the screen opens, the period or the
/// store changes, never per frame.
public struct ScoresView: Sendable, Equatable {
    /// Period lengths `p` steps through, in days.
    public static let lengths = [7, 30, 90, 365]
    /// The figures a drill-down lists incidents for (a time has none of its own).
    public static let drillFigures = ScoreFigure.allCases.filter { $0 != .resolveTime }

    /// What the screen shows: the agents, or one of the reports that read
    /// every customer's history (supervisors).
    public var tab = Tab.agents
    /// The tab's report once it has been read (nil: being read).
    public var report: Tabular?
    public var reportSelected = 0
    public var length = 30
    /// Periods back from the one that ends today (0: the current one).
    public var back = 0
    public var sort = ScoreFigure.resolved
    public var selected = 0
    public var drill: Drill?
    public private(set) var board: Scoreboard
    /// What the board was worked out from: another session's change to
    /// customers or coupons leaves it as it is.
    private var basis: Basis?

    private struct Basis: Equatable {
        var incidents: Table<Incident>.Revision
        var agents: Table<Agent>.Revision
        var period: Period
    }
    /// The rows in the order shown, the team line not among them.
    public private(set) var rows: [Scoreboard.Row] = []
    /// Each agent's scores (nil: the team's) over the last `trendPeriods`
    /// periods of this length, the current one last: what the trend draws.
    public private(set) var trends: [AgentID?: [AgentScore]] = [:]
    public static let trendPeriods = 6

    public enum Tab: String, CaseIterable, Sendable {
        case agents, segments, profitability, touchpoints

        public var title: String {
            switch self {
            case .agents: tr("Agent scores")
            case .segments: tr("Segments")
            case .profitability: tr("Least profitable customers")
            case .touchpoints: tr("Moments of truth")
            }
        }

        /// The `care report` command that prints it in full.
        var command: String { rawValue }

        var next: Tab { Self.allCases[((Self.allCases.firstIndex(of: self) ?? 0) + 1) % Self.allCases.count] }
    }

    /// The incidents behind one figure of one row.
    public struct Drill: Sendable, Equatable {
        public var agent: AgentID?
        public var name: String
        public var figure: ScoreFigure
        public var incidents: [IncidentSummary] = []
        public var selected = 0
    }

    init(store: StoreState, viewer: Agent, today: Day) {
        board = Scoreboard(incidents: [], agents: [], period: .days(30, endingOn: today))
        recompute(store: store, viewer: viewer, today: today)
    }

    public func period(today: Day) -> Period { Period.days(length, endingOn: today).shifted(by: -back) }

    /// The board again after the store changed, unless its incidents,
    /// roster and period are as they were: a console reloads whenever any
    /// session writes, and at 200,000 incidents a board costs 80 ms.
    mutating func refresh(store: StoreState, viewer: Agent, today: Day) {
        guard
            basis
                != Basis(
                    incidents: store.incidents.revision, agents: store.agents.revision, period: period(today: today))
        else { return }
        recompute(store: store, viewer: viewer, today: today)
    }

    /// Works the board (and an open drill-down) out again, keeping the
    /// cursor on the same agent.
    mutating func recompute(store: StoreState, viewer: Agent, today: Day) {
        let keep = selected < rows.count ? rows[selected].agent : nil
        let period = period(today: today)
        basis = Basis(incidents: store.incidents.revision, agents: store.agents.revision, period: period)
        let summaries = Scoreboard.incidents(in: store.incidents, around: period)
        board = Scoreboard(incidents: summaries, agents: store.agents.sorted, period: period).visible(to: viewer)
        trends = Self.trends(of: board, store: store, ending: period)
        rows = board.sorted(by: sort)
        if let keep, let index = rows.firstIndex(where: { $0.agent == keep }) { selected = index }
        selected = min(selected, rows.count)
        if var drill {
            drill.incidents = Scoreboard.incidents(
                behind: drill.figure, agent: drill.agent, in: summaries, period: period)
            drill.selected = min(drill.selected, max(0, drill.incidents.count - 1))
            self.drill = drill
        }
    }

    /// The figures of the board's rows over the last periods, one pass per
    /// period over the incidents that touch any of them (a few thousand of
    /// 200,000); every row has one per period, in order.
    static func trends(of board: Scoreboard, store: StoreState, ending period: Period) -> [AgentID?: [AgentScore]] {
        let first = period.shifted(by: -(trendPeriods - 1))
        let span = Period(from: first.from, to: period.to) ?? period
        let summaries = Scoreboard.incidents(in: store.incidents, around: span)
        let periods = (0..<trendPeriods).reversed().map {
            Scoreboard.scores(summaries, period: period.shifted(by: -$0))
        }
        let rows = board.rows.map(\.agent) + [nil]
        return Dictionary(
            rows.map { agent in (agent, periods.map { $0.of(agent) }) }, uniquingKeysWith: { first, _ in first })
    }

    /// The trend of `figure` for a row, as a sparkline (an empty period blank).
    func trend(of row: Scoreboard.Row, figure: ScoreFigure) -> String {
        Sparkline.text((trends[row.agent] ?? []).map { figure.trendValue($0) ?? 0 })
    }

    /// The row under the cursor: an agent's, or the team line after them.
    public var selectedRow: Scoreboard.Row { selected < rows.count ? rows[selected] : board.team }
}
