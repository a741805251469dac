import Foundation

/// Someone who acts for the company in the console. The id is the Unix login:
/// who is acting is never typed in, it is read from the system.
public struct Agent: Record {
    public static let collection = Collection.agents

    public var id: AgentID
    public var version: Int
    public var name: String
    public var role: Role
    public var area: String
    /// The most an agent may grant on their own, per incident, without asking
    /// a supervisor (playbook compensations, goodwill).
    public var authorityLimit: Cents
    public var active: Bool
    /// A supervisor's recognitions of their work, oldest first: shown on
    /// the agent's own scores.
    public var recognitions: [Recognition]?

    public init(
        id: AgentID, version: Int = 1, name: String, role: Role, area: String, authorityLimit: Cents,
        active: Bool = true
    ) {
        self.id = id
        self.version = version
        self.name = name
        self.role = role
        self.area = area
        self.authorityLimit = authorityLimit
        self.active = active
    }

    /// Whether they may grant something worth `value` on their own (rule
    /// 4): within their authority limit; a supervisor's has none.
    public func mayGrant(_ value: Cents) -> Bool { role == .supervisor || value <= authorityLimit }

    public struct Recognition: Codable, Sendable, Equatable {
        public var at: Date
        public var by: AgentID
        public var reason: String

        public init(at: Date, by: AgentID, reason: String) {
            self.at = at
            self.by = by
            self.reason = reason
        }
    }

    public enum Role: String, Codable, CaseIterable, Sendable {
        case agent, supervisor
    }
}
