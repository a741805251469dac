import Foundation
import Testing

@testable import CareDomain

@Suite struct DayTests {
    @Test func parsesAndPrintsTheSameDay() throws {
        let day = try #require(Day("2024-02-29"))
        #expect(day.description == "2024-02-29")
        #expect(day.civil == (2024, 2, 29))
        #expect(Day("1969-12-31")?.daysSinceEpoch == -1)
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "2024-1-01", "24-01-01", "", "2024-01-32", "abcd-ef-gh"])
    func refusesWhatIsNotADay(_ text: String) {
        #expect(Day(text) == nil)
    }

    @Test func addsMonthsAcrossYearsAndClampsToMonthEnd() throws {
        let day = try #require(Day("2025-01-31"))
        #expect(day.adding(months: 1).description == "2025-02-28")
        #expect(day.adding(months: 13).description == "2026-02-28")
        #expect(try #require(Day("2024-12-15")).adding(months: 1).description == "2025-01-15")
        #expect(try #require(Day("2025-01-15")).adding(months: -1).description == "2024-12-15")
        #expect(try #require(Day("2024-02-29")).adding(months: 12).description == "2025-02-28")
    }
}

@Suite struct TimestampTests {
    @Test func keepsMilliseconds() throws {
        let text = "2026-11-22T15:04:05.123Z"
        let date = try #require(Timestamp.parse(text))
        #expect(Timestamp.format(date) == text)
        let later = try #require(Timestamp.parse("2026-11-22T15:04:05.124Z"))
        #expect(abs(later.timeIntervalSince(date) - 0.001) < 1e-6)
    }

    /// Dates are written digit by digit into the line: every field padded
    /// to its width, and a number wider than its width kept whole.
    @Test func writesEveryFieldPaddedToItsWidth() throws {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_000_000_000.005)) == "2001-09-09T01:46:40.005Z")
        #expect(try #require(Day("0987-03-04")).description == "0987-03-04")
        var bytes: [UInt8] = []
        for (value, width) in [(0, 1), (7, 3), (12_345, 2), (-5, 4), (Int.min, 1)] {
            CivilCalendar.appendPadded(value, width, to: &bytes)
            bytes.append(UInt8(ascii: " "))
        }
        #expect(String(decoding: bytes, as: UTF8.self) == "0 007 12345 00-5 \(Int.min) ")
    }

    @Test func readsOffsetsAndNoFraction() throws {
        let utc = try #require(Timestamp.parse("2026-01-01T00:00:00Z"))
        #expect(Timestamp.parse("2026-01-01T01:00:00+01:00") == utc)
        #expect(Timestamp.format(utc) == "2026-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    }

    @Test(arguments: [
        "2026-11-22", "2026-11-22T15:04:05", "2026-11-22T25:00:00Z", "2026-11-22T15:04:05.Z", "yesterday",
    ])
    func refusesMalformedTimes(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func encodesDatesInTheStoreFormat() throws {
        let moment = Fixture.c1Moment
        let json = try #require(String(data: try CareJSON.encoder().encode(moment), encoding: .utf8))
        #expect(json.contains("\"at\":\"2026-11-22T08:00:00.000Z\""))
        #expect(try CareJSON.decoder().decode(Moment.self, from: Data(json.utf8)) == moment)
    }
}

@Suite struct IdentifierTests {
    @Test func safeFileNamesOnly() {
        #expect(CustomerID("C000123").isSafeFileName)
        #expect(CustomerID("ab-12_x.y").isSafeFileName)
        #expect(!CustomerID("../etc").isSafeFileName)
        #expect(!CustomerID(".hidden").isSafeFileName)
        #expect(!CustomerID("a/b").isSafeFileName)
        #expect(!CustomerID("").isSafeFileName)
        #expect(!CustomerID("José").isSafeFileName)
    }

    @Test func generatedIdsSortInCreationOrder() {
        #expect(CustomerID(prefix: "C", number: 9) < CustomerID(prefix: "C", number: 10))
        #expect(CustomerID(prefix: "C", number: 42).rawValue == "C000042")
    }

    @Test func centsPrintExactly() {
        #expect(Language.with(.en) { Cents(123_456).description } == "1,234.56 €")
        #expect(Language.with(.en) { Cents(-5).description } == "-0.05 €")
        #expect(Cents(123_456).decimal == "1234.56")
        #expect(Cents.euros(3) + Cents(7) == Cents(307))
    }
}

@Suite struct DataDirectoryTests {
    @Test func followsTheDocumentedOrder() {
        let home = "/home/ana"
        #expect(
            DataDirectory.resolve(explicit: "/srv/care", environment: ["CARE_DATA": "/x"], home: home) == "/srv/care")
        #expect(
            DataDirectory.resolve(explicit: nil, environment: ["CARE_DATA": "/x", "XDG_DATA_HOME": "/y"], home: home)
                == "/x")
        #expect(DataDirectory.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "/y"], home: home) == "/y/care")
        #expect(
            DataDirectory.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "relative"], home: home)
                == "/home/ana/.local/share/care")
        #expect(
            DataDirectory.resolve(explicit: nil, environment: ["CARE_DATA": ""], home: home)
                == "/home/ana/.local/share/care")
    }
}
