import Foundation

/// A loyalty action aimed at one segment for some days, with its objectives
/// and what the supervisors learnt, kept for the next one (DOMAIN.md: a
/// campaign is measured before, during and after).
public struct Campaign: Record {
    public static let collection = Collection.campaigns

    public var id: CampaignID
    public var version: Int
    public var title: String
    public var segment: Segment
    public var from: Day
    public var to: Day
    /// What it set out to do, in words ("bring dormant customers back").
    public var goal: String?
    public var objectives: [Objective]
    /// What it cost, to weigh against the margin it brought.
    public var cost: Cents?
    public var notes: [Note]

    public init(
        id: CampaignID, version: Int = 1, title: String, segment: Segment, from: Day, to: Day, goal: String? = nil,
        objectives: [Objective] = [],
        cost: Cents? = nil, notes: [Note] = []
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.segment = segment
        self.from = from
        self.to = to
        self.goal = goal
        self.objectives = objectives
        self.cost = cost
        self.notes = notes
    }

    /// A change the target's figures should show during the campaign
    /// against the same number of days before it, in percent.
    public struct Objective: Codable, Sendable, Equatable {
        public enum Measure: String, Codable, CaseIterable, Sendable {
            case purchases, spend
        }

        public var measure: Measure
        public var changePercent: Int

        public init(measure: Measure, changePercent: Int) {
            self.measure = measure
            self.changePercent = changePercent
        }
    }

    /// A supervisor's qualitative note: corrections during, results after.
    public struct Note: Codable, Sendable, Equatable {
        public var at: Date
        public var by: AgentID
        public var text: String

        public init(at: Date, by: AgentID, text: String) {
            self.at = at
            self.by = by
            self.text = text
        }
    }
}

public typealias CampaignID = Identifier<Campaign>

extension Segment: Codable {}
