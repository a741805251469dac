import ArgumentParser
import CareDomain
import CarePostgres
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: tr("Verify the store: records, references, ledgers, figures, journal (and files, permissions)."),
        discussion: tr(
            "Exit 0 when clean; 1 with one line per problem; 2 when the store cannot be read. Changes nothing.")
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let location = try storeOptions.location()
        let name = try storeOptions.storeName()
        let report: CheckReport
        do {
            report = try TerminalProgress.run(tr("check")) { progress in
                let report =
                    if let location {
                        try PostgresCheck.check(PostgresStore(location: location), progress: progress)
                    } else {
                        try StoreChecker.check(directory: storeOptions.directory, progress: progress)
                    }
                // Stopped on request: what was looked at is no verdict.
                try progress.checkCancelled()
                return report
            }
        } catch let error as StoreError {
            printError(error.description)
            throw ExitStatus.cannotRun
        }
        for problem in report.problems { print(problem) }
        let counts =
            tr(
                "%@ customers, %@ moments, %@ ledger entries, %@ incidents, %@ journal entries", report.customers,
                report.moments, report.ledgerEntries, report.incidents, report.journalEntries)
        if report.isClean {
            printProse(tr("Store %@ is clean: %@.", name, counts))
        } else {
            printError(
                tr(
                    "%@ problem%@ in %@ (%@).", report.problems.count, report.problems.count == 1 ? "" : "s",
                    name, counts)
            )
            throw ExitStatus.refused
        }
    }
}
