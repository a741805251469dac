import CareDomain

/// The customer list as built from one customers table: its rows in list
/// order, their folded texts for the filter, and the customers left out
/// (blocked on an erasure request: kept for legal claims only, not listed,
/// and their incidents leave the queue).
struct CustomerList: Sendable {
    let rows: CustomerRows
    /// `rows`' texts, row for row.
    let texts: SearchTexts
    let blocked: Set<CustomerID>
    /// The customers table this list was built from: folding and sorting
    /// a million names is redone only when it changes.
    let revision: Table<Customer>.Revision?

    init() {
        rows = CustomerRows()
        texts = SearchTexts()
        blocked = []
        revision = nil
    }

    /// Every listed customer of `store`, folded and sorted.
    init(of store: StoreState) {
        let all = store.customers.summaries
        let (order, texts, left) = SearchTexts.sorted(all) { !$0.blocked }
        rows = CustomerRows(all, order: order)
        self.texts = texts
        blocked = Set(left.map { all[$0].id })
        revision = store.customers.revision
    }

    /// Whether this is the list of `store`'s customers as they are.
    func fits(_ store: StoreState) -> Bool { revision == store.customers.revision }
}
