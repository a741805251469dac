/// Something a store has to say about a change that was saved: the change
/// is durable and acknowledged, but work the store does after it failed.
public enum StoreNotice: Sendable, Equatable, CustomStringConvertible {
    /// Folding the journal into the snapshots after a write failed; the
    /// write itself is in the journal, and a later write tries again.
    case compactionFailed(StoreError)

    public var description: String {
        switch self {
        case .compactionFailed(let error):
            tr(
                "Saved; compaction failed: %@ The change is safe in the journal; a later change tries the compaction again.",
                error)
        }
    }
}
