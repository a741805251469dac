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

/// Which open incidents the queue shows.
public enum QueueScope: String, CaseIterable, Sendable {
    case all, mine, unassigned, resolved

    var next: QueueScope {
        Self.allCases[(Self.allCases.firstIndex(of: self).map { $0 + 1 } ?? 0) % Self.allCases.count]
    }
}
