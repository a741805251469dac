import ArgumentParser
import CareDomain
import Foundation

extension IncidentCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("An incident whole: its fields, what is owed and granted, the survey, and every event."),
            discussion: tr("As csv or json each field and each event is a row with the columns field and value."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The incident's id."))) var id: String
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            let store = try storeOptions.store()
            let state = try store.open()
            _ = try storeOptions.member(in: state)
            let incidentID = IncidentID(id)
            guard let incident = try state.incidents.find(incidentID) else {
                throw IncidentRefusal.unknownIncident(incidentID)
            }
            if state.customers[incident.customer]?.blockedAt != nil {
                throw IncidentRefusal.blockedCustomer(incident.customer)
            }
            let sheet = incident.sheet(in: state, history: try store.history(of: incident), at: Date())
            var table = Tabular(header: ["field", "value"])
            table.rows =
                sheet.fields.map {
                    [.text(format == .table ? Incident.Sheet.title(of: $0.name) : $0.name), .text($0.value)]
                }
                + sheet.events.map { [.text(Timestamp.format($0.at)), .text("\($0.by) \($0.kind) \($0.text)")] }
            printTable(table, format)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Incidents, most urgent first: open ones by due time, then the rest newest first."))
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp(tr("open (every status still needing an answer), resolved, closed, or one status.")))
        var status: String?
        @Flag(help: ArgumentHelp(tr("Only yours."))) var mine = false
        @Flag(help: ArgumentHelp(tr("Only those past their due time."))) var overdue = false
        @Flag(help: ArgumentHelp(tr("Only those waiting for a supervisor's approval."))) var approvals = false
        @Option(help: ArgumentHelp(tr("Only this customer's."))) var customer: String?
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            let state = try storeOptions.store().open()
            let author = try storeOptions.member(in: state)
            let now = Date()
            let statuses: Set<Incident.Status>?
            switch status {
            case nil: statuses = nil
            case "open"?: statuses = Set(Incident.Status.allCases.filter(\.isOpen))
            case let name?:
                guard let one = Incident.Status(rawValue: name) else {
                    throw CLIError.outOfRange(
                        tr(
                            "--status is open or one of %@, not \"%@\".",
                            Incident.Status.allCases.map(\.rawValue).joined(separator: ", "), name)
                    )
                }
                statuses = [one]
            }
            let listed = state.incidents.summaries { incident in
                if let statuses, !statuses.contains(incident.status) { return false }
                if mine, incident.assignee != author.agent { return false }
                if overdue, !incident.isOverdue(at: now) { return false }
                if approvals, !incident.awaitsApproval { return false }
                if let customer, incident.customer.rawValue != customer { return false }
                // Blocked customers' incidents are kept for legal claims only.
                return state.customers.summary(of: incident.customer)?.blocked != true
            }
            .sorted { left, right in
                if left.status.isOpen != right.status.isOpen { return left.status.isOpen }
                return left.status.isOpen
                    ? (left.dueAt, left.id) < (right.dueAt, right.id) : left.openedAt > right.openedAt
            }
            var table = Tabular(header: [
                "incident", "status", "priority", "due", "customer", "name", "assignee", "owed", "approval",
            ])
            table.rows = listed.map { incident in
                let due =
                    incident.status.isOpen
                    ? (incident.isOverdue(at: now) ? "overdue " : "") + Timestamp.format(incident.dueAt)
                    : "resolved " + (incident.resolvedAt.map(Timestamp.format) ?? "")
                return [
                    .text(incident.id.rawValue), .text(incident.status.rawValue), .text(incident.priority.rawValue),
                    .text(due), .text(incident.customer.rawValue),
                    .text(state.customers.summary(of: incident.customer)?.name ?? ""),
                    .text(incident.assignee?.rawValue ?? ""),
                    .text(incident.owedValue.map { "\($0) " + (incident.owedDecision?.rawValue ?? "pending") } ?? ""),
                    .text(
                        incident.approvalAskedBy == nil
                            ? "" : incident.approvalAnswer.map { $0 ? "approved" : "refused" } ?? "asked"),
                ]
            }
            printTable(table, format)
        }
    }
}

extension IncidentCommand {
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Hand an incident over to an agent, with the note they read first."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The incident's id."))) var incident: String
        @Argument(help: ArgumentHelp(tr("The agent's login."))) var agent: String
        @Option(help: ArgumentHelp(tr("What they must know (shown first in the incident view)."))) var note: String?

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.member(in: store.open())
            _ = try store.transact(by: author) { state in
                try IncidentRules.assign(
                    in: state, incident: IncidentID(incident), to: AgentID(agent), handover: note, by: author,
                    at: Date())
            }
            print(tr("Handed %@ over to %@%@.", incident, agent, note == nil ? "" : " with the note"))
        }
    }
}
