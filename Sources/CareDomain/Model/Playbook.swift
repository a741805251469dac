/// An anticipated case and the answer to it: what the agent at the counter
/// offers without asking anyone, up to their authority limit.
public struct Playbook: Record {
    public static let collection = Collection.playbooks

    public var id: PlaybookID
    public var version: Int
    public var touchpoint: TouchpointID
    public var situation: String
    public var solution: String
    public var compensation: Compensation?

    public init(
        id: PlaybookID, version: Int = 1, touchpoint: TouchpointID, situation: String, solution: String,
        compensation: Compensation? = nil
    ) {
        self.id = id
        self.version = version
        self.touchpoint = touchpoint
        self.situation = situation
        self.solution = solution
        self.compensation = compensation
    }
}
