import ArgumentParser
import CareDomain
import Foundation

struct AgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: tr("The roster: who may use the store, as agent or supervisor (changes are for supervisors)."),
        subcommands: [List.self, Add.self, Set.self, Recognise.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List the roster."))
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            let state = try storeOptions.store().open()
            _ = try storeOptions.member(in: state)
            var table = Tabular(header: ["login", "name", "role", "area", "authority", "active"])
            table.rows = state.agents.sorted.map { agent in
                [
                    .text(agent.id.rawValue), .text(agent.name), .text(agent.role.rawValue), .text(agent.area),
                    .text(agent.authorityLimit.description),
                    .text(agent.active ? "yes" : "no"),
                ]
            }
            printTable(table, format)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Add someone to the roster by their Unix login."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("Their Unix login."))) var login: String
        @Option(help: ArgumentHelp(tr("Their name as the console shows it."))) var name: String
        @Option(help: ArgumentHelp(tr("agent or supervisor."))) var role: Agent.Role = .agent
        @Option(help: ArgumentHelp(tr("Their area (Counter, Contact centre, …)."))) var area = "Counter"
        @Option(help: ArgumentHelp(tr("The most they may grant on their own, in euros."))) var authority = "20"

        func run() throws {
            guard let limit = Cents(parsing: authority) else { throw CLIError.badAmount(authority) }
            let store = try storeOptions.store()
            let author = try storeOptions.member(in: store.open())
            let agent = Agent(id: AgentID(login), name: name, role: role, area: area, authorityLimit: limit)
            _ = try store.transact(by: author) { state in try RosterRules.add(agent, in: state, by: author) }
            print(tr("Added %@ %@ (%@) with an authority of %@.", role.rawValue, login, name, limit))
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Change an agent: name, role, area, authority, or active."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("Their Unix login."))) var login: String
        @Option(help: ArgumentHelp(tr("Their name."))) var name: String?
        @Option(help: ArgumentHelp(tr("agent or supervisor."))) var role: Agent.Role?
        @Option(help: ArgumentHelp(tr("Their area."))) var area: String?
        @Option(help: ArgumentHelp(tr("The most they may grant on their own, in euros."))) var authority: String?
        @Option(help: ArgumentHelp(tr("yes to let them in, no to keep them out (their history stays)."))) var active:
            String?

        func run() throws {
            let limit = try authority.map { text in
                guard let cents = Cents(parsing: text) else { throw CLIError.badAmount(text) }
                return cents
            }
            let isActive = try active.map { text in
                switch text.lowercased() {
                case "yes", "true", "sí", "si": return true
                case "no", "false": return false
                default: throw CLIError.outOfRange(tr("--active takes yes or no, not \"%@\".", text))
                }
            }
            let store = try storeOptions.store()
            let author = try storeOptions.member(in: store.open())
            let after = try store.transact(by: author) { state in
                try RosterRules.update(AgentID(login), in: state, by: author) { agent in
                    if let name { agent.name = name }
                    if let role { agent.role = role }
                    if let area { agent.area = area }
                    if let limit { agent.authorityLimit = limit }
                    if let isActive { agent.active = isActive }
                }
            }
            let agent = after.agents[AgentID(login)]
            print(
                "\(login): \(agent?.role.rawValue ?? "?"), authority \(agent?.authorityLimit.description ?? "?"), \(agent?.active == true ? "active" : "inactive")."
            )
        }
    }

    struct Recognise: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Recognise an agent's work (supervisors); the reason shows on the agent's own scores."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The agent's login."))) var login: String
        @Option(help: ArgumentHelp(tr("What they did well, in a sentence."))) var reason: String

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.member(in: store.open())
            _ = try store.transact(by: author) { state in
                try RosterRules.recognise(AgentID(login), reason: reason, in: state, by: author, at: Date())
            }
            print("Recognised \(login): \(reason.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}

struct TouchpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "touchpoint",
        abstract: tr("The catalog of moments of truth (changes are for supervisors)."),
        subcommands: [List.self, Show.self, Set.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("List the touchpoints with owner, cost, impact and service level."))
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            let state = try storeOptions.store().open()
            _ = try storeOptions.member(in: state)
            var table = Tabular(header: [
                "id", "name", "owner", "cost", "impact", tr("service level"), "minutes", "compensation",
            ])
            table.rows = state.touchpoints.sorted.map { point in
                [
                    .text(point.id.rawValue), .text(point.name), .text(point.ownerArea), .text(point.cost.description),
                    .number(point.impact),
                    .text(point.serviceLevel.promise), .number(point.serviceLevel.responseMinutes),
                    .text(point.compensation.description),
                ]
            }
            printTable(table, format)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Print one touchpoint as JSON (edit it, then `care touchpoint set`)."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The touchpoint's id."))) var id: String

        func run() throws {
            let state = try storeOptions.store().open()
            _ = try storeOptions.member(in: state)
            guard let touchpoint = state.touchpoints[TouchpointID(id)] else {
                throw RosterRefusal.unknownTouchpoint(TouchpointID(id))
            }
            try printJSON(touchpoint)
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Add or replace a touchpoint from a JSON file, checked first."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The touchpoint as JSON."))) var file: String

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.supervisor(in: store.open(), to: tr("change the touchpoint catalog"))
            let touchpoint = try UserFile.decode(Touchpoint.self, from: file)
            _ = try store.transact(by: author) { state in
                try RosterRules.setTouchpoint(touchpoint, in: state, by: author)
            }
            print(tr("Touchpoint %@ is in the catalog.", touchpoint.id))
        }
    }
}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: tr("Who changed what and when: for one customer, or for the whole store (supervisors)."),
        discussion: tr("From the journal, which every change goes through.")
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp(tr("Only the changes about this customer.")))
    var customer: String?

    @Option(help: ArgumentHelp(tr("Only changes made by this login.")))
    var by: String?

    @Option(help: ArgumentHelp(tr("Only changes on or after this day."), valueName: "YYYY-MM-DD"))
    var since: Day?

    @Option(help: ArgumentHelp(tr("table, csv or json.")))
    var format: Tabular.Format = .table

    func run() throws {
        let store = try storeOptions.store()
        let state = try store.open()
        if let customer {
            _ = try storeOptions.member(in: state)
            guard state.customers.contains(CustomerID(customer)) else {
                throw PrivacyRefusal.unknownCustomer(CustomerID(customer))
            }
        } else {
            _ = try storeOptions.supervisor(in: state, to: tr("read the whole store's audit trail"))
        }
        let lines = try AuditTrail.lines(
            in: store, customer: customer.map(CustomerID.init(rawValue:)), by: by, since: since)
        var table = Tabular(header: ["seq", "at", "by", "as", "summary", "changed", "fields"])
        table.rows = lines.map { line in
            [
                .number(line.seq), .text(Timestamp.format(line.at)), .text(line.by),
                line.actingAs.map { .text($0.rawValue) } ?? .empty,
                .text(line.summary), .text(line.changed.joined(separator: ", ")),
                .text((line.fields ?? []).joined(separator: "; ")),
            ]
        }
        printTable(table, format)
    }
}

extension Agent.Role: ExpressibleByArgument {}
