import ArgumentParser
import CareDomain
import CarePostgres
import Foundation

struct ReindexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: tr("Work every customer's figures out again from their histories."),
        discussion:
            tr(
                "The figures (figures.bin; on PostgreSQL, the figures table) are what the reports and care expire read instead of every history; they are derived, kept up to date by every compaction (on PostgreSQL, by every transaction), and care check compares them with the histories. Run this when care check says they differ, or after restoring histories from a backup. Safe while consoles are open."
            )
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let reindex: (WorkProgress) throws -> StoreFigures
        if let location = try storeOptions.location() {
            let store = PostgresStore(location: location)
            reindex = { progress in try store.reindex(progress: progress) }
        } else {
            let store = try storeOptions.fileStore(for: "reindex")
            _ = try store.open()
            reindex = { progress in try store.reindex(progress: progress).figures }
        }
        let (figures, time) = try Measure.time { try TerminalProgress.run(tr("reindex"), reindex) }
        let rows = figures.customers.values.reduce(0) { $0 + $1.rows.count }
        print(
            tr(
                "Worked out the figures of %@ customers (%@ rows) in %@; they include transaction %@.",
                figures.customers.count, rows, time.formattedSeconds, figures.cursor.seq))
    }
}
