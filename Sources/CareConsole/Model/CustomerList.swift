import CareDomain

/// The customer list as built from one customers table: its rows in list
/// order, their folded texts for the filter, and the customers left out
/// (blocked on an erasure request: kept for legal claims only, not listed,
/// and their incidents leave the queue).
public struct CustomerList: Sendable {
    /// When a first screen lists only the first rows, sorting the whole
    /// list after it, off the loop: at a million customers folding and
    /// sorting takes most of a second.
    public struct FirstRows: Sendable {
        /// Only for a store of more customers than this.
        public var whenMoreThan: Int
        /// The rows listed meanwhile.
        public var count: Int

        public init(whenMoreThan: Int, count: Int) {
            self.whenMoreThan = whenMoreThan
            self.count = count
        }

        /// The console's: below a quarter of a million customers the whole
        /// list takes a tenth of a second; a thousand rows are more than a
        /// screen, so paging on from the first screen finds more.
        public static let console = FirstRows(whenMoreThan: 250_000, count: 1000)
    }

    let rows: CustomerRows
    /// `rows`' texts, row for row.
    let texts: SearchTexts
    let blocked: Set<CustomerID>
    /// The customers table this list was built from: folding and sorting
    /// a million names is redone only when it changes.
    let revision: Table<Customer>.Revision?
    /// How many customers the whole list has: `rows` holds only its first
    /// ones until it is sorted.
    let listed: Int

    init() {
        rows = CustomerRows()
        texts = SearchTexts()
        blocked = []
        revision = nil
        listed = 0
    }

    /// Every listed customer of `store`, folded and sorted.
    public init(of store: StoreState) {
        let all = store.customers.summaries
        let (order, texts, left) = SearchTexts.sorted(all) { !$0.blocked }
        rows = CustomerRows(all, order: order)
        self.texts = texts
        blocked = Set(left.map { all[$0].id })
        revision = store.customers.revision
        listed = order.count
    }

    /// The first `count` rows of `store`'s whole list (the same rows in the
    /// same order), without sorting the rest.
    init(firstRowsOf store: StoreState, count: Int) {
        let all = store.customers.summaries
        let (order, texts, listed, left) = SearchTexts.firstRows(count, of: all) { !$0.blocked }
        rows = CustomerRows(all, order: order)
        self.texts = texts
        blocked = Set(left.map { all[$0].id })
        revision = store.customers.revision
        self.listed = listed
    }

    /// Whether every listed customer is in `rows`.
    var isWhole: Bool { rows.count == listed }

    /// Whether this is the list of `store`'s customers as they are.
    func fits(_ store: StoreState) -> Bool { revision == store.customers.revision }
}

extension CustomerList {
    /// The list for `state` as it would be after taking `store`, worked out
    /// off the loop; nil when the state's own list is of the same customers
    /// (whole, or on its way).
    static func prepared(for store: StoreState, after state: AppState) -> CustomerList? {
        state.list.fits(store) ? nil : CustomerList(of: store)
    }
}
