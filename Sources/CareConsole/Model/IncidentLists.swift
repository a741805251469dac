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
    /// Nil until asked for: the loop works out only the open ones when it
    /// has to make the lists itself.
    private(set) var resolved: [IncidentSummary]?

    /// `resolved`: whether to sort the resolved ones too (off the loop, yes).
    init(store: StoreState, blocked: Set<CustomerID>, resolved withResolved: Bool = true) {
        incidents = store.incidents.revision
        self.blocked = blocked
        open = store.incidents.summaries { $0.status.isOpen && !blocked.contains($0.customer) }
            .sorted { $0.dueAt < $1.dueAt }
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
        store.incidents.summaries { !$0.status.isOpen && !blocked.contains($0.customer) }
            .sorted { ($0.resolvedAt ?? $0.dueAt) > ($1.resolvedAt ?? $1.dueAt) }
    }

    static let empty = IncidentLists(store: StoreState(), blocked: [])

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
        return IncidentLists(store: store, blocked: blocked)
    }
}
