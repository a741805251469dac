import Foundation

/// When a touchpoint is open, so that its service-level clock runs only
/// then: opening spans by weekday, in a time zone, and days it is closed
/// (holidays). Stored as
/// `{"timeZone": "Europe/Madrid", "week": {"mon": ["09:00-14:00", "16:00-20:00"], …}, "closed": ["2026-12-08"]}`.
/// A touchpoint without hours is always open.
public struct BusinessHours: Codable, Sendable, Equatable {
    /// An IANA zone such as "Europe/Madrid"; nil: UTC.
    public var timeZone: String?
    /// Keyed by `mon` … `sun`; a day not listed is closed.
    public var week: [String: [String]]
    /// Whole days closed, in the zone's calendar.
    public var closed: [Day]

    public init(timeZone: String? = nil, week: [String: [String]], closed: [Day] = []) {
        self.timeZone = timeZone
        self.week = week
        self.closed = closed
    }

    public static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// What is wrong with these hours, in words for a supervisor; empty when
    /// they can be used.
    public var problems: [String] {
        var problems: [String] = []
        if let timeZone, TimeZone(identifier: timeZone) == nil {
            problems.append(tr("hours.timeZone \"%@\" is not a time zone (e.g. Europe/Madrid).", timeZone))
        }
        for day in week.keys.sorted() where !Self.weekdays.contains(day) {
            problems.append(tr("hours.week has \"%@\"; the days are %@.", day, Self.weekdays.joined(separator: ", ")))
        }
        for (day, spans) in week.sorted(by: { $0.key < $1.key }) {
            for span in spans where Self.minutes(of: span) == nil {
                problems.append(tr("hours.week.%@ has \"%@\"; write a span as 09:00-14:00.", day, span))
            }
        }
        if spans.allSatisfy(\.isEmpty) {
            problems.append(tr("hours.week opens no day; leave hours out for always open."))
        }
        return problems
    }

    /// "mon–fri 09:00-14:00 16:00-19:00, sat 10:00-14:00; 2 days closed": runs
    /// of days with the same spans together, as a person reads a shop door.
    public var summary: String {
        var runs: [(first: String, last: String, spans: [String])] = []
        for day in Self.weekdays {
            let spans = week[day] ?? []
            if let last = runs.last, last.spans == spans, !spans.isEmpty,
                Self.weekdays.firstIndex(of: last.last).map({ $0 + 1 }) == Self.weekdays.firstIndex(of: day)
            {
                runs[runs.count - 1].last = day
            } else if !spans.isEmpty {
                runs.append((day, day, spans))
            }
        }
        let open = runs.map { run in
            (run.first == run.last ? run.first : "\(run.first)–\(run.last)") + " " + run.spans.joined(separator: " ")
        }
        let zone = timeZone.map { " (\($0))" } ?? ""
        let holidays = closed.isEmpty ? "" : tr("; %@ day%@ closed", closed.count, closed.count == 1 ? "" : "s")
        return open.joined(separator: ", ") + zone + holidays
    }

    /// "09:00-14:00" as minutes of the day, 540..<840; nil unless well formed
    /// and opening before it closes (24:00 is the end of the day).
    static func minutes(of span: String) -> Range<Int>? {
        let parts = span.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let open = clockMinutes(parts[0]), let close = clockMinutes(parts[1]), open < close
        else { return nil }
        return open..<close
    }

    private static func clockMinutes(_ text: Substring) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...24).contains(hour), (0..<60).contains(minute), hour * 60 + minute <= 24 * 60
        else { return nil }
        return hour * 60 + minute
    }

    /// The opening spans of each weekday, Monday first, in minutes of the day.
    var spans: [[Range<Int>]] {
        Self.weekdays.map { day in
            (week[day] ?? []).compactMap(Self.minutes(of:)).sorted { $0.lowerBound < $1.lowerBound }
        }
    }
}

/// A service-level clock: how open time is counted at a touchpoint. Always
/// open unless the touchpoint has business hours; then only their spans
/// count, so a due time set on Friday evening falls on Monday.
public struct ServiceClock: Sendable {
    private let spans: [[Range<Int>]]
    private let closed: Set<Day>
    private let zone: TimeZone?

    public init(hours: BusinessHours?) {
        guard let hours, !hours.spans.allSatisfy(\.isEmpty) else {
            spans = []
            closed = []
            zone = nil
            return
        }
        spans = hours.spans
        closed = Set(hours.closed)
        zone = hours.timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")
    }

    public static let alwaysOpen = ServiceClock(hours: nil)

    private var isAlwaysOpen: Bool { spans.isEmpty }

    /// The moment when `minutes` of open time have passed since `start`.
    public func adding(minutes: Int, to start: Date) -> Date { adding(seconds: Double(minutes) * 60, to: start) }

    /// The moment when `seconds` of open time have passed since `start`.
    public func adding(seconds: TimeInterval, to start: Date) -> Date {
        guard !isAlwaysOpen else { return start.addingTimeInterval(seconds) }
        var remaining = max(0, seconds)
        var day = localDay(of: start)
        // Ten years of closed days is a calendar no one means; stop there.
        for _ in 0..<3660 {
            for span in openSpans(on: day) where span.upperBound > start {
                let from = max(span.lowerBound, start)
                let available = span.upperBound.timeIntervalSince(from)
                if remaining <= available { return from.addingTimeInterval(remaining) }
                remaining -= available
            }
            day = day.adding(days: 1)
        }
        return start.addingTimeInterval(seconds)
    }

    /// The open time between two moments, in seconds (0 when `end` is not later).
    public func openSeconds(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        guard !isAlwaysOpen else { return end.timeIntervalSince(start) }
        var total: TimeInterval = 0
        var day = localDay(of: start)
        let last = localDay(of: end)
        while day <= last {
            for span in openSpans(on: day) {
                let from = max(span.lowerBound, start)
                let to = min(span.upperBound, end)
                if to > from { total += to.timeIntervalSince(from) }
            }
            day = day.adding(days: 1)
        }
        return total
    }

    /// The day of `date` on the zone's calendar.
    private func localDay(of date: Date) -> Day {
        Day(containing: date.addingTimeInterval(Double(zone?.secondsFromGMT(for: date) ?? 0)))
    }

    /// The open spans of a local day as moments; none on a closed day.
    private func openSpans(on day: Day) -> [Range<Date>] {
        guard !closed.contains(day) else { return [] }
        // 1970-01-01 was a Thursday: Monday-first index 3.
        let weekday = ((day.daysSinceEpoch + 3) % 7 + 7) % 7
        return spans[weekday].map { span in
            moment(day, minute: span.lowerBound)..<moment(day, minute: span.upperBound)
        }
    }

    /// The moment a local day's clock reads `minute` (minutes since its midnight).
    private func moment(_ day: Day, minute: Int) -> Date {
        let local = day.start.addingTimeInterval(Double(minute) * 60)
        guard let zone else { return local }
        // The offset in force at that local time: guessed from the local
        // time read as UTC, then taken again at the moment it gives.
        let guess = local.addingTimeInterval(-Double(zone.secondsFromGMT(for: local)))
        return local.addingTimeInterval(-Double(zone.secondsFromGMT(for: guess)))
    }
}
