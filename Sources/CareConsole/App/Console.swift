import CareDomain
import Foundation
import Synchronization

/// The loop: draw the state, wait for a key (or a quarter second), turn
/// what happened into a message, update, run the commands it asks for.
/// Everything here, curses included, runs on the calling thread, except
/// the reports that read every history: they run on another thread and
/// their result comes back as a message, so the screen never waits for them.
public struct Console: Sendable {
    let store: any CareStore
    let author: Author
    let clock: Clock

    /// `author`: who acts (the login, and the agent a supervisor acts as).
    public init(store: any CareStore, author: Author, clock: Clock = .system) {
        self.store = store
        self.author = author
        self.clock = clock
    }

    /// Runs until the user quits. `terminal` is already started.
    /// `opened`: the store as the caller just opened it, so that it is not
    /// opened (and held in memory) twice.
    public func run(on terminal: any Terminal, opened: StoreState? = nil) throws {
        let shown = author.actingAs.map { "\(author.login) as \($0)" } ?? author.login
        var state = AppState(
            store: try opened ?? store.open(), now: clock.now, agent: shown, agentLogin: author.agent.rawValue)
        _ = update(&state, .resize(terminal.size))
        // Selects the first customer and loads their profile.
        var pending: [Message] = [.storeChanged(state.store)]
        let signals = StopSignals()
        var lastRefresh = clock.now
        var lastMinute = -1
        let inbox = Inbox()
        while true {
            pending += inbox.take()
            // Draw only when something happened (or the minute turned, for
            // "due in" times): an idle console costs nothing.
            let minute = Int(clock.now.timeIntervalSince1970 / 60)
            if !pending.isEmpty || minute != lastMinute {
                while !pending.isEmpty {
                    let message = pending.removeFirst()
                    for command in update(&state, message) {
                        if case .loadReport = command {
                            let seen = state
                            DispatchQueue.global().async {
                                if let result = perform(command, in: seen) { inbox.put(result) }
                            }
                        } else if let result = perform(command, in: state) {
                            pending.append(result)
                        }
                    }
                }
                terminal.draw(render(state, size: terminal.size))
                lastMinute = minute
            }
            if state.quitting || signals.isRequested { return }
            if let event = terminal.nextEvent(timeoutMilliseconds: 250) {
                switch event {
                case .key(let key): pending.append(.key(key))
                case .resize(let size): pending.append(.resize(size))
                }
            } else if clock.now.timeIntervalSince(lastRefresh) >= 1 {
                lastRefresh = clock.now
                pending.append(.tick(clock.now))
            }
        }
    }

    /// The I/O `update` asked for; its result as a message (none when a
    /// refresh found nothing new).
    func perform(_ command: Command, in state: AppState) -> Message? {
        do {
            switch command {
            case .loadCustomer(let id):
                return .customerLoaded(
                    try state.store.customers.find(id), try store.moments(of: id), try store.ledger(of: id))
            case .loadAudit(let customer):
                // The journal is read whole: on demand only, never per frame.
                let lines = try AuditTrail.lines(in: store, customer: customer).reversed()
                let title =
                    customer.map { "Changes to \(state.store.customers.summary(of: $0)?.name ?? $0.rawValue) (\($0))" }
                    ?? "Changes to the store"
                return .auditLoaded(AuditView(title: title + ", newest first", lines: Array(lines)))
            case .loadReport(let tab, let period):
                let scan: HistoryScan
                do {
                    scan = try HistoryScan.run(state: state.store, history: store, period: period)
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
                    return try store.refresh().map(Message.storeChanged)
                } catch {
                    // Retried on the next tick, not at once: a store that
                    // cannot be read now must not spin the loop.
                    return .refreshFailed(error.description)
                }
            case .act(let action):
                // Checked and written against the store as it is now, under
                // the writer lock, whatever the screen showed.
                var incident: IncidentID?
                let changed = try store.transact(by: author) { current, history in
                    let transaction = try action.transaction(in: current, history: history, by: author, at: clock.now)
                    incident =
                        transaction.changes.lazy.compactMap { change -> IncidentID? in
                            if case .incident(let record) = change { return record.id }
                            return nil
                        }.first
                    return transaction
                }
                // Saved either way; a compaction that failed after it is said too.
                let said = ([action.done(in: changed)] + store.takeNotices().map(\.description)).joined(separator: " ")
                return .acted(said, changed, incident)
            }
        } catch let error as StoreError {
            return .failed(error.description)
        } catch {
            // Refusals (incident, points, coupon) describe themselves.
            return .failed("\(error)")
        }
    }
}

/// Messages from work done on other threads, for the loop to take.
private final class Inbox: Sendable {
    private let messages = Mutex<[Message]>([])

    func put(_ message: Message) { messages.withLock { $0.append(message) } }

    func take() -> [Message] {
        messages.withLock { messages in
            defer { messages = [] }
            return messages
        }
    }
}
