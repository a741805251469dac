import ArgumentParser
import CareDomain
import Foundation

struct ExpireCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expire",
        abstract: tr("Apply points expiry and tier lapses due by today, and say what was done."),
        discussion: """
            Points lapse the program's pointsExpiryMonths after they were earned (oldest first), and the whole balance \
            after inactivityDays without a purchase or redemption; a tier lapses when its term ends without requalifying. \
            Safe to run twice (the second run finds nothing due) and while consoles are open. Run it daily from cron.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp(tr("The day to expire as of (default: today, UTC)."), valueName: "YYYY-MM-DD"))
    var today: Day?

    @Flag(help: ArgumentHelp(tr("List each customer whose tier changed.")))
    var list = false

    @Flag(
        help: ArgumentHelp(tr("Say what would expire and write nothing (the only way to look at a day after today).")))
    var dryRun = false

    func run() throws {
        // A batch job: one compaction at its end, not one every 2 MiB of it.
        let store = try storeOptions.store(compactingOnWrite: false)
        let author = try storeOptions.author(in: store.open(only: [.agents]))
        let realToday = Day(containing: Date())
        let day = today ?? realToday
        // Expiring ahead of time would take points before they are due and
        // date ledger entries in the future.
        if day > realToday, !dryRun {
            throw CLIError.outOfRange(
                tr(
                    "--today %@ is after today (%@); points cannot expire ahead of time. Add --dry-run to see what would be due then.",
                    day, realToday)
            )
        }
        let report = try TerminalProgress.run(tr("expire")) { progress in
            try ExpiryRun.run(store: store, today: day, by: author, dryRun: dryRun, progress: progress)
        }
        if report.interrupted {
            printError(
                tr(
                    "Interrupted: %@ customers were brought up to date and are saved; run care expire again to finish.",
                    report.customersChanged))
            throw ExitCode(130)
        }
        // Whole sentences, one per case: a word put into another sentence
        // stays English in Spanish ("Nada was vence").
        guard report.customersChanged > 0 else {
            printProse(
                dryRun
                    ? tr(
                        "Nothing would be due on %@: no points would expire, no tier lapsed, no lifecycle stage moved (%@ customers looked at).",
                        day, report.customersSeen)
                    : tr(
                        "Nothing was due on %@: no points expired, no tier lapsed, no lifecycle stage moved (%@ customers looked at).",
                        day, report.customersSeen))
            return
        }
        printProse(
            dryRun
                ? tr(
                    "Dry run, nothing written. Expiry as of %@: %@ points would expire; %@ tiers changed; %@ of %@ customers updated.",
                    day, report.pointsExpired, report.tierChanges.count, report.customersChanged, report.customersSeen)
                : tr(
                    "Expiry as of %@: %@ points expired; %@ tiers changed; %@ of %@ customers updated.", day,
                    report.pointsExpired, report.tierChanges.count, report.customersChanged, report.customersSeen))
        // A customer without a tier, in the tier moves' lines.
        let noTier = tr("tier|none")
        func move(_ change: (customer: CustomerID, before: TierID?, after: TierID?)) -> String {
            "\(change.before?.rawValue ?? noTier) → \(change.after?.rawValue ?? noTier)"
        }
        var moves: [String: Int] = [:]
        for change in report.tierChanges { moves[move(change), default: 0] += 1 }
        for (move, count) in moves.sorted(by: { $0.key < $1.key }) { print("  \(move): \(count)") }
        for (stage, count) in report.stageChanges.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            print(
                dryRun
                    ? tr("  %@ customers would move to %@", count, stage.shown)
                    : tr("  %@ customers moved to %@", count, stage.shown))
        }
        if list {
            for change in report.tierChanges {
                print("  \(change.customer): \(move(change))")
            }
        }
    }
}
