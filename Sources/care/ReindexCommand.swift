import ArgumentParser
import CareDomain
import Foundation

struct ReindexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: tr("Work every customer's figures out again from their histories."),
        discussion:
            tr(
                "The figures (figures.bin) are what the reports and care expire read instead of every history; they are derived, kept up to date by every compaction, and care check compares them with the histories. Run this when care check says they differ, or after restoring histories from a backup. Safe while consoles are open."
            )
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.fileStore(for: "reindex")
        _ = try store.open()
        let (read, time) = try Measure.time {
            try TerminalProgress.run(tr("reindex")) { progress in try store.reindex(progress: progress) }
        }
        let rows = read.figures.customers.values.reduce(0) { $0 + $1.rows.count }
        print(
            tr(
                "Worked out the figures of %@ customers (%@ rows) in %@; they include transaction %@.",
                read.figures.customers.count, rows, time.formattedSeconds, read.figures.cursor.seq))
    }
}
