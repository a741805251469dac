import CareDomain

/// The incident queue's lists for one store state: the open incidents by
/// due time and the resolved ones newest first, blocked customers' left
/// out. Sorting 20,000 incidents takes milliseconds, so `Effects` works them
/// out off the loop whenever the store changes, and the loop only picks
/// the scope's rows from them.
public struct IncidentLists: Sendable {
    let incidents: Table<Incident>.Revision
    let blocked: Set<CustomerID>
    let open: [IncidentSummary]
    /// Nil until asked for: made when the agent first looks at the
    /// resolved incidents, then kept up to date off the loop. At 200,000
    /// incidents it is most of them, 60 MB a console would otherwise hold
    /// whether it is looked at or not.
    private(set) var resolved: [IncidentSummary]?

    /// Whether the resolved list was made, so a change makes it again.
    var hasResolved: Bool { resolved != nil }

    /// `resolved`: whether to sort the resolved ones too.
    init(store: StoreState, blocked: Set<CustomerID>, resolved withResolved: Bool) {
        incidents = store.incidents.revision
        self.blocked = blocked
        // Sorted in place: `sorted` would hold a second copy meanwhile.
        var open = store.incidents.summaries { $0.status.isOpen && !blocked.contains($0.customer) }
        open.sort { $0.dueAt < $1.dueAt }
        self.open = open
        resolved = withResolved ? Self.resolved(in: store, blocked: blocked) : nil
    }

    /// The resolved incidents of `store`, newest first, made now if they were not.
    mutating func resolved(in store: StoreState) -> [IncidentSummary] {
        if let resolved { return resolved }
        let made = Self.resolved(in: store, blocked: blocked)
        resolved = made
        return made
    }

    private static func resolved(in store: StoreState, blocked: Set<CustomerID>) -> [IncidentSummary] {
        var resolved = store.incidents.summaries { !$0.status.isOpen && !blocked.contains($0.customer) }
        resolved.sort { ($0.resolvedAt ?? $0.dueAt) > ($1.resolvedAt ?? $1.dueAt) }
        return resolved
    }

    static let empty = IncidentLists(store: StoreState(), blocked: [], resolved: false)

    /// Whether these are the lists of `store` with `blocked` set aside.
    func fit(_ store: StoreState, blocked: Set<CustomerID>) -> Bool {
        incidents == store.incidents.revision && self.blocked == blocked
    }

    /// The lists for `state` as it would be after taking `store`: worked out
    /// off the loop, from the customers it already knows as blocked unless
    /// the customers changed; nil when neither the incidents nor the
    /// customers changed (the state's own lists still fit).
    static func prepared(for store: StoreState, after state: AppState) -> IncidentLists? {
        let sameCustomers = store.customers.revision == state.store.customers.revision
        if sameCustomers, store.incidents.revision == state.store.incidents.revision { return nil }
        let blocked =
            sameCustomers ? state.blockedCustomers : Set(store.customers.summaries.lazy.filter(\.blocked).map(\.id))
        return IncidentLists(store: store, blocked: blocked, resolved: state.wantsResolvedList)
    }
}
