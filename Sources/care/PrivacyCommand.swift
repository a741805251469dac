import ArgumentParser
import CareDomain
import CarePostgres
import Foundation

struct PrivacyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy",
        abstract: tr("Data-protection requests (LOPD/GDPR): a person's data, and erasure (supervisors)."),
        subcommands: [Export.self, Erase.self, Unblock.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                tr(
                    "Write everything held on a customer as one JSON document: profile, moments, incidents, points, coupons, audit."
                )
        )

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The customer's id."))) var customer: String
        @Option(name: .shortAndLong, help: ArgumentHelp(tr("Write to this file (mode 0600) instead of stdout.")))
        var output: String?
        @Flag(help: ArgumentHelp(tr("Overwrite the output file if it exists."))) var force = false

        func run() throws {
            let store = try storeOptions.store()
            _ = try storeOptions.supervisor(in: store.open(), to: tr("export a person's data"))
            let document = try PersonalDataExport.of(CustomerID(customer), in: store, at: Date()).json()
            guard let output else {
                FileHandle.standardOutput.write(document + Data("\n".utf8))
                return
            }
            try UserFile.write(document, to: output, force: force)
            print(tr("Wrote everything held on %@ to %@.", customer, output))
        }
    }

    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                tr(
                    "Erase a customer in two steps: first block them, then (with --confirm) remove their personal data everywhere."
                ),
            discussion: """
                Blocking hides the customer from lists, reports and exports and keeps the data only for legal claims. The confirmed \
                step removes their name, contact details, profile, notes and texts from every file (every table on PostgreSQL), the journal included, and keeps \
                the anonymous figures (dates, amounts, points, statuses, ratings) so scores and reports stay right.
                """)

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The customer's id."))) var customer: String
        @Flag(help: ArgumentHelp(tr("Erase the blocked customer's personal data now; this cannot be undone.")))
        var confirm = false

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.supervisor(in: store.open(), to: tr("erase a customer"))
            let id = CustomerID(customer)
            guard confirm else {
                _ = try store.transact(by: author) { state in
                    try PrivacyRules.block(in: state, customer: id, by: author, at: Date())
                }
                print(
                    tr(
                        "Customer %@ is blocked: hidden from lists, reports and exports, kept only for legal claims.",
                        id))
                print(tr("To erase their personal data for good: care privacy erase %@ --confirm", id))
                return
            }
            if let postgres = store as? PostgresStore {
                return try report(postgres.erase(id, by: author), of: id)
            }
            guard let fileStore = store as? FileStore else { throw CLIError.filesOnly("privacy erase --confirm") }
            let erasure = try fileStore.erase(id, by: author)
            let files = erasure.filesRewritten.count + erasure.temporaryFilesRemoved
            if erasure.recordsWereErased, files == 0 {
                print(tr("Customer %@'s personal data was already erased; none of it is left in the store.", id))
            } else {
                print(
                    tr(
                        "Customer %@'s personal data is erased%@: %@ file%@ rewritten, %@ journal lines, %@ leftover temporary file%@ removed.",
                        id, erasure.recordsWereErased ? " (finishing an earlier run)" : "",
                        erasure.filesRewritten.count, erasure.filesRewritten.count == 1 ? "" : "s",
                        erasure.journalLinesRewritten, erasure.temporaryFilesRemoved,
                        erasure.temporaryFilesRemoved == 1 ? "" : "s")
                )
            }
        }

        private func report(_ erasure: PostgresStore.Erasure, of id: CustomerID) {
            let tables = erasure.tablesVacuumed.joined(separator: ", ")
            if erasure.recordsWereErased, erasure.journalRowsRewritten + erasure.historyRowsRewritten == 0 {
                print(
                    tr(
                        "Customer %@'s personal data was already erased; none of it is left in the tables (vacuumed: %@).",
                        id, tables))
            } else {
                print(
                    tr(
                        "Customer %@'s personal data is erased: %@ journal rows and %@ history rows rewritten; vacuumed %@.",
                        id, erasure.journalRowsRewritten, erasure.historyRowsRewritten, tables))
            }
            if erasure.olderTransactionsOpen > 0 {
                printError(
                    tr(
                        "%@ transactions begun before the erasure were still open, so the server keeps the old row versions they may read: run `care privacy erase %@ --confirm` again once they end (pg_stat_activity shows them).",
                        erasure.olderTransactionsOpen, id))
            }
        }
    }

    struct Unblock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Lift a block made by mistake (not after erasure)."))

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The customer's id."))) var customer: String

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.supervisor(in: store.open(), to: tr("unblock a customer"))
            _ = try store.transact(by: author) { state in
                try PrivacyRules.unblock(in: state, customer: CustomerID(customer), by: author)
            }
            print(tr("Customer %@ is no longer blocked.", customer))
        }
    }
}
