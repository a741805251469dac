import Foundation
import Synchronization

/// How far a long piece of work has got (seeding, checking, reindexing,
/// expiring, importing), and whether the person who started it asked it to
/// stop. The work advances it from any thread and looks at `isCancelled`
/// where stopping leaves the store clean (between batches, before a file is
/// replaced); whoever started it decides how it is shown (`care` prints it
/// on a terminal's stderr, never into a pipe).
public final class WorkProgress: Sendable {
    public struct Snapshot: Sendable, Equatable {
        public var what: String
        public var done: Int
        public var total: Int
        public var elapsed: Duration

        /// What is left at the pace so far; nil before there is a pace.
        public var left: Duration? {
            guard done > 0, total > done else { return nil }
            return elapsed * (Double(total - done) / Double(done))
        }
    }

    private struct Counted {
        var what: String
        var done = 0
        var total: Int
        /// When this stage began: its pace is its own.
        var started = ContinuousClock.now
        var lastShown: ContinuousClock.Instant?
    }

    private let counted: Mutex<Counted>
    private let cancelled = Atomic<Bool>(false)
    private let interval: Duration
    private let show: @Sendable (Snapshot) -> Void

    /// `show` hears the progress at most once every `interval`, and at the end.
    public init(
        _ what: String, total: Int = 0, interval: Duration = .milliseconds(200),
        show: @escaping @Sendable (Snapshot) -> Void = { _ in }
    ) {
        counted = Mutex(Counted(what: what, total: total))
        self.interval = interval
        self.show = show
    }

    /// A progress nobody watches and nobody stops.
    public static var none: WorkProgress { WorkProgress("") }

    /// A new stage of the work: what it is and how much there is.
    public func begin(_ what: String, total: Int) {
        let snapshot = counted.withLock { counted -> Snapshot in
            counted = Counted(what: what, total: total)
            return Snapshot(what: what, done: 0, total: total, elapsed: .zero)
        }
        show(snapshot)
    }

    public func advance(by count: Int = 1) {
        let now = ContinuousClock.now
        let due = counted.withLock { counted -> Snapshot? in
            counted.done += count
            if let last = counted.lastShown, now - last < interval { return nil }
            counted.lastShown = now
            return Snapshot(
                what: counted.what, done: counted.done, total: counted.total, elapsed: now - counted.started)
        }
        if let due { show(due) }
    }

    public var snapshot: Snapshot {
        counted.withLock {
            Snapshot(what: $0.what, done: $0.done, total: $0.total, elapsed: ContinuousClock.now - $0.started)
        }
    }

    /// Asks the work to stop at its next clean point.
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Throws `WorkInterrupted` when the work was asked to stop.
    public func checkCancelled() throws(WorkInterrupted) {
        if isCancelled { throw WorkInterrupted(what: snapshot.what) }
    }
}

/// Long work stopped where it was asked to, leaving the store as it was
/// before the step under way.
public struct WorkInterrupted: Error, Sendable, Equatable, CustomStringConvertible {
    public var what: String

    public var description: String { tr("Interrupted while %@; the store is as it was before that step.", what) }
}
