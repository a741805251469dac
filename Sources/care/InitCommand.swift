import ArgumentParser
import CareDomain
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: tr("Create an empty store for real use, with you as its supervisor."),
        discussion: """
            The store starts with no customers (bring them with `care import customers FILE.csv`) and with the demo's loyalty \
            program, touchpoints, playbooks and rewards as a starting point (`care program show`, `care touchpoint list`). Add \
            your agents with `care agent add LOGIN --name NAME`.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp(tr("Your name as the console shows it (default: from the password database).")))
    var name: String?

    func run() throws {
        guard let me = SystemLogin.current() else { throw CLIError.noLogin }
        let store = try storeOptions.creatableStore()
        try Seeder.initialize(into: store, supervisorLogin: me.login, name: name ?? me.name)
        let name = try storeOptions.storeName()
        print(tr("Created an empty store in %@; %@ is its supervisor.", name, me.login))
        if try storeOptions.location() != nil {
            print(tr("Next: care import customers FILE.csv --store %@ (or set CARE_STORE)", name))
        } else {
            print(tr("Next: care import customers FILE.csv --data %@", name))
        }
    }
}
