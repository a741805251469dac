import CareDomain

public enum Pane: Int, CaseIterable, Sendable {
    case customers, profile, timeline, incidents

    public var title: String {
        switch self {
        case .customers: tr("Customers")
        case .profile: tr("Profile")
        case .timeline: tr("Moments of truth")
        case .incidents: tr("Incident queue")
        }
    }
}

/// Which open incidents the queue shows; supervisors also have the ones
/// waiting for their approval.
public enum QueueScope: String, CaseIterable, Sendable {
    case all, mine, unassigned, resolved, approvals

    /// The view's name in the queue's title.
    var label: String {
        switch self {
        case .all: tr("view|all")
        case .mine: tr("view|mine")
        case .unassigned: tr("view|unassigned")
        case .resolved: tr("view|resolved")
        case .approvals: tr("view|approvals")
        }
    }

    func next(supervisor: Bool) -> QueueScope {
        let cycle = supervisor ? Self.allCases : Self.allCases.filter { $0 != .approvals }
        return cycle[(cycle.firstIndex(of: self).map { $0 + 1 } ?? 0) % cycle.count]
    }
}
