import ArgumentParser
import CareDomain
import Foundation

struct TalkingPointsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "talking-points",
        abstract:
            tr(
                "Export what to tell each customer: expiring points, tier time left, rewards within reach, suggestions."
            ),
        discussion: """
            The same lines the profile pane shows. An agent asks for one customer at a time (--customer); the list of \
            every customer is for supervisors and holds only customers who consented to marketing. Suggestions appear only \
            for customers who consented to marketing.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        help: ArgumentHelp(
            tr(
                "One customer only (agents must name one; supervisors default to every customer who consented to marketing)."
            )
        ))
    var customer: String?

    @Option(help: ArgumentHelp(tr("The day to compute them for (default: today, UTC)."), valueName: "YYYY-MM-DD"))
    var today: Day?

    @Option(
        help: ArgumentHelp(
            tr(
                "Only these kinds, comma-separated (%@).",
                TalkingPoint.Kind.allCases.map(\.rawValue).joined(separator: ", "))
        ))
    var kinds: String?

    @Option(help: ArgumentHelp(tr("table, csv or json.")))
    var format: Tabular.Format = .table

    func run() throws {
        let store = try storeOptions.store()
        let state = try store.open()
        let author = try storeOptions.member(in: state)
        if customer == nil, state.activeSupervisor(author) == nil {
            throw CLIError.outOfRange(
                tr(
                    "An agent reads talking points one customer at a time: add --customer ID. The list of every customer is for supervisors."
                )
            )
        }
        let day = today ?? Day(containing: Date())
        var wanted: Set<TalkingPoint.Kind>?
        if let kinds {
            let names = kinds.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let parsed = names.compactMap(TalkingPoint.Kind.init(rawValue:))
            guard parsed.count == names.count else {
                throw CLIError.outOfRange(
                    tr(
                        "Unknown kind in \"%@\"; the kinds are %@.", kinds,
                        TalkingPoint.Kind.allCases.map(\.rawValue).joined(separator: ", "))
                )
            }
            wanted = Set(parsed)
        }
        let customers: [Customer]
        if let customer {
            guard let found = state.customers[CustomerID(customer)] else {
                throw LoyaltyRefusal.unknownCustomer(CustomerID(customer))
            }
            customers = [found]
        } else {
            // A bulk list is a marketing list: only those who said yes to it.
            customers = state.customers.sorted.filter { $0.blockedAt == nil && $0.hasConsented(to: .marketing) }
        }
        var table = Tabular(header: ["customer", "name", "kind", tr("talking point"), "due"])
        for customer in customers {
            let points = TalkingPoints.points(
                customer: customer, ledger: try store.ledger(of: customer.id), state: state, today: day)
            for point in points where wanted?.contains(point.kind) ?? true {
                table.rows.append([
                    .text(customer.id.rawValue), .text(customer.name), .text(point.kind.rawValue), .text(point.text),
                    point.due.map { .text($0.description) } ?? .empty,
                ])
            }
        }
        printTable(table, format)
    }
}
