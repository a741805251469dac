import Foundation

/// The store's one text form for instants: ISO 8601 in UTC with milliseconds,
/// `2026-11-22T15:04:05.123Z`. Foundation's `.iso8601` strategy drops the
/// milliseconds, so journal order within a second would be lost.
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `format(date)`'s bytes appended, without a string for each part.
    static func append(_ date: Date, to bytes: inout [UInt8]) {
        let totalMillis = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let days = Int((Double(totalMillis) / 86_400_000).rounded(.down))
        let millisOfDay = totalMillis - days * 86_400_000
        let (year, month, day) = CivilCalendar.civilFromDays(days)
        CivilCalendar.appendPadded(year, 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        CivilCalendar.appendPadded(month, 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        CivilCalendar.appendPadded(day, 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        CivilCalendar.appendPadded(millisOfDay / 3_600_000, 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        CivilCalendar.appendPadded(millisOfDay / 60_000 % 60, 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        CivilCalendar.appendPadded(millisOfDay / 1000 % 60, 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        CivilCalendar.appendPadded(millisOfDay % 1000, 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Accepts `YYYY-MM-DDTHH:MM:SS`, optional fraction, then `Z` or `±HH:MM`.
    public static func parse(_ text: String) -> Date? {
        // Straight from the string's own bytes: a store opens by parsing a
        // million of these.
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        guard bytes.count >= 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54 || bytes[10] == 0x20,
            bytes[13] == 0x3A, bytes[16] == 0x3A,
            let year = CivilCalendar.number(bytes, 0, 4), let month = CivilCalendar.number(bytes, 5, 2),
            let day = CivilCalendar.number(bytes, 8, 2), let hour = CivilCalendar.number(bytes, 11, 2),
            let minute = CivilCalendar.number(bytes, 14, 2), let second = CivilCalendar.number(bytes, 17, 2),
            let calendarDay = Day(year: year, month: month, day: day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == 0x2E {
            index += 1
            var scale = 0.1
            let fractionStart = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > fractionStart else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds = 0
        if bytes[index] == 0x5A {
            guard index + 1 == bytes.count else { return nil }
        } else if bytes[index] == 0x2B || bytes[index] == 0x2D {
            guard index + 6 == bytes.count, bytes[index + 3] == 0x3A,
                let offsetHours = CivilCalendar.number(bytes, index + 1, 2),
                let offsetMinutes = CivilCalendar.number(bytes, index + 4, 2)
            else { return nil }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (bytes[index] == 0x2B ? 1 : -1)
        } else {
            return nil
        }
        let seconds = calendarDay.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        // Round to whole milliseconds so that a parse of a formatted date is exact.
        let millis = ((Double(seconds) + fraction) * 1000).rounded()
        return Date(timeIntervalSince1970: millis / 1000)
    }
}
