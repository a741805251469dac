import ArgumentParser
import CareDomain
import Foundation

struct MomentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moment",
        abstract: tr("Moments of truth: a customer's timeline, a contact logged, the survey after it."),
        subcommands: [List.self, Log.self, Survey.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("A customer's timeline, oldest first."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The customer's id."))) var customer: String
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            let store = try storeOptions.store()
            let state = try store.open()
            _ = try storeOptions.member(in: state)
            let id = CustomerID(customer)
            _ = try storeOptions.readableCustomer(id, in: state)
            var table = Tabular(header: [
                "moment", "at", "touchpoint", "channel", "agent", "outcome", "amount", "service_level_met", "survey",
            ])
            table.rows = try store.moments(of: id).map(row)
            printTable(table, format)
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Log a contact that is not an incident: a call, a visit, a delivery, a web visit."),
            discussion: tr("Its cost comes from the touchpoint in the catalog (`care touchpoint list`)."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The customer's id."))) var customer: String
        @Option(help: ArgumentHelp(tr("The touchpoint, e.g. phone-support."))) var touchpoint: String
        @Option(help: ArgumentHelp(tr("How it happened."))) var channel: Channel = .counter
        @Option(help: ArgumentHelp(tr("How it went, in a sentence."))) var outcome: String
        @Option(help: ArgumentHelp(tr("Whether the touchpoint's service level was met: yes or no."))) var met: String?

        func run() throws {
            let serviceLevelMet = try YesNo.parse(met, option: "--met")
            let store = try storeOptions.store()
            let author = try storeOptions.member(in: store.open())
            var logged: Moment?
            _ = try store.transact(by: author) { state in
                let result = try MomentRules.log(
                    in: state, customer: CustomerID(customer), touchpoint: TouchpointID(touchpoint), channel: channel,
                    outcome: outcome, serviceLevelMet: serviceLevelMet, by: author, at: Date())
                logged = result.moment
                return result.transaction
            }
            guard let logged else { return }
            print(
                tr(
                    "Logged %@ for customer %@ (cost %@). Ask how it went: `care moment survey %@ %@ --score 1-5`.",
                    logged.id, customer, logged.cost, customer, logged.id)
            )
        }
    }

    struct Survey: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Record how a contact went: a score 1–5, whether expectations were met, a comment."),
            discussion: """
                --answered-by customer when the customer answered at the counter (typed in front of them and \
                confirmed); agent when it is the agent's own judgement. Scores and reports count the \
                customer's answers and keep the agent's apart.
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The customer's id."))) var customer: String
        @Argument(help: ArgumentHelp(tr("The moment asked about (`care moment list` gives it)."))) var moment: String
        @Option(help: ArgumentHelp(tr("1 (very unhappy) to 5 (very happy)."))) var score: Int
        @Option(help: ArgumentHelp(tr("Whether their expectations were met: yes or no."))) var met: String?
        @Option(help: ArgumentHelp(tr("What they said."))) var comment: String?
        @Option(help: ArgumentHelp(tr("customer or agent."))) var answeredBy: CareDomain.Survey.Source

        func run() throws {
            let expectationsMet = try YesNo.parse(met, option: "--met")
            let store = try storeOptions.store()
            let author = try storeOptions.member(in: store.open())
            let id = CustomerID(customer)
            _ = try store.transact(by: author) { state, history in
                try MomentRules.survey(
                    in: state, moments: try history.moments(of: id), customer: id, of: MomentID(moment),
                    answer: SurveyAnswer(
                        score: score, expectationsMet: expectationsMet, comment: comment, answeredBy: answeredBy),
                    by: author, at: Date())
            }
            print(tr("Survey recorded on %@: %@/5.", moment, score))
        }
    }
}

/// One moment as the timeline table lists it.
private func row(_ moment: Moment) -> [Tabular.Cell] {
    let amount: Tabular.Cell = moment.amount.map { .decimal(Double($0.rawValue) / 100, places: 2) } ?? .empty
    let met: Tabular.Cell = moment.serviceLevelMet.map { .text($0 ? "yes" : "no") } ?? .empty
    let survey = moment.survey?.line ?? moment.satisfaction.map { "\($0)/5" } ?? ""
    return [
        .text(moment.id.rawValue), .text(Timestamp.format(moment.at)), .text(moment.touchpoint.rawValue),
        .text(moment.channel.rawValue), .text(moment.agent?.rawValue ?? ""), .text(moment.outcome), amount, met,
        .text(survey),
    ]
}

extension CareDomain.Survey.Source: ExpressibleByArgument {}
