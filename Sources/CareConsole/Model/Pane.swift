import CareDomain

public enum Pane: Int, CaseIterable, Sendable {
    case customers, profile, timeline, incidents

    public var title: String {
        switch self {
        case .customers: "Customers"
        case .profile: "Profile"
        case .timeline: "Moments of truth"
        case .incidents: "Incident queue"
        }
    }
}

/// Which open incidents the queue shows; supervisors also have the ones
/// waiting for their approval.
public enum QueueScope: String, CaseIterable, Sendable {
    case all, mine, unassigned, resolved, approvals

    func next(supervisor: Bool) -> QueueScope {
        let cycle = supervisor ? Self.allCases : Self.allCases.filter { $0 != .approvals }
        return cycle[(cycle.firstIndex(of: self).map { $0 + 1 } ?? 0) % cycle.count]
    }
}
