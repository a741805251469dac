import CareDomain
import Foundation

/// Everything the screen shows, as a value: `update` makes the next one,
/// `render` draws it.
public struct AppState: Sendable {
    public var store: StoreState
    public var now: Date
    /// Shown in the status bar ("ana", or "boss as ana").
    public var agent: String
    /// The login whose incidents are "mine".
    public var agentLogin: String
    public var focus: Pane = .customers
    /// The customer list: its rows, their texts, who is left out.
    private(set) var list = CustomerList()
    public var rows: CustomerRows { list.rows }
    /// How many customers the list has (`rows` holds only the first ones
    /// until the whole list is sorted: see `isListWhole`).
    public var listedCount: Int { list.listed }
    /// Whether `rows` holds every listed customer; until it does, the
    /// filter waits for them.
    public var isListWhole: Bool { list.isWhole }
    /// Customers with an overdue open incident (the list's marker).
    public private(set) var overdueCustomers: Set<CustomerID> = []
    /// Customers blocked on an erasure request (rebuilt with `rows`).
    var blockedCustomers: Set<CustomerID> { list.blocked }
    /// Touchpoints, playbooks, rewards and the roster, decoded (see `Catalog`).
    private(set) var catalog = Catalog()
    /// The queue's lists for the store held (see `IncidentLists`).
    private var incidentLists = IncidentLists.empty
    /// The filter `visible` was worked out for, and the rows of the shorter
    /// filters typed before it (cleared whenever `rows` is rebuilt).
    private var visibleFilter = ""
    private var earlierFilters: [(filter: String, visible: [Int])] = []
    /// Indices into `rows` that pass the filter.
    public var visible: [Int] = []
    /// The list's filter, typed after `/` (while `FilterEditing` is the layer).
    var filterField = TextField()
    public var filter: String { filterField.text }
    public var selected = 0
    public var customer: Customer?
    public var timeline: [Moment] = []
    public var ledger: [LedgerEntry] = []
    /// The steps of the customer's incidents (their files are read with the
    /// customer): the incident view shows an incident's from these.
    public var incidentSteps: [IncidentEvent] = []
    /// The profile's talking points and the customer's coupons valid today:
    /// worked out when the customer, the store or the day changes, not on
    /// every frame (they replay the ledger and decode records).
    public private(set) var talkingPoints: [String] = []
    public private(set) var validCoupons: [Coupon] = []
    /// The customer's figures over the last 365 days, for their segment.
    public private(set) var customerValue: CustomerValue?
    public var timelineSelected = 0
    /// The profile's first line shown: j and k scroll it when it is focused.
    public internal(set) var profileTop = 0
    public var queue: [IncidentSummary] = []
    public var queueScope = QueueScope.all
    /// The store is the demo's (`care --demo`): the status bar says so.
    public var isDemo = false
    /// Incidents whose compensation waits for a supervisor (the status bar says so to supervisors).
    var approvalsWaiting = 0
    /// An open incident is past its service level with nothing owed on record yet.
    var missedToRecord = false
    /// When the console last asked to record what is owed (once a minute at most).
    var missedAskedAt: Date?
    /// The agent's own requests still waiting for an answer.
    var awaitedApprovals: Set<IncidentID> = []
    public var queueSelected = 0
    /// Writes asked for and not yet saved: keys go on working meanwhile,
    /// and another write waits its turn behind them.
    public internal(set) var saving = 0
    /// Why the store's server cannot be reached, while it cannot: the
    /// screen shows what was last read, and a write is refused by the store.
    public internal(set) var offline: String?
    /// What the last action did, shown in the status bar.
    public var notice: String?
    /// The screen, and the layer over it.
    var mode = Mode()
    /// The timeline pane shows the points ledger instead of the moments.
    public var showingPoints = false
    public var message: String?
    /// See `keepDialog(_:for:)`.
    var keptDialogs: [(action: CounterAction, layer: any Layer)] = []
    public var quitting = false
    /// The terminal's size, from the last resize: drawing fits it, and
    /// below `minimumSize` only quitting acts.
    public internal(set) var size = minimumSize
    /// Rows a page moves, set from the screen's size.
    public var pageSize = 10

    /// `firstRows`: a store of more customers than it says is listed by its
    /// first rows only, for a first screen without waiting for the whole
    /// list to be sorted; the whole list is then asked for (`.listCustomers`).
    public init(
        store: StoreState, now: Date, agent: String, agentLogin: String? = nil,
        firstRows: CustomerList.FirstRows? = nil
    ) {
        self.store = store
        self.now = now
        self.agent = agent
        self.agentLogin = agentLogin ?? agent
        if let firstRows, store.customers.count > firstRows.whenMoreThan {
            take(CustomerList(firstRowsOf: store, count: firstRows.count))
        }
        reload(store)
    }

    /// Whether the one acting is an active supervisor (what the console
    /// offers; the rules check again on every write).
    public var isSupervisor: Bool { store.activeSupervisor(Author(login: agentLogin)) != nil }

    /// The incident the queue's cursor is on.
    public var selectedIncident: IncidentSummary? {
        queueSelected < queue.count ? queue[queueSelected] : nil
    }

    /// Whether the profile and timeline show the queue's incident's
    /// customer (the queue's cursor moved last) rather than the list's.
    public internal(set) var followsQueue = false

    /// The customer on screen, whom the profile, the timeline and the
    /// customer keys (R, u, h, i) are about: the selected incident's when
    /// the queue's cursor moved last, else the list's.
    public var subjectCustomerID: CustomerID? {
        if followsQueue, let incident = selectedIncident { return incident.customer }
        return selectedCustomerID
    }

    public var selectedCustomerID: CustomerID? {
        guard selected >= 0, selected < visible.count else { return nil }
        return rows[visible[selected]].summary.id
    }

    /// Overdue open incidents in the whole store, whatever the queue shows.
    public private(set) var overdueCount = 0

    /// Rebuilds the list and the queue from a (new) store state, keeping the
    /// selected customer and incident where possible; `lists` and
    /// `customers`: the queue's lists and the customer list when they were
    /// worked out already (off the loop).
    public mutating func reload(
        _ store: StoreState, lists: IncidentLists? = nil, customers: CustomerList? = nil
    ) {
        self.store = store
        catalog.refresh(from: store)
        defer {
            if let lists, lists.fit(store, blocked: blockedCustomers) { incidentLists = lists }
            reloadQueue()
            refreshCustomerFacts()
        }
        if let customers, customers.fits(store) {
            take(customers)
        } else if !list.fits(store) {
            take(CustomerList(of: store))
        }
    }

    /// Lists `customers`, the whole list sorted off the loop, when it is
    /// still of the store held; the selection stays on its customer.
    mutating func takeWholeList(_ customers: CustomerList) {
        guard customers.fits(store), !list.isWhole else { return }
        take(customers)
    }

    private mutating func take(_ customers: CustomerList) {
        let keep = selectedCustomerID
        list = customers
        earlierFilters = []
        applyFilter()
        if let keep, let index = visible.firstIndex(where: { rows[$0].summary.id == keep }) { selected = index }
    }

    mutating func refreshCustomerFacts() {
        guard let customer else {
            talkingPoints = []
            validCoupons = []
            customerValue = nil
            return
        }
        let today = Day(containing: now)
        let rewards = store.rewards
        customerValue = CustomerValue.of(
            customer.summary, moments: timeline, ledger: ledger, compensations: .zero, program: store.program,
            rewards: { rewards[$0] },
            period: .days(365, endingOn: today))
        talkingPoints = TalkingPoints.lines(customer: customer, ledger: ledger, state: store, today: today)
        validCoupons = store.coupons(of: customer.id).filter { $0.state(on: today) == .valid }
    }

    /// Whether the queue's resolved list is wanted from a new store state:
    /// shown now, or made once already.
    var wantsResolvedList: Bool { queueScope == .resolved || incidentLists.hasResolved }

    /// The queue for the current scope, its cursor kept on the same incident
    /// when that is still in it (a reload must never move it to another).
    mutating func reloadQueue() {
        let keep = selectedIncident?.id
        if !incidentLists.fit(store, blocked: blockedCustomers) {
            incidentLists = IncidentLists(store: store, blocked: blockedCustomers, resolved: false)
        }
        let open = incidentLists.open
        let overdue = open.filter { $0.isOverdue(at: now) }
        overdueCount = overdue.count
        overdueCustomers = Set(overdue.map(\.customer))
        switch queueScope {
        case .all: queue = open
        case .mine: queue = open.filter { $0.assignee?.rawValue == agentLogin }
        case .unassigned: queue = open.filter { $0.assignee == nil }
        case .resolved: queue = incidentLists.resolved(in: store)
        case .approvals: queue = open.filter(\.awaitsApproval)
        }
        noteApprovals(open)
        if let keep, let index = queue.firstIndex(where: { $0.id == keep }) {
            queueSelected = index
        } else {
            queueSelected = min(queueSelected, max(0, queue.count - 1))
        }
    }

    /// Puts the queue's cursor on `incident`, showing all incidents if the
    /// current view does not hold it (taken from "unassigned", resolved from
    /// "mine"): after an action the agent goes on with the same incident.
    /// `keepingView`: after the agent's own step, the view they chose stays
    /// (an incident resolved in "all" leaves it; the cursor stays in place).
    /// False when the incident left the view and its customer is shown from the list.
    @discardableResult
    mutating func selectIncident(_ incident: IncidentID, keepingView: Bool = false) -> Bool {
        if keepingView, !queue.contains(where: { $0.id == incident }) {
            queueSelected = min(queueSelected, max(0, queue.count - 1))
            // The customer just served stays on screen, from the list, until
            // the agent goes back to the queue.
            if let customer = store.incidents.summary(of: incident)?.customer, selectCustomer(customer) { return false }
            followsQueue = true
            return true
        }
        if !queue.contains(where: { $0.id == incident }) {
            queueScope = store.incidents[incident]?.status.isOpen == false ? .resolved : .all
            reloadQueue()
        }
        if let index = queue.firstIndex(where: { $0.id == incident }) { queueSelected = index }
        followsQueue = true
        return true
    }

    /// Selects `customer` in the list, clearing a filter that hides them.
    /// False when they are not listed (blocked on an erasure request).
    @discardableResult
    mutating func selectCustomer(_ customer: CustomerID) -> Bool {
        if !visible.contains(where: { rows[$0].summary.id == customer }) {
            filterField.clear()
            applyFilter()
        }
        guard let index = visible.firstIndex(where: { rows[$0].summary.id == customer }) else { return false }
        selected = index
        followsQueue = false
        return true
    }

    /// Shows `incident` in the queue with its customer selected: where a
    /// drill-down from the scores leads.
    mutating func showIncident(_ incident: IncidentSummary) {
        selectCustomer(incident.customer)
        selectIncident(incident.id)
        focus = .incidents
    }

    /// The scores screen's figures for the store as it is now.
    mutating func recomputeScores() {
        guard var view = scores, let viewer = store.activeAgent(Author(login: agentLogin)) else { return }
        view.refresh(store: store, viewer: viewer, today: Day(containing: now))
        scores = view
    }

    /// Narrows the list to the rows holding every word of the filter. A
    /// filter that only grew is applied to the rows that matched before; one
    /// erased back to a shorter filter typed on the way takes that filter's
    /// rows again, kept from then (no row is read twice while typing and erasing).
    mutating func applyFilter(narrowing: Bool = false) {
        // The first rows alone answer no search: the filter waits for the
        // whole list (the customers pane says so meanwhile).
        if !list.isWhole, !filter.isEmpty {
            visibleFilter = filter
            visible = []
            earlierFilters = []
            selected = 0
            return
        }
        let before = (filter: visibleFilter, visible: visible)
        let words = CustomerSearch.words(filter)
        // Narrowing holds only while every earlier word is inside a new one
        // (a phone's digits are read as a whole: "0034…" loses its "00").
        let earlierWords = CustomerSearch.words(before.filter)
        let subset = narrowing && earlierWords.allSatisfy { word in words.contains { ByteSearch.contains($0, word) } }
        if narrowing {
            earlierFilters.append(before)
        } else if let index = earlierFilters.lastIndex(where: { $0.filter == filter }) {
            visible = earlierFilters[index].visible
            earlierFilters.removeSubrange(index...)
            visibleFilter = filter
            selected = min(selected, max(0, visible.count - 1))
            return
        } else {
            earlierFilters = []
        }
        visibleFilter = filter
        let texts = list.texts
        if subset {
            let candidates = before.visible
            visible = Parallel.flatMap(candidates.count, minimum: 20_000) { range in
                texts.rows(candidates[range], holding: words)
            }
        } else {
            visible = Parallel.flatMap(texts.count, minimum: 20_000) { range in
                texts.rows(in: range, holding: words)
            }
        }
        selected = min(selected, max(0, visible.count - 1))
    }
}
