import ArgumentParser
import CareDomain
import Foundation

struct CustomerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer",
        abstract: tr("Customers: find, show, register, correct, set a stage, merge duplicates."),
        subcommands: [Find.self, Show.self, Add.self, Edit.self, Stage.self, Merge.self]
    )

    struct Find: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Find customers by name (accents optional), id, email, or a phone however it is typed."),
            discussion: """
                Every word must match. A phone is found with or without spaces, with +34 or 0034, or by its \
                last six digits or more. Exits 1 when nobody matches. Customers blocked on an erasure request \
                are not listed.
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("What to look for, as an agent would type it."))) var text: String
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            let state = try storeOptions.store().open()
            _ = try storeOptions.member(in: state)
            let listed = state.customers.summaries.filter { !$0.blocked }
            let found = CustomerSearch.find(text, in: listed).sorted { $0.id < $1.id }
            guard !found.isEmpty else {
                printError(tr("No customer matches \"%@\".", text))
                throw ExitStatus.refused
            }
            var table = Tabular(header: ["customer", "name", "phone", "email", "tier", "lifecycle"])
            table.rows = found.map { customer in
                [
                    .text(customer.id.rawValue), .text(customer.name), .text(customer.phone ?? ""),
                    .text(customer.email ?? ""), .text(customer.tier?.rawValue ?? ""),
                    .text(customer.lifecycle.rawValue),
                ]
            }
            printTable(table, format)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Print every field of a customer's profile, consents included."),
            discussion: tr("As csv or json each field is a row with the columns field and value."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The customer's id (care customer find gives it)."))) var id: String
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            let state = try storeOptions.store().open()
            _ = try storeOptions.member(in: state)
            let customer = try storeOptions.readableCustomer(CustomerID(id), in: state)
            var table = Tabular(header: ["field", "value"])
            table.rows = customer.profileFields(today: Day(containing: Date())).map {
                [.text($0.name), .text($0.value.isEmpty && format == .table ? "—" : $0.value)]
            }
            printTable(table, format)
        }
    }
}
