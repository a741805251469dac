import ArgumentParser
import CareDomain
import Foundation

struct IncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: tr("Incidents: open, note, hand over, wait, resolve, approve; show one whole, list them."),
        subcommands: [
            Open.self, Note.self, Contact.self, Assign.self, Wait.self, Resume.self, Resolve.self, Ask.self,
            Approve.self, Refuse.self, Sweep.self, Show.self, List.self,
        ]
    )

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Open an incident for a customer; its due time follows the touchpoint's service level."))

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: ArgumentHelp(tr("The customer's id.")))
        var customer: String

        @Option(help: ArgumentHelp(tr("The touchpoint where it arose (its id in the catalog).")))
        var touchpoint: String

        @Option(help: ArgumentHelp(tr("What it is about.")))
        var subject: String

        @Option(help: ArgumentHelp(tr("inquiry, doubt, comment, suggestion or complaint.")))
        var kind: Incident.Kind = .complaint

        @Option(help: ArgumentHelp(tr("low, normal, high or urgent.")))
        var priority: Incident.Priority = .normal

        @Option(help: ArgumentHelp(tr("How the customer got in touch.")))
        var channel: Channel = .counter

        @Option(help: ArgumentHelp(tr("Who works on it: an agent's login, or none (default: you).")))
        var assignee: String?

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.author(in: store.open())
            var opened: Incident?
            // The rules check the roster again on the state under the lock.
            let state = try store.transact(by: author) { state in
                let (incident, transaction) = try IncidentRules.open(
                    in: state, customer: CustomerID(customer), touchpoint: TouchpointID(touchpoint), kind: kind,
                    subject: subject,
                    priority: priority, channel: channel,
                    assignee: assignee.map { $0 == "none" ? .nobody : .agent(AgentID($0)) } ?? .opener, by: author,
                    at: Date())
                opened = incident
                return transaction
            }
            guard let opened else { return }
            print(
                tr(
                    "Opened %@ for %@, due %@.", opened.id, state.customers[opened.customer]?.name ?? customer,
                    Timestamp.format(opened.dueAt))
            )
        }
    }

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Add a note to an incident."))

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: ArgumentHelp(tr("The incident's id.")))
        var incident: String

        @Argument(help: ArgumentHelp(tr("The note.")))
        var text: String

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.author(in: store.open())
            let state = try store.transact(by: author) { state in
                try IncidentRules.note(in: state, incident: IncidentID(incident), text: text, by: author, at: Date())
            }
            print(tr("Noted on %@ (%@ steps).", incident, state.incidents[IncidentID(incident)]?.events ?? 0))
        }
    }

    struct Contact: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                tr(
                    "Record that the customer got in touch again about an open incident (first- and second-contact resolution count these)."
                )
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: ArgumentHelp(tr("The incident's id.")))
        var incident: String

        @Argument(help: ArgumentHelp(tr("What they said (optional).")))
        var text: String = ""

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.author(in: store.open())
            let state = try store.transact(by: author) { state in
                try IncidentRules.contact(in: state, incident: IncidentID(incident), text: text, by: author, at: Date())
            }
            print(tr("Contact %@ on %@ recorded.", state.incidents[IncidentID(incident)]?.contacts ?? 0, incident))
        }
    }
}

extension Incident.Kind: ExpressibleByArgument {}
extension Incident.Priority: ExpressibleByArgument {}
extension Channel: ExpressibleByArgument {}
