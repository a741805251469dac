import ArgumentParser
import CareDomain
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the store: files, references, ledgers, journal, permissions.",
        discussion: "Exit 0 when clean; 1 with one line per problem; 2 when the store cannot be read. Changes nothing."
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let report: CheckReport
        do {
            report = try StoreChecker.check(directory: storeOptions.directory)
        } catch {
            printError(error.description)
            throw ExitStatus.cannotRun
        }
        for problem in report.problems { print(problem) }
        let counts =
            "\(report.customers) customers, \(report.moments) moments, \(report.ledgerEntries) ledger entries, \(report.incidents) incidents, \(report.journalEntries) journal entries"
        if report.isClean {
            print("Store \(storeOptions.directory) is clean: \(counts).")
        } else {
            printError(
                "\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") in \(storeOptions.directory) (\(counts))."
            )
            throw ExitStatus.refused
        }
    }
}
