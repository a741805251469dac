import Foundation
import Testing

@testable import CareDomain

@Suite struct CustomerImportTests {
    static let bom = Data([0xEF, 0xBB, 0xBF])
    /// A sheet as a Spanish spreadsheet saves it: BOM, semicolons, accented
    /// headers in another case, a note with a line break, day-first dates.
    static let spanish =
        bom
        + Data(
            """
            NOMBRE;Apellidos;Teléfono;Correo Electrónico;Fecha de nacimiento;Cliente desde;Canal;Consentimiento marketing;Observaciones\r
            Lucía;Pérez Gómez;+34 611 222 333;lucia@example.es;03/04/1985;15/01/2020;teléfono;sí;"Prefiere\r
            llamar por la tarde"\r
            Jordi;Puig;622 333 444;;;;mostrador;no;\r

            """.utf8)

    func imported(_ data: Data, into directory: String) throws -> (CustomerImport.Outcome, StoreState) {
        let store = try Fixture.makeStore(in: directory)
        let plan = try CustomerImport(csv: data)
        #expect(plan.problems(against: try store.open()).isEmpty)
        let outcome = try plan.run(on: store, by: Author(login: "boss"), source: "test.csv", at: Fixture.now)
        return (outcome, try store.open())
    }

    @Test func aSpanishSheetWithABOMSemicolonsAndALineBreakInAFieldIsRead() throws {
        try withTemporaryDirectory { directory in
            let plan = try CustomerImport(csv: Self.spanish)
            #expect(plan.ignoredColumns == ["Observaciones"])
            #expect(plan.rowCount == 2)
            let (outcome, state) = try imported(Self.spanish, into: directory)
            #expect(outcome.created == 2)
            let lucia = try #require(state.customers.sorted.first { $0.name == "Lucía Pérez Gómez" })
            #expect(lucia.phone == "+34 611 222 333")
            #expect(lucia.email == "lucia@example.es")
            #expect(lucia.birthDate == Day("1985-04-03"))
            #expect(lucia.customerSince == Day("2020-01-15"))
            #expect(lucia.preferredChannel == .phone)
            #expect(lucia.hasConsented(to: .marketing))
            #expect(lucia.consents?.first?.at == Fixture.now)
            let jordi = try #require(state.customers.sorted.first { $0.name == "Jordi Puig" })
            #expect(jordi.preferredChannel == .counter)
            #expect(jordi.customerSince == Fixture.today)
            #expect(!jordi.hasConsented(to: .marketing))
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }

    @Test func anyBadRowStopsTheImportAndEveryProblemHasItsLine() throws {
        try withTemporaryDirectory { directory in
            let store = try Fixture.makeStore(in: directory)
            let sheet = Data(
                """
                name,email,phone,birth date,marketing
                "Smith, Emma",emma.s@example.com,600111222,1990-02-30,yes
                "Long
                Note Person",not-an-email,12,,maybe
                Ok Person,ok@example.com,,,
                Again,OK@example.com,,,

                """.utf8)
            let plan = try CustomerImport(csv: sheet)
            let problems = plan.problems(against: try store.open()).map(\.description)
            #expect(
                problems == [
                    "line 2: birth date \"1990-02-30\" is not understood",
                    "line 3: phone \"12\" is not a phone number",
                    "line 3: email \"not-an-email\" is not an email address",
                    "line 3: marketing consent (yes or no) \"maybe\" is not understood",
                    "line 6: the same email as line 5; one row per customer (give each an id to import both)",
                ])
            // With ids, two people sharing a family email are two customers.
            let family = try CustomerImport(
                csv: Data(
                    "id,name,email\nC7,Ana Ruiz,ruiz@example.es\nC8,Pablo Ruiz,ruiz@example.es\nC7,Ana R.,\n".utf8))
            #expect(
                family.problems(against: try store.open()).map(\.description) == [
                    "line 4: the same id as line 2; one row per customer"
                ])
            #expect(throws: CustomerImport.Refusal.noNameColumn(["email", "phone"])) {
                try CustomerImport(csv: Data("email,phone\na@b.es,600000000\n".utf8))
            }
            #expect(throws: CustomerImport.Refusal.unreadable(.notUTF8)) {
                try CustomerImport(csv: Data([0x6E, 0x61, 0x6D, 0x65, 0x0A, 0xE9, 0x0A]))
            }
        }
    }

    @Test func importingAgainMatchesByIdEmailOrPhoneAndDuplicatesNobody() throws {
        try withTemporaryDirectory { directory in
            let (first, _) = try imported(Self.spanish, into: directory)
            #expect(first.created == 2)
            let store = FileStore(directory: directory, clock: Fixture.clock)
            let again = try CustomerImport(csv: Self.spanish).run(
                on: store, by: Author(login: "boss"), source: "again.csv", at: Fixture.now)
            #expect(again.created == 0)
            #expect(again.unchanged == 2)
            // The fixture's José Núñez by his phone written another way, and Lucía by her email with a new occupation.
            let changes = Data(
                """
                name,phone,email,occupation
                José Núñez,600000001,,jubilado
                ,,LUCIA@example.es,enfermera

                """.utf8)
            let updated = try CustomerImport(csv: changes).run(
                on: store, by: Author(login: "boss"), source: "changes.csv", at: Fixture.now)
            #expect(updated.updated == 2)
            #expect(updated.created == 0)
            let state = try store.open()
            #expect(state.customers.count == 4)
            #expect(state.customers["C1"]?.occupation == "jubilado")
            #expect(state.customers["C1"]?.phone == "+34 600 000 001")  // the same number: the spelling on record stays
            #expect(state.customers.sorted.first { $0.email == "lucia@example.es" }?.occupation == "enfermera")
            #expect(try StoreChecker.check(directory: directory).isClean)
        }
    }

    @Test func anExportImportsBackAsTheSameCustomers() throws {
        try withTemporaryDirectory { directory in
            let source = FileStore(directory: directory + "/a", clock: Fixture.clock)
            _ = try Seeder.seed(
                SeedOptions(customers: 400, seed: 3, today: Fixture.today, supervisorLogin: "boss"), into: source)
            let before = try source.open()
            // Some people share an email, as families do: the ids keep them apart.
            let emails = before.customers.summaries.compactMap { $0.email?.lowercased() }
            #expect(Set(emails).count < emails.count)
            let csv = try StoreExport.table(.customers, state: before, history: source).rendered(as: .csv)

            let target = try Fixture.makeStore(in: directory + "/b")
            let plan = try CustomerImport(csv: Data(csv.utf8))
            #expect(plan.ignoredColumns.isEmpty)
            #expect(plan.problems(against: try target.open()).isEmpty)
            _ = try plan.run(on: target, by: Author(login: "boss"), source: "export.csv", at: Fixture.now)
            let after = try target.open()
            for customer in before.customers.sorted {
                let copy = try #require(after.customers[customer.id])
                #expect(copy.name == customer.name)
                #expect(copy.phone == customer.phone)
                #expect(copy.email == customer.email)
                #expect(copy.birthDate == customer.birthDate)
                #expect(copy.customerSince == customer.customerSince)
                #expect(copy.lifecycle == customer.lifecycle)
                #expect(copy.usualProducts == customer.usualProducts)
                #expect(copy.socialHandles == nil)
                for purpose in ConsentPurpose.allCases {
                    #expect(copy.hasConsented(to: purpose) == customer.hasConsented(to: purpose))
                }
            }
            // And a second import of the same export changes nothing.
            let again = try CustomerImport(csv: Data(csv.utf8)).run(
                on: target, by: Author(login: "boss"), source: "export.csv", at: Fixture.now)
            #expect(again.unchanged == before.customers.count)
        }
    }

    @Test func aGeneratedIdNeverTakesOneALaterRowNames() throws {
        try withTemporaryDirectory { directory in
            // The fixture has two customers, so the next generated id is C000003.
            let (outcome, state) = try imported(Data("id,name\n,Ana Ruiz\nC000003,Pablo Ruiz\n".utf8), into: directory)
            #expect(outcome.created == 2)
            #expect(state.customers["C000003"]?.name == "Pablo Ruiz")
            #expect(state.customers["C000004"]?.name == "Ana Ruiz")
        }
    }
}
