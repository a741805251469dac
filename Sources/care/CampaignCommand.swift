import ArgumentParser
import CareDomain
import Foundation

struct CampaignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: tr("Loyalty campaigns: a target segment, dates, objectives and notes (supervisors)."),
        discussion: tr("Measure one with `care report campaign ID`."),
        subcommands: [List.self, Add.self, Note.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List the campaigns."))
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            let state = try storeOptions.store().open()
            _ = try storeOptions.member(in: state)
            let table = Tabular(
                header: ["id", "title", "segment", "from", "to", "objectives", "notes"],
                rows: state.campaigns.sorted.map { campaign in
                    [
                        .text(campaign.id.rawValue), .text(campaign.title), .text(campaign.segment.rawValue),
                        .text(campaign.from.description),
                        .text(campaign.to.description),
                        .text(
                            campaign.objectives.map {
                                "\($0.measure.rawValue) \($0.changePercent >= 0 ? "+" : "")\($0.changePercent)%"
                            }.joined(separator: ", ")),
                        .number(campaign.notes.count),
                    ]
                })
            printTable(table, format)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("Plan a campaign for a segment."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("Its id, like winter-2026."))) var id: String
        @Option(help: ArgumentHelp(tr("What it is called."))) var title: String
        @Option(
            help: ArgumentHelp(tr("The target segment: %@.", Segment.allCases.map(\.rawValue).joined(separator: ", "))))
        var segment: Segment
        @Option(help: ArgumentHelp(tr("First day."), valueName: "YYYY-MM-DD")) var from: Day
        @Option(help: ArgumentHelp(tr("Last day."), valueName: "YYYY-MM-DD")) var to: Day
        @Option(help: ArgumentHelp(tr("What it sets out to do, in words."))) var goal: String?
        @Option(
            name: .customLong("purchases-change"),
            help: ArgumentHelp(tr("Objective: change in purchase frequency during against before, in percent.")))
        var purchases: Int?
        @Option(
            name: .customLong("spend-change"),
            help: ArgumentHelp(tr("Objective: change in spend during against before, in percent.")))
        var spend: Int?
        @Option(help: ArgumentHelp(tr("What it costs, like 1500 or 1500,00."))) var cost: String?

        func run() throws {
            let amount = try cost.map { text in
                guard let cents = Cents(parsing: text) else { throw CLIError.badAmount(text) }
                return cents
            }
            var objectives: [Campaign.Objective] = []
            if let purchases { objectives.append(.init(measure: .purchases, changePercent: purchases)) }
            if let spend { objectives.append(.init(measure: .spend, changePercent: spend)) }
            let campaign = Campaign(
                id: CampaignID(id), title: title, segment: segment, from: from, to: to, goal: goal,
                objectives: objectives, cost: amount)
            let store = try storeOptions.store()
            let author = try storeOptions.member(in: store.open())
            _ = try store.transact(by: author) { state in try CampaignRules.add(campaign, in: state, by: author) }
            print(tr("Planned %@: %@, %@ to %@.", id, segment.name, from, to))
        }
    }

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Keep a qualitative note on a campaign (a correction, a result, a lesson)."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The campaign's id."))) var id: String
        @Argument(help: ArgumentHelp(tr("The note."))) var text: String

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.member(in: store.open())
            let after = try store.transact(by: author) { state in
                try CampaignRules.note(CampaignID(id), text: text, in: state, by: author, at: Date())
            }
            let count = after.campaigns[CampaignID(id)]?.notes.count ?? 0
            print(tr("Noted on %@ (%@ note%@).", id, count, count == 1 ? "" : "s"))
        }
    }
}

extension Segment: ExpressibleByArgument {}
