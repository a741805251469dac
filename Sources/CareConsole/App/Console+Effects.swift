import CareDomain
import Foundation

extension Console {
    /// The I/O `update` asked for; its result as a message (none when a
    /// refresh found nothing new).
    /// A step checked and written against the store as it is now, under
    /// the writer lock, whatever the screen showed; a refusal names the
    /// step, so the dialog it came from opens again as it was typed.
    private func act(_ action: CounterAction) -> Message {
        do {
            var incident: IncidentID?
            var written = Transaction(summary: "", changes: [])
            let changed = try store.transact(by: author) { current, history in
                let transaction = try action.transaction(in: current, history: history, by: author, at: clock.now)
                incident =
                    transaction.changes.lazy.compactMap { change -> IncidentID? in
                        if case .incident(let record) = change { return record.id }
                        return nil
                    }.first
                written = transaction
                return transaction
            }
            // Saved either way; a compaction that failed after it is said too.
            let said = ([action.done(in: changed, transaction: written)] + store.takeNotices().map(\.description))
                .joined(separator: " ")
            // Recording what is owed is the console's own: no selection moves for it.
            return .acted(
                said, changed, action == .recordMissed ? nil : incident, customer: CounterAction.registered(by: written)
            )
        } catch let error as StoreError {
            return .refused(action, error.description)
        } catch {
            // Refusals (incident, points, coupon, customer) describe themselves.
            return .refused(action, "\(error)")
        }
    }

    func perform(_ command: Command, in state: AppState) -> Message? {
        do {
            switch command {
            case .loadCustomer(let id):
                // Opened on the customers' summaries: the refresh under way
                // reads the store whole, and the profile is loaded then.
                guard state.store.customers.holdsRecords else { return nil }
                return .customerLoaded(
                    try state.store.customers.find(id), try store.moments(of: id), try store.ledger(of: id),
                    try store.incidentEvents(of: id))
            case .loadAudit(let customer):
                // The journal is read whole: on demand only, never per frame.
                let lines = try AuditTrail.lines(in: store, customer: customer).reversed()
                let title =
                    customer.map {
                        tr("Changes to %@ (%@)", state.store.customers.summary(of: $0)?.name ?? $0.rawValue, $0)
                    }
                    ?? tr("Changes to the store")
                return .auditLoaded(AuditView(title: title + tr(", newest first"), lines: Array(lines)))
            case .loadReport(let tab, let period):
                let scan: HistoryScan
                do {
                    scan = HistoryScan.run(state: state.store, figures: try store.figures(), period: period)
                } catch {
                    return .reportFailed(tab, error.description)
                }
                let table: Tabular =
                    switch tab {
                    case .agents: Tabular(header: [])
                    case .segments: scan.segmentsTable()
                    case .profitability: scan.profitabilityTable(limit: 500)
                    case .touchpoints: scan.touchpointsTable(state: state.store)
                    }
                return .reportLoaded(tab, period, table)
            case .refreshStore:
                do {
                    let changed = try store.refresh().map { Message.storeChanged($0) }
                    return changed ?? (state.offline == nil ? nil : .online)
                } catch {
                    // Retried on the next tick, not at once: a store that
                    // cannot be read now must not spin the loop.
                    return error.isUnreachable ? .offline(error.description) : .refreshFailed(error.description)
                }
            case .act(let action):
                return act(action)
            case .listCustomers:
                return .customersListed(CustomerList(of: state.store))
            }
        } catch {
            return .failed(error.description)
        }
    }
}
