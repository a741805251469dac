import ArgumentParser
import CareDomain
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: tr("Figures for supervisors: agent scores, segments, profitability, touchpoints, campaigns."),
        discussion: """
            The same figures as the console's scores screen (S) and profile, from the same code. The \
            period is --from to --to, both days included (UTC); by default the 30 days that end today for \
            agents and the 365 days that end today for the others. Agent changes are against the period of \
            the same length just before. Segments, profitability, touchpoints and campaigns add up the \
            store's figures (figures.bin), not the histories: under a second at 100,000 customers.
            """,
        subcommands: [Agents.self, Segments.self, Profitability.self, Touchpoints.self, CampaignReportCommand.self]
    )

    struct Agents: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                tr("Per-agent scores over the period, with the team line and the change against the previous period."),
            discussion: tr("A supervisor sees every agent; an agent sees their own row and the team line."))
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var period: PeriodOptions
        @Option(help: ArgumentHelp(tr("Sort by: %@.", ScoreFigure.allCases.map(\.rawValue).joined(separator: ", "))))
        var sort: ScoreFigure = .resolved
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            print(
                try Self.report(storeOptions, period: period.period(defaultDays: 30), sort: sort, format: format),
                terminator: "")
        }

        /// The report as printed: also what `care bench` times.
        static func report(_ storeOptions: StoreOptions, period: Period, sort: ScoreFigure, format: Tabular.Format)
            throws -> String
        {
            // Scores need the roster and the incidents only.
            let state = try storeOptions.store().open(only: [.agents, .incidents])
            let author = try storeOptions.member(in: state)
            guard let viewer = state.activeAgent(author) else { throw CLIError.notInRoster(author.agent.rawValue) }
            let board = Scoreboard(incidents: state.incidents, agents: state.agents.sorted, period: period)
            return board.visible(to: viewer).tabular(sortedBy: sort).rendered(
                as: format, width: format == .table ? terminalColumns() : nil)
        }
    }

    struct Segments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                tr("Customers by recency, frequency and value: each segment's size, figures, strategy and incentive."),
            discussion:
                tr(
                    "Frequency and spend are scaled to a year, so a segment means the same over any period. Supervisors only."
                )
        )
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var period: PeriodOptions
        @Flag(help: ArgumentHelp(tr("List every customer with their figures and segment instead."))) var customers =
            false
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            let scan = try historyScan(
                storeOptions, period.period(defaultDays: 365), to: tr("read the segments report"))
            print(
                (customers ? scan.customerSegmentsTable() : scan.segmentsTable()).rendered(
                    as: format, width: format == .table ? terminalColumns() : nil), terminator: "")
        }
    }

    struct Profitability: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                tr(
                    "The least profitable customers first: revenue (purchases × margin) minus moments, compensations and rewards."
                ),
            discussion: tr("Margins come from the program's `margins` (30% when it sets none). Supervisors only."))
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var period: PeriodOptions
        @Option(help: ArgumentHelp(tr("How many customers (0: all)."))) var limit = 20
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            guard limit >= 0 else { throw CLIError.outOfRange(tr("--limit must be 0 (all) or more.")) }
            let scan = try historyScan(
                storeOptions, period.period(defaultDays: 365), to: tr("read the profitability report"))
            printTable(scan.profitabilityTable(limit: limit), format)
        }
    }

    struct Touchpoints: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                tr(
                    "Moments of truth: per touchpoint how often, cost, impact, service levels met, satisfaction, incidents."
                ),
            discussion:
                tr(
                    "Sorted by attention: impact times the moments and incidents that missed their level. Supervisors only."
                )
        )
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var period: PeriodOptions
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            let (state, figures) = try storeOptions.store().openWithFigures()
            _ = try storeOptions.supervisor(in: state, to: tr("read the touchpoints report"))
            let scan = HistoryScan.run(state: state, figures: figures, period: try period.period(defaultDays: 365))
            printTable(scan.touchpointsTable(state: state), format)
        }
    }

    struct CampaignReportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "campaign",
            abstract: tr("A campaign's target measured before, during and after, its objectives, return and notes."),
            discussion:
                tr(
                    "The target is the segment's customers the day before it started. CSV gives the phases; JSON everything. Supervisors only."
                )
        )
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The campaign's id (care campaign list)."))) var id: String
        @Option(
            help: ArgumentHelp(
                tr("Measure up to this day (default: today, UTC); the campaign's own dates set the rest."),
                valueName: "YYYY-MM-DD"))
        var to: Day?
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            let (state, figures) = try storeOptions.store().openWithFigures()
            _ = try storeOptions.supervisor(in: state, to: tr("read a campaign report"))
            guard let campaign = state.campaigns[CampaignID(id)] else { throw CampaignRefusal.unknown(CampaignID(id)) }
            let report = CampaignReport.run(
                campaign, state: state, figures: figures, today: to ?? Day(containing: Date()))
            switch format {
            case .table: print(report.text, terminator: "")
            case .csv: print(report.phasesTable.rendered(as: .csv), terminator: "")
            case .json: print(String(decoding: try CareJSON.encoder().encode(report), as: UTF8.self))
            }
        }
    }
}

/// Every customer's history over `period`, for a supervisor.
private func historyScan(_ options: StoreOptions, _ period: Period, to what: String) throws -> HistoryScan {
    let (state, figures) = try options.store().openWithFigures()
    _ = try options.supervisor(in: state, to: what)
    return HistoryScan.run(state: state, figures: figures, period: period)
}

/// `--from` and `--to`, both days included.
struct PeriodOptions: ParsableArguments {
    @Option(help: ArgumentHelp(tr("First day (default: 30 days, or 365, before --to)."), valueName: "YYYY-MM-DD"))
    var from: Day?
    @Option(help: ArgumentHelp(tr("Last day (default: today, UTC)."), valueName: "YYYY-MM-DD")) var to: Day?

    func period(defaultDays: Int = 30, today: Day = Day(containing: Date())) throws -> Period {
        let last = to ?? today
        guard let period = Period(from: from ?? last.adding(days: -(defaultDays - 1)), to: last) else {
            throw CLIError.outOfRange(
                tr(
                    "--from %@ is after --to %@; the period needs its first day first.", from.map(\.description) ?? "",
                    last))
        }
        return period
    }
}

extension ScoreFigure: ExpressibleByArgument {}
