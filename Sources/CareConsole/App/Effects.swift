import CareDomain
import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Where the commands `update` asks for run: never on the curses thread.
/// Writes go one at a time, in the order asked, on a queue of their own, each
/// followed by the compaction it made due; reads (a customer's history, the
/// audit trail, other sessions' changes) on another, so that a compaction
/// under way delays no key and no redraw; reports that read every history
/// run on any thread. Each result comes back to the loop through `inbox`.
/// Their threads run at a lower CPU priority than the loop (nice 10): on a
/// busy server a compaction or a report never takes the CPU from a key.
final class Effects: Sendable {
    private let console: Console
    private let writes = DispatchQueue(label: "care.console.writes")
    private let reads = DispatchQueue(label: "care.console.reads")
    private let inbox = Mutex<[Message]>([])
    private let counts = Mutex(Counts())

    private struct Counts {
        var writes = 0
        var jobs = 0
        var refreshing = false
    }

    init(console: Console) { self.console = console }

    /// Writes asked for and not yet saved (or refused).
    var pendingWrites: Int { counts.withLock { $0.writes } }
    /// Whether anything is still running: the loop then looks for results often.
    var busy: Bool { counts.withLock { $0.jobs > 0 } }

    /// Starts `command` against the state as the screen had it.
    func start(_ command: Command, seen state: AppState) {
        switch command {
        case .act:
            counts.withLock {
                $0.writes += 1
                $0.jobs += 1
            }
            writes.async { [self] in
                Self.yieldToTheLoop()
                let result = console.perform(command, in: state)?.preparing(after: state)
                counts.withLock { $0.writes -= 1 }
                result.map(put)
                compactIfDue()
                counts.withLock { $0.jobs -= 1 }
            }
        case .refreshStore:
            // One refresh at a time: ticks while a compaction holds the store do not pile up.
            let started = counts.withLock { counts -> Bool in
                guard !counts.refreshing else { return false }
                counts.refreshing = true
                counts.jobs += 1
                return true
            }
            guard started else { return }
            reads.async { [self] in
                Self.yieldToTheLoop()
                let result = console.perform(command, in: state)?.preparing(after: state)
                result.map(put)
                counts.withLock {
                    $0.refreshing = false
                    $0.jobs -= 1
                }
            }
        case .loadReport, .listCustomers:
            run(command, state, on: .global())
        case .loadCustomer, .loadAudit:
            run(command, state, on: reads)
        }
    }

    private func run(_ command: Command, _ state: AppState, on queue: DispatchQueue) {
        counts.withLock { $0.jobs += 1 }
        queue.async { [self] in
            Self.yieldToTheLoop()
            console.perform(command, in: state).map(put)
            counts.withLock { $0.jobs -= 1 }
        }
    }

    /// The compaction a write made due, after it and off the loop; a
    /// failure is said, the change itself being saved already.
    private func compactIfDue() {
        do {
            _ = try console.store.compactIfDue()
        } catch {
            put(.storeNotice(tr("Saved; compaction failed: %@", error.description)))
        }
        let notices = console.store.takeNotices().map(\.description)
        if !notices.isEmpty { put(.storeNotice(notices.joined(separator: " "))) }
    }

    /// Lowers this worker thread's CPU priority: on Linux the nice value is
    /// per thread, and `who` 0 is the calling one. It stays lowered, which
    /// suits a pool thread that only ever does background work (the loop
    /// runs on the main thread, never on one of these).
    private static func yieldToTheLoop() {
        #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }

    private func put(_ message: Message) { inbox.withLock { $0.append(message) } }

    /// The results that came back since the last call, oldest first.
    func take() -> [Message] {
        inbox.withLock { messages in
            defer { messages = [] }
            return messages
        }
    }

    /// Waits until every write asked for is saved (or refused), and the
    /// reads started before: quitting never loses a change the agent made.
    func finish() {
        writes.sync {}
        reads.sync {}
    }
}
