import ArgumentParser
import CareDomain
import Foundation

struct PointsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "points",
        abstract: tr("A customer's points: history, purchases, rewards, adjustments."),
        subcommands: [History.self, Purchase.self, Return.self, Redeem.self, Adjust.self, Rewards.self]
    )

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Print a customer's balance, tier and every ledger entry."))

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The customer's id."))) var customer: String
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            let store = try storeOptions.store()
            let state = try store.open()
            _ = try storeOptions.member(in: state)
            guard let found = state.customers[CustomerID(customer)] else {
                throw LoyaltyRefusal.unknownCustomer(CustomerID(customer))
            }
            let ledger = try store.ledger(of: found.id)
            var table = Tabular(header: ["at", "kind", "points", "balance", "reason", "by"])
            table.rows = ledger.map { entry in
                [
                    .text(Timestamp.format(entry.at)), .text(entry.kind.rawValue), .number(entry.points),
                    .number(entry.balanceAfter),
                    .text(entry.reason), entry.by.map { .text($0.rawValue) } ?? .empty,
                ]
            }
            if format == .table {
                let tier = state.program?.tier(found.loyalty.tier)
                print(
                    "\(found.name) (\(found.id)): \(found.loyalty.points) points\(tier.map { ", \($0.name) until \(found.loyalty.tierUntil?.description ?? "?")" } ?? "")"
                )
            }
            printTable(table, format)
        }
    }

    struct Purchase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Record a purchase: a moment in the timeline and the points it earns."))

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The customer's id."))) var customer: String
        @Argument(help: ArgumentHelp(tr("The amount in euros (45.90 or 45,90)."))) var amount: String
        @Option(help: ArgumentHelp(tr("Where it was bought (a touchpoint id, e.g. store-purchase)."))) var touchpoint:
            String
        @Option(help: ArgumentHelp(tr("The product family (some earn more)."))) var family: String?
        @Option(help: ArgumentHelp(tr("How it was bought."))) var channel: Channel = .counter

        func run() throws {
            guard let cents = Cents(parsing: amount) else { throw CLIError.badAmount(amount) }
            try record(storeOptions, customer: customer) { state, ledger, author in
                try LoyaltyRules.purchase(
                    in: state, ledger: ledger, customer: CustomerID(customer), amount: cents, productFamily: family,
                    touchpoint: TouchpointID(touchpoint), channel: channel, by: author, at: Date())
            }
        }
    }

    struct Redeem: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Redeem a reward for a customer (see `care points rewards`)."))

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The customer's id."))) var customer: String
        @Argument(help: ArgumentHelp(tr("The reward's id."))) var reward: String

        func run() throws {
            try record(storeOptions, customer: customer) { state, ledger, author in
                try LoyaltyRules.redeem(
                    in: state, ledger: ledger, customer: CustomerID(customer), reward: RewardID(reward), by: author,
                    at: Date())
            }
        }
    }

    struct Adjust: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Correct a customer's points, up or down, with a reason (supervisors)."))

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The customer's id."))) var customer: String
        @Option(help: ArgumentHelp(tr("Points to add, or to take when negative (--points=-20)."))) var points: Int
        @Option(help: ArgumentHelp(tr("Why, for the audit trail."))) var reason: String

        func run() throws {
            try record(storeOptions, customer: customer) { state, ledger, author in
                try LoyaltyRules.adjust(
                    in: state, ledger: ledger, customer: CustomerID(customer), points: points, reason: reason,
                    by: author, at: Date())
            }
        }
    }

    struct Rewards: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("List the rewards catalog and which tiers get each free."))

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            let state = try storeOptions.store().open()
            _ = try storeOptions.member(in: state)
            let tiers = state.program?.tiers ?? []
            var table = Tabular(header: ["id", "name", "points", "money", tr("free for"), "offered"])
            table.rows = state.rewards.sorted.map { reward in
                let free = tiers.filter { $0.freeRewards?.contains(reward.id) == true }.map(\.name).joined(
                    separator: " ")
                return [
                    .text(reward.id.rawValue), .text(reward.name), .number(reward.points),
                    .text(reward.money == .zero ? "" : reward.money.description),
                    .text(free), .text(reward.active ? "yes" : "no"),
                ]
            }
            printTable(table, format)
        }
    }
}

/// Runs a points step for `customer` under the writer lock, on their ledger
/// as it is then, and prints what the journal records for it.
private func record(
    _ options: StoreOptions, customer: String, _ step: (StoreState, [LedgerEntry], Author) throws -> Transaction
) throws {
    let store = try options.store()
    let author = try options.author(in: store.open())
    let id = CustomerID(customer)
    var summary = ""
    let after = try store.transact(by: author) { state, history in
        let transaction = try step(state, try history.ledger(of: id), author)
        summary = transaction.summary
        return transaction
    }
    print(tr("Done: %@. Balance now %@ points.", summary, after.customers[id]?.loyalty.points ?? 0))
}

extension Tabular.Format: ExpressibleByArgument {}
