import ArgumentParser
import CareDomain
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Figures for supervisors: agent scores, segments, profitability, touchpoints, campaigns.",
        discussion: """
            The same figures as the console's scores screen (S), from the same code. The period is \
            --from to --to, both days included (UTC); by default the 30 days that end today. Changes are \
            against the period of the same length just before.
            """,
        subcommands: [Agents.self]
    )

    struct Agents: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per-agent scores over the period, with the team line and the change against the previous period.",
            discussion: "A supervisor sees every agent; an agent sees their own row and the team line.")
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var period: PeriodOptions
        @Option(help: "Sort by: \(ScoreFigure.allCases.map(\.rawValue).joined(separator: ", ")).") var sort: ScoreFigure = .resolved
        @Option(help: "table, csv or json.") var format: Tabular.Format = .table

        func run() throws {
            let state = try storeOptions.store().open()
            let author = try storeOptions.member(in: state)
            guard let viewer = state.activeAgent(author) else { throw CLIError.notInRoster(author.agent.rawValue) }
            let board = Scoreboard(incidents: state.incidents.summaries, agents: state.agents.sorted, period: try period.period())
            print(board.visible(to: viewer).tabular(sortedBy: sort).rendered(as: format), terminator: "")
        }
    }
}

/// `--from` and `--to`, both days included.
struct PeriodOptions: ParsableArguments {
    @Option(help: ArgumentHelp("First day (default: 29 days before --to).", valueName: "YYYY-MM-DD")) var from: Day?
    @Option(help: ArgumentHelp("Last day (default: today, UTC).", valueName: "YYYY-MM-DD")) var to: Day?

    func period(today: Day = Day(containing: Date())) throws -> Period {
        let last = to ?? today
        guard let period = Period(from: from ?? last.adding(days: -29), to: last) else {
            throw CLIError.outOfRange("--from \(from.map(\.description) ?? "") is after --to \(last); the period needs its first day first.")
        }
        return period
    }
}

extension ScoreFigure: ExpressibleByArgument {}
