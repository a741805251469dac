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
                terminal.draw(render(state))
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
