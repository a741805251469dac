import ArgumentParser
import CareDomain

@main
struct Care: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "care",
        abstract: "A keyboard-only customer-care console for the terminal.",
        discussion: """
            With no command, opens the console on the store (the console is not part of this \
            release yet; the commands below work on the store today).
            """,
        subcommands: [SeedCommand.self, CheckCommand.self, IncidentCommand.self, CompactCommand.self, BenchCommand.self]
    )

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Open a demo store instead of the real one.")
    var demo = false

    func run() throws {
        throw ConsoleUnavailable()
    }
}

/// Until the console lands, `care` with no command says so plainly.
struct ConsoleUnavailable: Error, CustomStringConvertible {
    var description: String {
        "The console is not built yet; use `care seed`, `care check`, `care incident` and `care bench` (see `care --help`)."
    }
}
