import CareDomain
import Foundation
import Testing

@testable import CareConsole

@Suite struct SparklineTests {
    @Test func blocksRiseWithTheValueAndAnEmptyMonthIsEmpty() {
        #expect(Sparkline.text([0, 1, 4, 8]) == " ▂▅█")
        #expect(Sparkline.text([0, 0]) == "  ")
        #expect(Sparkline.text([]) == "")
        #expect(ASCIIDrawing.character("▁") == "_" && ASCIIDrawing.character("▅") == "=")
    }

    @Test func spendIsSummedByCalendarMonthTheCurrentOneLast() throws {
        let today = try #require(Day("2026-11-22"))
        func purchase(_ day: String, _ cents: Int) throws -> Moment {
            Moment(
                id: MomentID("M-\(day)-\(cents)"), customer: "C1", touchpoint: "store-purchase",
                at: try #require(Day(day)).start.addingTimeInterval(3600), channel: .counter, agent: nil,
                outcome: "purchase", cost: .zero, amount: Cents(cents))
        }
        let moments = [
            try purchase("2026-11-02", 1000), try purchase("2026-11-20", 500), try purchase("2026-10-31", 200),
            try purchase("2025-12-01", 300), try purchase("2025-11-30", 9999),  // a year and a day ago: left out
            try purchase("2026-11-21", -500),  // a return
        ]
        let spend = Sparkline.monthlySpend(moments, months: 12, today: today)
        #expect(spend.count == 12)
        #expect(spend.last == Cents(1000))
        #expect(spend[10] == Cents(200))
        #expect(spend.first == Cents(300))
        #expect(spend.reduce(Cents.zero, +) == Cents(1500))
    }
}

@Suite struct BarTests {
    /// The reports' main figure as bars: a share of the largest magnitude,
    /// a loss in light shade, nothing for zero.
    @Test func aReportsMainFigureGetsABarAfterIt() {
        let table = Tabular(
            header: ["name", "profit"],
            rows: [
                [.text("a"), .decimal(-5, places: 2)], [.text("b"), .decimal(10, places: 2)], [.text("c"), .number(0)],
            ])
        let barred = table.barred(after: "profit", width: 4)
        #expect(barred.header == ["name", "profit", ""])
        #expect(barred.rows.map { $0[2].plain } == ["░░", "████", ""])
        #expect(Bar.text(share: 0.5, width: 3) == "█▌")
        #expect(ASCIIDrawing.character("░") == "-" && ASCIIDrawing.character("▌") == "#")
    }
}
