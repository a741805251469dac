import Foundation

/// What each journal entry a process applied since its last compaction
/// touched, and where its line is: a compaction's catch-up of the figures
/// and of the audit index reads this instead of reading and decoding the
/// journal tail again (after an expiry run, lines of a thousand customers
/// each).
struct JournalTouches: Sendable {
    struct Touch: Sendable {
        var seq: Int
        var place: JournalPlace
        /// Every customer a change of the entry concerns (the audit index).
        var customers: [CustomerID]
        /// Those whose figures it may change: a moment, a ledger entry or
        /// their record, and of them those whose rows it may change
        /// (`StoreFigures.changes(by:)`).
        var figures: [CustomerID]
        var rows: [CustomerID]
    }

    /// The touches are those of every entry after this one, none missing.
    private(set) var after: Int
    private(set) var entries: [Touch] = []
    /// Customer ids held, all touches together.
    private var held = 0
    /// Past this many ids (a console open for days while other processes
    /// compact), the record begins again; a compaction then reads the
    /// journal, as it would without one.
    private let mostHeld: Int

    init(after seq: Int, mostHeld: Int = 2_000_000) {
        after = seq
        self.mostHeld = mostHeld
    }

    /// Records `entry` at `place`; an entry that does not follow the last
    /// one (a gap, or no place known) starts the record again after it.
    mutating func record(_ entry: JournalEntry, at place: JournalPlace?) {
        guard let place, entry.seq == (entries.last?.seq ?? after) + 1 else {
            self = JournalTouches(after: entry.seq, mostHeld: mostHeld)
            return
        }
        let changed = StoreFigures.changes(by: [entry])
        let touch = Touch(
            seq: entry.seq, place: place, customers: Array(Set(entry.changes.compactMap(\.customer))),
            figures: Array(changed.customers), rows: Array(changed.rows))
        held += touch.customers.count + touch.figures.count
        guard held <= mostHeld else {
            self = JournalTouches(after: entry.seq, mostHeld: mostHeld)
            return
        }
        entries.append(touch)
    }

    /// The touches of every entry after `seq` up to `end`, when they are all
    /// here; nil when some are not (the caller reads the journal).
    func since(_ seq: Int, through end: Int) -> ArraySlice<Touch>? {
        guard seq >= after, (entries.last?.seq ?? after) == end else { return nil }
        return entries[(entries.firstIndex { $0.seq > seq } ?? entries.endIndex)...]
    }
}
