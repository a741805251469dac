import Foundation
import Testing

@testable import CareDomain

/// Spreadsheet and terminal injection: what leaves the store cannot run.
@Suite struct SafeTextTests {
    @Test(arguments: ["=HYPERLINK(\"http://x\")", "+34 600", "-cmd", "@SUM(A1)", "\tTab"])
    func formulaCellsAreNeutralisedAndComeBack(text: String) {
        let cell = SafeText.spreadsheetCell(text)
        #expect(cell == "'" + text)
        #expect(SafeText.importedCell(cell) == text)
    }

    @Test func numbersAndPlainTextAreLeftAlone() {
        for text in ["-12.50", "42", "José Núñez", "'quoted", ""] {
            #expect(SafeText.spreadsheetCell(text) == text)
            #expect(SafeText.importedCell(text) == text)
        }
    }

    @Test func escapeSequencesAreMadeVisibleForATerminal() {
        #expect(SafeText.forTerminal("Ana\u{1B}]0;pwned\u{07}") == "Ana^[]0;pwned^G")
        #expect(SafeText.forTerminal("a\u{9B}2J") == "a<U+009B>2J")
        #expect(SafeText.forTerminal("two\nlines") == "two\nlines")
        #expect(SafeText.forTerminal("two\nlines", keepingLineBreaks: false) == "two^Jlines")
        let table = Tabular(header: ["name"], rows: [[.text("Ana\u{1B}[2J")]]).rendered(as: .table)
        #expect(!table.contains("\u{1B}") && table.contains("Ana^[[2J"))
    }

    @Test func aCSVExportNeutralisesFormulasAndImportsBackTheSame() throws {
        let csv = Tabular(header: ["nombre", "puntos"], rows: [[.text("=1+2"), .number(-5)]]).rendered(as: .csv)
        #expect(csv == "nombre,puntos\r\n'=1+2,-5\r\n")
        let plan = try CustomerImport(csv: Data("name,email\r\n'=1+2,a@example.com\r\n".utf8))
        #expect(plan.rowProblems.isEmpty)
        let outcome = plan.preview(against: StoreState(), at: Fixture.now)
        guard case .customer(let customer)? = outcome.changes.first else {
            Issue.record("no customer planned")
            return
        }
        #expect(customer.name == "=1+2")
    }

    @Test func importsRefuseControlCharactersAndHugeCells() throws {
        let long = String(repeating: "a", count: SafeText.importedCellLimit + 1)
        let plan = try CustomerImport(
            csv: Data(
                "name,email\r\nAna\u{1B}]0;x\u{07},a@example.com\r\n\(long),b@example.com\r\nNul\u{0},c@example.com\r\n"
                    .utf8))
        let problems = plan.rowProblems.map(\.text)
        #expect(problems.count == 3, "\(problems)")
        #expect(problems.contains("name has a control character (U+001B)"))
        #expect(
            problems.contains(
                "name has a cell of \(SafeText.importedCellLimit + 1) characters (at most \(SafeText.importedCellLimit))"
            ))
        #expect(problems.contains("name has a control character (U+0000)"))
    }
}
