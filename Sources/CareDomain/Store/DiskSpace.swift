import Synchronization

/// A disk that fills up, for tests: writes made while one is in force
/// (`DiskSpace.$current.withValue`) get at most `bytes` in all, then fail
/// with ENOSPC part-way, as a real full disk does. Task-local, so tests
/// running side by side each see only their own.
public final class DiskSpace: Sendable {
    @TaskLocal public static var current: DiskSpace?

    private let left: Mutex<Int>

    public init(bytes: Int) { left = Mutex(bytes) }

    public var remaining: Int { left.withLock { $0 } }

    /// How many of `wanted` bytes fit; 0 when the disk is full.
    func take(_ wanted: Int) -> Int {
        left.withLock { left in
            let granted = min(wanted, left)
            left -= granted
            return granted
        }
    }
}
