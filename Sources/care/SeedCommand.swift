import ArgumentParser
import CareDomain
import Foundation

struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: tr("Fill an empty store with a realistic demo dataset."),
        discussion: """
            The same --seed and --today always make the same data. The login that runs it joins \
            the roster as supervisor. Refuses a store that already has data.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp(tr("How many customers.")))
    var customers = 500

    @Option(help: ArgumentHelp(tr("How many moments in all (default: 20 per customer).")))
    var moments: Int?

    @Option(help: ArgumentHelp(tr("How many incidents in all, about (default: one for every five customers).")))
    var incidents: Int?

    @Option(help: ArgumentHelp(tr("Years of history.")))
    var years = 3

    @Option(help: ArgumentHelp(tr("The random seed.")))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp(tr("The last day of the data (default: today)."), valueName: "YYYY-MM-DD"))
    var today: Day?

    func validate() throws {
        guard SeedOptions.customerRange.contains(customers) else {
            throw ValidationError(
                tr(
                    "--customers must be between %@ and %@.", SeedOptions.customerRange.lowerBound,
                    SeedOptions.customerRange.upperBound)
            )
        }
        guard SeedOptions.yearRange.contains(years) else {
            throw ValidationError(
                tr(
                    "--years must be between %@ and %@.", SeedOptions.yearRange.lowerBound,
                    SeedOptions.yearRange.upperBound))
        }
        if let moments, moments < customers || moments > 100 * customers {
            throw ValidationError(tr("--moments must be between the number of customers and 100 per customer."))
        }
        if let incidents, incidents < 0 || incidents > 20 * customers {
            throw ValidationError(tr("--incidents must be between 0 and 20 per customer."))
        }
    }

    func run() throws {
        guard let me = SystemLogin.current() else { throw CLIError.noLogin }
        let options = SeedOptions(
            customers: customers, moments: moments, incidents: incidents, years: years, seed: seed,
            today: today ?? Day(containing: Date()),
            supervisorLogin: me.login, supervisorName: me.name)
        let store = try storeOptions.fileStore(for: "seed")
        let started = ContinuousClock.now
        let summary = try TerminalProgress.run(tr("seed")) { progress in
            try Seeder.seed(options, into: store, progress: progress)
        }
        let elapsed = ContinuousClock.now - started
        print(tr("Seeded %@ in %@: %@.", store.layout.directory, elapsed.formattedSeconds, summary))
        print(
            tr(
                "You (%@) are its supervisor. Next: care check%@", me.login,
                storeOptions.data.map { " --data \($0)" } ?? ""))
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    var milliseconds: Double { seconds * 1000 }
    var formattedSeconds: String { String(format: "%.2f s", seconds) }
    var formattedMilliseconds: String { String(format: "%.1f ms", milliseconds) }
}
