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

    public init(id: AgentID, version: Int = 1, name: String, role: Role, area: String, authorityLimit: Cents, active: Bool = true) {
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

    public enum Role: String, Codable, CaseIterable, Sendable {
        case agent, supervisor
    }
}
