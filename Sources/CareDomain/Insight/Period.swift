import Foundation

/// The days a report covers, both ends included, counted in UTC like every
/// `Day` in the store.
public struct Period: Sendable, Equatable, CustomStringConvertible {
    public let from: Day
    public let to: Day

    /// Nil when `from` is after `to`.
    public init?(from: Day, to: Day) {
        guard from <= to else { return nil }
        self.from = from
        self.to = to
    }

    /// The `days` days that end on `last`.
    public static func days(_ days: Int, endingOn last: Day) -> Period {
        let length = max(1, days)
        return Period(unchecked: last.adding(days: -(length - 1)), last)
    }

    private init(unchecked from: Day, _ to: Day) {
        self.from = from
        self.to = to
    }

    public var length: Int { from.days(until: to) + 1 }

    /// The period of the same length just before this one: what a change
    /// is measured against.
    public var previous: Period { shifted(by: -1) }

    /// `steps` periods of this length later (earlier when negative).
    public func shifted(by steps: Int) -> Period {
        Period(unchecked: from.adding(days: steps * length), to.adding(days: steps * length))
    }

    public func contains(_ date: Date) -> Bool {
        let day = Day(containing: date)
        return from <= day && day <= to
    }

    public func contains(_ day: Day) -> Bool { from <= day && day <= to }

    /// Whether something that lasted from `start` to `end` (nil: still
    /// going) was under way on any day of the period.
    public func overlaps(start: Date, end: Date?) -> Bool {
        Day(containing: start) <= to && (end.map { Day(containing: $0) >= from } ?? true)
    }

    /// "2026-10-24 to 2026-11-22 (30 days)".
    public var description: String { tr("%@ to %@ (%@ day%@)", from, to, length, length == 1 ? "" : "s") }
}
