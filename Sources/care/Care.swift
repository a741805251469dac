import ArgumentParser
import CareConsole
import CareDomain
import Foundation

@main
struct Care: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "care",
        abstract: tr("A keyboard-only customer-care console for the terminal."),
        discussion: tr("With no command, opens the console on the store (press ? inside for the keys)."),
        subcommands: [
            InitCommand.self, SeedCommand.self, CheckCommand.self, CustomerCommand.self, MomentCommand.self,
            IncidentCommand.self,
            PointsCommand.self,
            CouponCommand.self, ExpireCommand.self,
            TalkingPointsCommand.self, ProgramCommand.self, ImportCommand.self, ExportCommand.self, PrivacyCommand.self,
            AuditCommand.self,
            AgentCommand.self, TouchpointCommand.self, PlaybookCommand.self, ReportCommand.self, CampaignCommand.self,
            CompactCommand.self, ReindexCommand.self, MigrateCommand.self,
            BenchCommand.self,
        ]
    )

    /// As ArgumentParser's own `main`, but every message goes out through
    /// `printError` (and help through `print`): an error may quote what was
    /// typed or what the store holds, and no control character reaches the
    /// terminal raw.
    static func main() {
        // Before parsing: help and parse errors speak the language too.
        Language.use(
            LanguageChoice.scan(CommandLine.arguments)
                ?? Language.asked(by: ProcessInfo.processInfo.environment))
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = ExitStatus.code(for: error, parsed: exitCode(for: error))
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { print(message) } else { printError(message) }
            }
            Foundation.exit(code.rawValue)
        }
    }

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var language: LanguageChoice

    @Option(
        help: ArgumentHelp(
            tr("Colours: default, high-contrast, mono, or a theme's JSON file (NO_COLOR means mono)."),
            valueName: "name|path"))
    var theme: String?

    @Flag(
        help: ArgumentHelp(
            tr("Draw with ASCII only (- | + for borders, no accents), for a terminal that is not UTF-8.")))
    var ascii = false

    func run() throws {
        let demo = storeOptions.demo
        if demo { print(DemoStore.where) }
        let store = try storeOptions.consoleStore()
        // The first screen lists the customers; a store on a server reads
        // their records behind it (`CareStore.openListing`).
        let state = try store.openListing()
        let author = try storeOptions.member(in: state)
        let colours = try Theme.named(theme, environment: ProcessInfo.processInfo.environment)
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal(
                theme: colours, ascii: ascii, environment: ProcessInfo.processInfo.environment)
        } catch {
            printError(error.description)
            throw ExitStatus.cannotRun
        }
        defer { terminal.stop() }
        (store as? FileStore)?.verifyInBackground()
        try Console(store: store, author: author).run(
            on: terminal, opened: state, notice: terminal.localeNote, demo: demo)
        // Said again once the screen is gone: the next command may want it.
        if demo { print(DemoStore.where) }
    }
}

/// `care --demo`: a store of its own, seeded the first time; every command
/// takes `--demo` and works on it.
enum DemoStore {
    static var directory: String { FileManager.default.temporaryDirectory.path + "/care-demo-\(getuid())" }

    /// Where it is, and how to use it again or start afresh.
    static var `where`: String {
        tr("The demo store is %@: `care --demo COMMAND` works on it; delete it to start afresh.", directory)
    }

    static func prepare() throws {
        if !FileManager.default.fileExists(atPath: directory + "/store.json") {
            guard let me = SystemLogin.current() else { throw CLIError.noLogin }
            let options = SeedOptions(
                customers: 500, today: Day(containing: Date()), supervisorLogin: me.login, supervisorName: me.name)
            _ = try Seeder.seed(options, into: FileStore(directory: directory))
        }
    }
}
