import CareDomain
import Foundation
import Synchronization

/// The loop: draw the state, wait for a key (or a moment), turn what
/// happened into a message, update, hand the commands it asks for to
/// `Effects`. Only drawing and updating run here, on the curses thread:
/// every read and write of the store runs elsewhere and comes back as a
/// message, so a key is answered while the store is busy.
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

    /// Runs until the user quits, then waits for the writes still being
    /// saved. `terminal` is already started. `opened`: the store as the
    /// caller just opened it, so that it is not opened (and held in memory)
    /// twice. `notice`: said in the status bar until the first key (what was
    /// done about the terminal's locale). `demo`: the store is the demo's,
    /// which the status bar says.
    public func run(on terminal: any Terminal, opened: StoreState? = nil, notice: String? = nil, demo: Bool = false)
        throws
    {
        let shown = author.actingAs.map { "\(author.login) as \($0)" } ?? author.login
        var state = AppState(
            store: try opened ?? store.open(), now: clock.now, agent: shown, agentLogin: author.agent.rawValue,
            firstRows: .console)
        state.notice = notice
        state.isDemo = demo
        // Selects the first customer and loads their profile.
        var pending: [Message] = [.resize(terminal.size), .storeChanged(state.store)]
        let signals = StopSignals()
        let effects = Effects(console: self)
        if !state.isListWhole { effects.start(.listCustomers, seen: state) }
        // Opened on the customers' summaries (a store on a server): the
        // records are read at once, behind the first screen.
        if !state.store.holdsEveryRecord { effects.start(.refreshStore, seen: state) }
        var lastRefresh = clock.now
        var lastMinute = -1
        while true {
            // Draw only when something happened (or the minute turned, for
            // "due in" times): an idle console costs nothing.
            let minute = Int(clock.now.timeIntervalSince1970 / 60)
            if !pending.isEmpty || minute != lastMinute {
                while !pending.isEmpty {
                    for command in update(&state, pending.removeFirst()) { effects.start(command, seen: state) }
                    let saving = effects.pendingWrites
                    if saving != state.saving { _ = update(&state, .writesPending(saving)) }
                }
                terminal.draw(render(state))
                lastMinute = minute
            }
            if state.quitting || signals.isRequested {
                // The last frame says how the writes still out ended.
                effects.finish()
                for message in effects.take() + [.writesPending(effects.pendingWrites)] { _ = update(&state, message) }
                terminal.draw(render(state))
                return
            }
            // Results that came back are taken after a key's frame is drawn,
            // never before it, and without waiting for the next key.
            let results = effects.take()
            if !results.isEmpty {
                pending = results
                continue
            }
            // While work is out, its result is looked for every few milliseconds.
            if let event = terminal.nextEvent(timeoutMilliseconds: effects.busy ? 10 : 250) {
                switch event {
                case .key(let key): pending.append(.key(key))
                case .resize(let size): pending.append(.resize(size))
                }
            } else if clock.now.timeIntervalSince(lastRefresh) >= 1 {
                lastRefresh = clock.now
                pending.append(.tick(clock.now))
            } else if effects.pendingWrites != state.saving {
                pending.append(.writesPending(effects.pendingWrites))
            }
        }
    }
}
