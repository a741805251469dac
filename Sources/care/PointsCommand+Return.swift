import ArgumentParser
import CareDomain
import Foundation

extension PointsCommand {
    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "return",
            abstract: tr("Return a purchase in full or in part: the points it earned are taken back."),
            discussion: """
                The purchase is a moment id (`care moment list CUSTOMER`). Without an amount the rest of the \
                purchase is returned. Points already spent are not taken below zero: the balance goes to 0 and \
                the rest is written off, and the message says how many.
                """)

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The customer's id."))) var customer: String
        @Argument(help: ArgumentHelp(tr("The purchase's moment id."))) var purchase: String
        @Argument(help: ArgumentHelp(tr("The amount returned (45,90); the whole rest of the purchase when left out.")))
        var amount: String?

        func run() throws {
            let cents = try amount.map { text throws -> Cents in
                guard let cents = Cents(parsing: text) else { throw CLIError.badAmount(text) }
                return cents
            }
            let store = try storeOptions.store()
            let author = try storeOptions.member(in: store.open())
            let id = CustomerID(customer)
            var done: LoyaltyRules.Return?
            _ = try store.transact(by: author) { state, history in
                let result = try LoyaltyRules.returnPurchase(
                    in: state, moments: try history.moments(of: id), ledger: try history.ledger(of: id), customer: id,
                    purchase: MomentID(purchase), amount: cents, by: author, at: Date())
                done = result
                return result.transaction
            }
            guard let done else { return }
            print(tr("Done: %@. Balance now %@ points.", done.transaction.summary, done.balance))
            if done.pointsShort > 0 {
                print(
                    tr(
                        "%@ of the %@ points it earned were already spent; they are written off and the balance stays at 0.",
                        done.pointsShort, done.pointsDue)
                )
            }
        }
    }
}
