/// Something a store has to say about a change that was saved: the change
/// is durable and acknowledged, but work the store does after it failed.
public enum StoreNotice: Sendable, Equatable, CustomStringConvertible {
    /// Folding the journal into the snapshots after a write failed; the
    /// write itself is in the journal, and a later write tries again.
    case compactionFailed(StoreError)
    /// The figures (derived from the histories) could not be written after
    /// a compaction; reports work from the older file and the journal.
    case figuresNotWritten(StoreError)
    /// A snapshot's index (derived) could not be written after a
    /// compaction; the next open scans that snapshot instead.
    case indexNotWritten(StoreError)

    public var description: String {
        switch self {
        case .compactionFailed(let error):
            tr(
                "Saved; compaction failed: %@ The change is safe in the journal; a later change tries the compaction again.",
                error)
        case .figuresNotWritten(let error):
            tr("Saved; the figures were not brought up to date: %@ `care reindex` makes them again.", error)
        case .indexNotWritten(let error):
            tr("Saved; a snapshot's index was not written: %@ The store opens more slowly until `care reindex`.", error)
        }
    }
}
