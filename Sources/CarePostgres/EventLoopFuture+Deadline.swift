import NIOCore
import Synchronization

extension EventLoopFuture where Value: Sendable {
    /// Waits for the value, but no longer than `seconds`: a connection
    /// whose server went away without a word (a cable pulled, a dropped
    /// session) must not hold a caller forever. Past the deadline it throws
    /// `DeadlinePassed`.
    func wait(atMost seconds: Int64) throws -> Value {
        let promise = eventLoop.makePromise(of: Value.self)
        let settled = SettledOnce()
        let deadline = eventLoop.scheduleTask(in: .seconds(seconds)) {
            if settled.claim() { promise.fail(DeadlinePassed(seconds: seconds)) }
        }
        whenComplete { result in
            deadline.cancel()
            if settled.claim() { promise.completeWith(result) }
        }
        return try promise.futureResult.wait()
    }
}

/// No answer came in time.
struct DeadlinePassed: Error, CustomStringConvertible {
    let seconds: Int64
    var description: String { "no answer in \(seconds) s" }
}

/// Whichever of the answer and the deadline comes first settles the promise.
private final class SettledOnce: Sendable {
    private let taken = Atomic<Bool>(false)
    func claim() -> Bool {
        taken.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    }
}
