import Foundation

/// A calendar day with no time of day (birth dates, "customer since", expiry
/// dates). Stored as `"2026-11-22"`. Days are counted in UTC so that the same
/// store reads the same on every machine.
public struct Day: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: month, year: year) else {
            return nil
        }
        daysSinceEpoch = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD`; nil for anything else.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
            let year = CivilCalendar.number(bytes, 0, 4),
            let month = CivilCalendar.number(bytes, 5, 2),
            let day = CivilCalendar.number(bytes, 8, 2)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The UTC day that contains `date`.
    public init(containing date: Date) {
        daysSinceEpoch = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    public var civil: (year: Int, month: Int, day: Int) { CivilCalendar.civilFromDays(daysSinceEpoch) }

    /// Midnight UTC at the start of this day.
    public var start: Date { Date(timeIntervalSince1970: Double(daysSinceEpoch) * 86_400) }

    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

    /// The same day of the month `months` later, clamped to the month's end
    /// (Jan 31 + 1 month = Feb 28 or 29).
    public func adding(months: Int) -> Day {
        let (year, month, day) = civil
        let total = year * 12 + (month - 1) + months
        let newYear = Int((Double(total) / 12).rounded(.down))
        let newMonth = total - newYear * 12 + 1
        let newDay = min(day, CivilCalendar.daysIn(month: newMonth, year: newYear))
        return Day(daysSinceEpoch: CivilCalendar.daysFromCivil(year: newYear, month: newMonth, day: newDay))
    }

    public func days(until other: Day) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public var description: String {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `description`'s bytes appended.
    func append(to bytes: inout [UInt8]) {
        let (year, month, day) = civil
        CivilCalendar.appendPadded(year, 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        CivilCalendar.appendPadded(month, 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        CivilCalendar.appendPadded(day, 2, to: &bytes)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: tr("expected a day as YYYY-MM-DD, found \"%@\"", text))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Proleptic Gregorian arithmetic (Howard Hinnant's algorithms). Hand-written
/// because the store formats millions of dates and Foundation's formatters are
/// an order of magnitude slower and locale-sensitive.
enum CivilCalendar {
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The decimal number in `bytes[start ..< start+count]`, nil unless all digits.
    static func number<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ start: Int, _ count: Int) -> Int?
    where Bytes.Index == Int {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for index in start..<(start + count) {
            let byte = bytes[index]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        var bytes: [UInt8] = []
        appendPadded(value, width, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `pad(value, width)`'s bytes appended: a snapshot writes a dozen
    /// dates for each of thousands of customers, a string each was most
    /// of writing them.
    static func appendPadded(_ value: Int, _ width: Int, to bytes: inout [UInt8]) {
        guard value >= 0 else {
            let digits = String(value).utf8
            if digits.count < width {
                bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count))
            }
            bytes.append(contentsOf: digits)
            return
        }
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        if count < width { bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - count)) }
        let end = bytes.count + count
        bytes.append(contentsOf: repeatElement(0, count: count))
        var remaining = value
        for index in stride(from: end - 1, through: end - count, by: -1) {
            bytes[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        }
    }
}
