import ArgumentParser
import CareDomain
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: tr("Verify the store: files, references, ledgers, journal, permissions."),
        discussion: tr(
            "Exit 0 when clean; 1 with one line per problem; 2 when the store cannot be read. Changes nothing.")
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        // The checks read the store's files; on PostgreSQL they are not there yet.
        if try storeOptions.location() != nil { throw CLIError.filesOnly("check") }
        let report: CheckReport
        do {
            report = try TerminalProgress.run(tr("check")) { progress in
                let report = try StoreChecker.check(directory: storeOptions.directory, progress: progress)
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
            printProse(tr("Store %@ is clean: %@.", storeOptions.directory, counts))
        } else {
            printError(
                tr(
                    "%@ problem%@ in %@ (%@).", report.problems.count, report.problems.count == 1 ? "" : "s",
                    storeOptions.directory, counts)
            )
            throw ExitStatus.refused
        }
    }
}
