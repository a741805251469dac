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
            let range = (chunk * size)..<min(count, (chunk + 1) * size)
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
}
