import Dispatch
import Foundation
import Synchronization

/// Work split over every core, for the few places that touch every record
/// (scanning snapshots, decoding all records, checking histories, filtering
/// the console's list).
public enum Parallel {
    /// Runs `work` on consecutive ranges covering `0..<count`, on every core
    /// when there are at least `minimum` items (else on this thread, as one
    /// range), and returns the results in range order.
    public static func chunks<T: Sendable>(_ count: Int, minimum: Int = 2000, _ work: @Sendable (Range<Int>) -> T)
        -> [T]
    {
        let chunks = count < minimum ? 1 : ProcessInfo.processInfo.activeProcessorCount * 2
        guard chunks > 1 else { return [work(0..<count)] }
        let size = (count + chunks - 1) / chunks
        let results = Mutex<[Int: T]>([:])
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            // With fewer items than chunks the last chunks start past the
            // end: empty, never a range whose start is after its end.
            let range = min(count, chunk * size)..<min(count, (chunk + 1) * size)
            guard !range.isEmpty else { return }
            let result = work(range)
            results.withLock { $0[chunk] = result }
        }
        let collected = results.withLock { $0 }
        return (0..<chunks).compactMap { collected[$0] }
    }

    /// `chunks` for work that makes a list: the lists joined in order.
    public static func flatMap<T: Sendable>(_ count: Int, minimum: Int = 2000, _ work: @Sendable (Range<Int>) -> [T])
        -> [T]
    {
        chunks(count, minimum: minimum, work).flatMap { $0 }
    }

    /// `first` and `second` at once, each on a core of its own: for two
    /// pieces of work that share nothing (two files written).
    public static func both<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B)
        -> (A, B)
    {
        let firstResult = Mutex<A?>(nil)
        let secondResult = Mutex<B?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let result = first()
                firstResult.withLock { $0 = result }
            } else {
                let result = second()
                secondResult.withLock { $0 = result }
            }
        }
        guard let one = firstResult.withLock({ $0 }), let two = secondResult.withLock({ $0 }) else {
            preconditionFailure("concurrentPerform returned before running every iteration")
        }
        return (one, two)
    }

    /// An array of `count` elements made on every core, each written
    /// straight into its place: no list per range to copy into the whole
    /// (at 200,000 incident summaries, the copy was a fifth of opening).
    /// `make` is given each range and `put`, to call once per element of the
    /// range in order; it returns false on failure. Nil when any range
    /// failed or put too few or too many, with every element made let go of.
    public static func array<T: Sendable>(
        _ count: Int, minimum: Int = 2000, _ make: @Sendable (Range<Int>, _ put: (T) -> Void) -> Bool
    ) -> [T]? {
        guard count > 0 else { return make(0..<0) { _ in } ? [] : nil }
        let failed = Atomic<Bool>(false)
        let array = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            let slots = Slots(base: base)
            let made = chunks(count, minimum: minimum) { range -> (Int, Int) in
                var next = range.lowerBound
                let succeeded = make(range) { element in
                    guard next < range.upperBound else {
                        next = range.upperBound + 1
                        return
                    }
                    (slots.base + next).initialize(to: element)
                    next += 1
                }
                if !succeeded || next != range.upperBound { failed.store(true, ordering: .relaxed) }
                return (range.lowerBound, min(next, range.upperBound) - range.lowerBound)
            }
            if failed.load(ordering: .relaxed) {
                for (start, length) in made { (base + start).deinitialize(count: length) }
                initialized = 0
            } else {
                initialized = count
            }
        }
        return failed.load(ordering: .relaxed) ? nil : array
    }

    /// Where `array`'s ranges write: each range its own elements only.
    private struct Slots<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T>
    }
}
