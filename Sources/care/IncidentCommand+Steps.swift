import ArgumentParser
import CareDomain
import Foundation

/// The steps of an incident after it is open, as commands: resolve, wait
/// and resume, ask a supervisor and their answer, and the sweep that puts
/// what is owed on record when no console is open.
extension IncidentCommand {
    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Resolve an incident with a playbook's answer, granting or declining what it proposes."),
            discussion: """
                What is proposed is the better of the compensation owed for a missed service level and the \
                playbook's (`care incident show` says what is owed). --grant grants it, within your authority or \
                once a supervisor approved it (`care incident ask`); not granting what is owed needs --decline \
                with the reason, which stays on record and counts in the scores.
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The incident's id."))) var incident: String
        @Option(help: ArgumentHelp(tr("The playbook whose answer was given (`care playbook list`)."))) var playbook:
            String?
        @Flag(help: ArgumentHelp(tr("Grant the compensation proposed."))) var grant = false
        @Option(help: ArgumentHelp(tr("Why what is owed is not granted."))) var decline: String?
        @Option(help: ArgumentHelp(tr("The customer's satisfaction, 1 to 5."))) var rating: Int?
        @Flag(help: ArgumentHelp(tr("The rating is your own judgement, not the customer's answer."))) var ownJudgement =
            false

        func validate() throws {
            if grant, decline != nil { throw ValidationError(tr("--grant and --decline exclude each other.")) }
        }

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.author(in: store.open())
            let id = IncidentID(incident)
            let state = try store.transact(by: author) { state in
                try IncidentRules.resolve(
                    in: state, incident: id, playbook: playbook.map(PlaybookID.init(rawValue:)), grant: grant,
                    declineReason: decline, rating: rating,
                    survey: rating.map { SurveyAnswer(score: $0, answeredBy: ownJudgement ? .agent : .customer) },
                    by: author, at: Date())
            }
            let granted = state.incidents[id]?.compensation.map { ", granting \($0.compensation.description)" } ?? ""
            print(
                "Resolved \(incident)\(granted)"
                    + (decline == nil ? "." : tr("; what was owed is declined, on record.")))
        }
    }

    struct Wait: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Stop an incident's service-level clock while it waits on the customer or a partner."),
            discussion: tr("The time it waits does not count; `care incident resume` runs the clock again."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The incident's id."))) var incident: String
        @Option(help: ArgumentHelp(tr("customer or partner."))) var on: IncidentRules.WaitingOn
        @Option(help: ArgumentHelp(tr("For what (kept in its history)."))) var note: String?

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.author(in: store.open())
            _ = try store.transact(by: author) { state in
                try IncidentRules.wait(
                    in: state, incident: IncidentID(incident), on: on, note: note, by: author, at: Date())
            }
            print(tr("%@ waits on the %@; its clock is stopped.", incident, on.rawValue))
        }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Run a waiting incident's clock again; its due time moves by the open time it waited."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The incident's id."))) var incident: String

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.author(in: store.open())
            let id = IncidentID(incident)
            let state = try store.transact(by: author) { state in
                try IncidentRules.resume(in: state, incident: id, by: author, at: Date())
            }
            print(
                tr(
                    "%@ is moving again, due %@.", incident,
                    state.incidents[id].map { Timestamp.format($0.dueAt) } ?? ""))
        }
    }

    struct Ask: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Ask a supervisor to approve a compensation above your authority."),
            discussion: tr(
                "Supervisors see it with `care incident list --approvals` and answer with approve or refuse."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The incident's id."))) var incident: String
        @Option(help: ArgumentHelp(tr("The playbook whose compensation is asked for."))) var playbook: String?
        @Option(help: ArgumentHelp(tr("What the supervisor should know."))) var note: String?

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.author(in: store.open())
            _ = try store.transact(by: author) { state in
                try IncidentRules.askApproval(
                    in: state, incident: IncidentID(incident), playbook: playbook.map(PlaybookID.init(rawValue:)),
                    note: note, by: author, at: Date())
            }
            print(tr("Asked a supervisor to approve the compensation on %@.", incident))
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Approve the compensation an agent asked for (supervisors)."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The incident's id."))) var incident: String
        @Option(help: ArgumentHelp(tr("Why (optional; the agent reads it)."))) var reason: String?

        func run() throws { try answer(incident, approve: true, reason: reason, storeOptions) }
    }

    struct Refuse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Refuse the compensation an agent asked for, with the reason (supervisors)."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The incident's id."))) var incident: String
        @Option(help: ArgumentHelp(tr("Why; the agent reads it in the incident."))) var reason: String

        func run() throws { try answer(incident, approve: false, reason: reason, storeOptions) }
    }

    struct Sweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Put on record what is owed on every open incident past its service level."),
            discussion: tr("A running console does this as it goes; run it from a timer when none is open."))
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.author(in: store.open())
            var recorded = 0
            _ = try store.transact(by: author) { state in
                let transaction =
                    try IncidentRules.recordMissed(in: state, by: author, at: Date())
                    ?? Transaction(summary: "nothing owed to record", changes: [])
                recorded = transaction.changes.count
                return transaction
            }
            print(
                recorded == 0
                    ? tr("Nothing new is owed.")
                    : tr("Recorded what is owed on %@ incident%@.", recorded, recorded == 1 ? "" : "s"))
        }
    }
}

/// A supervisor's answer to an approval, from `approve` or `refuse`.
private func answer(_ incident: String, approve: Bool, reason: String?, _ storeOptions: StoreOptions) throws {
    let store = try storeOptions.store()
    let author = try storeOptions.author(in: store.open())
    _ = try store.transact(by: author) { state in
        try IncidentRules.answerApproval(
            in: state, incident: IncidentID(incident), approve: approve, reason: reason, by: author, at: Date())
    }
    print(tr("%@ the compensation on %@; the agent sees it.", approve ? "Approved" : "Refused", incident))
}

extension IncidentRules.WaitingOn: ExpressibleByArgument {}
