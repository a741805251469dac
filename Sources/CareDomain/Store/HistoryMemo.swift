import Synchronization

/// Histories the writer has read, each with the identity of the file it
/// was read from (`FileIdentity`: device, inode, size, times). A batch job
/// reads a customer's ledger to change it, its compaction reads that
/// ledger again to fold the change in, and the figures' catch-up once more
/// to work out the next expiry day: an expiry run of 20,000 customers read
/// each ledger three times. With the memo, the second and third reads are
/// an `fstat` each, and a file whose identity changed (appended to,
/// replaced by an erasure, edited by hand) is read again.
///
/// Only the writer's own reads are kept (under the writer lock), at most
/// `capacity` entries in all; a compaction empties it, since what it
/// served is folded by then.
final class HistoryMemo: Sendable {
    struct Recalled: Sendable {
        let identity: FileIdentity
        /// `[T]` as read, without the journal's recent entries.
        let items: any Sendable
        let count: Int
        /// As `HistoryFile.readWithTail` gives it: the complete part's
        /// length when the last line is unfinished.
        let completeLength: Int?
    }

    private struct Held {
        var files: [String: Recalled] = [:]
        var items = 0
    }

    let capacity: Int
    private let held = Mutex(Held())

    init(capacity: Int = 1_000_000) { self.capacity = capacity }

    func recall(_ path: String) -> Recalled? { held.withLock { $0.files[path] } }

    /// Kept while there is room; a path remembered again replaces what it held.
    func remember(_ path: String, _ recalled: Recalled) {
        held.withLock { held in
            let before = held.files[path]?.count ?? 0
            guard held.items - before + recalled.count <= capacity else {
                if before > 0 {
                    held.files[path] = nil
                    held.items -= before
                }
                return
            }
            held.files[path] = recalled
            held.items += recalled.count - before
        }
    }

    func forget(_ path: String) {
        held.withLock { held in
            if let gone = held.files.removeValue(forKey: path) { held.items -= gone.count }
        }
    }

    func clear() { held.withLock { $0 = Held() } }

    /// How many entries are held (for tests).
    var itemsHeld: Int { held.withLock { $0.items } }
}
