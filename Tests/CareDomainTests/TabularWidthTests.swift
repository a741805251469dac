import Foundation
import Testing

@testable import CareDomain

/// A table on a terminal: readable headers in the language, only the
/// columns that fit whole, and how many more the machine formats keep.
@Suite struct TabularWidthTests {
    static let table = Tabular(
        header: ["agent", "name", "handled", "first_contact_pct", "owed_declined"],
        rows: [[.text("ana"), .text("Ana Núñez"), .number(12), .decimal(83.33, places: 1), .number(1)]])

    @Test func onlyTheColumnsThatFitWholeAreShownAndTheRestAreCounted() {
        let narrow = Language.with(.en) { Self.table.rendered(as: .table, width: 30) }
        let lines = narrow.split(separator: "\n").map(String.init)
        #expect(lines.first == "agent  name       handled")
        #expect(lines.allSatisfy { $0.count <= 30 || $0.hasPrefix("…") })
        #expect(lines.last == "… 2 more columns: --format csv or json shows every one.")
        let wide = Language.with(.en) { Self.table.rendered(as: .table, width: nil) }
        #expect(wide.hasPrefix("agent  name       handled  1st contact %  owed declined\n"))
    }

    @Test func headersAreInTheLanguageAndTheMachineFormatsKeepTheirNames() {
        let spanish = Language.with(.es) { Self.table.rendered(as: .table) }
        #expect(spanish.hasPrefix("agente  nombre     atendidas  1.er contacto %  debidas rechazadas\n"))
        let csv = Language.with(.es) { Self.table.rendered(as: .csv, width: 10) }
        #expect(csv.hasPrefix("agent,name,handled,first_contact_pct,owed_declined\r\n"))
    }
}

/// Money as a person reads it in each language; exports stay plain.
@Suite struct MoneyTextTests {
    @Test func moneyFollowsTheLanguage() {
        #expect(Cents(123_450).shown(in: .es) == "1.234,50")
        #expect(Cents(123_450).shown(in: .en) == "1,234.50")
        #expect(Cents(-5).shown(in: .es) == "-0,05")
        #expect(Cents(100_000_000).shown(in: .en) == "1,000,000.00")
        #expect(Language.with(.es) { Cents(123_450).description } == "1.234,50 €")
        #expect(Language.with(.es) { Cents(123_450).decimal } == "1234.50")
        let table = Tabular(header: ["value"], rows: [[.decimal(83.33, places: 1)]])
        #expect(Language.with(.es) { table.rendered(as: .table) } == "valor\n 83,3\n")
        #expect(Language.with(.es) { table.rendered(as: .csv) } == "value\r\n83.3\r\n")
    }
}
