import CareDomain
import Foundation

/// Everything that happens to the console becomes a message.
public enum Message: Sendable {
    case key(Key)
    case resize(Size)
    case tick(Date)
    /// The store as it is now; `lists` and `customers`: the queue's and the
    /// customer list, when worked out off the loop.
    case storeChanged(StoreState, lists: IncidentLists? = nil, customers: CustomerList? = nil)
    /// The whole customer list, sorted off the loop after a first screen
    /// that listed only its first rows.
    case customersListed(CustomerList)
    /// A customer with their timeline, their points ledger and the steps of
    /// their incidents (what the incident view shows).
    case customerLoaded(Customer?, [Moment], [LedgerEntry], [IncidentEvent])
    case auditLoaded(AuditView)
    /// A report of the scores screen, read from every history.
    case reportLoaded(ScoresView.Tab, Period, Tabular)
    /// A history could not be read for it (a damaged file, named).
    case reportFailed(ScoresView.Tab, String)
    case failed(String)
    /// Reading other sessions' changes failed; the next tick tries again.
    case refreshFailed(String)
    /// The store's server cannot be reached (why): the console works from
    /// what it holds, and each tick tries again.
    case offline(String)
    /// The server answered again, with nothing new.
    case online
    /// An action was saved: what to tell the agent, the store as it is
    /// now, and the incident it was about.
    /// `customer`: the one it registered, to select.
    case acted(
        String, StoreState, IncidentID?, lists: IncidentLists? = nil, customers: CustomerList? = nil,
        customer: CustomerID? = nil)
    /// A step was refused: the sentence, and the step (its dialog opens again).
    case refused(CounterAction, String)
    /// How many writes are still being saved (the status bar says so).
    case writesPending(Int)
    /// What the store said after a write (a compaction that failed).
    case storeNotice(String)
}

/// Work `update` asks the loop to do (file I/O), whose result comes back as
/// a message.
public enum Command: Equatable, Sendable {
    case loadCustomer(CustomerID)
    case refreshStore
    case act(CounterAction)
    /// Read the audit trail: one customer's, or the whole store's (nil).
    case loadAudit(CustomerID?)
    /// Read every customer's history for a report of the scores screen.
    case loadReport(ScoresView.Tab, Period)
    /// Sort the whole customer list (see `AppState.isListWhole`).
    case listCustomers
}

extension Message {
    /// The message with the queue's lists and the customer list worked out
    /// for its store, off the loop, as the state that asked for it would
    /// take them: at a million customers, sorting the list again on the
    /// loop after a purchase would hold the screen most of a second.
    public func preparing(after state: AppState) -> Message {
        switch self {
        case .storeChanged(let store, nil, nil):
            .storeChanged(
                store, lists: IncidentLists.prepared(for: store, after: state),
                customers: CustomerList.prepared(for: store, after: state))
        case .acted(let notice, let store, let incident, nil, nil, let customer):
            .acted(
                notice, store, incident, lists: IncidentLists.prepared(for: store, after: state),
                customers: CustomerList.prepared(for: store, after: state), customer: customer)
        default: self
        }
    }
}
