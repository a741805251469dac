import ArgumentParser
import CareDomain
import Foundation

struct CouponCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coupon",
        abstract: tr("A customer's discount coupons: list them, mark one used."),
        subcommands: [List.self, Use.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List a customer's coupons, valid ones first."))

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The customer's id."))) var customer: String
        @Option(help: ArgumentHelp(tr("table, csv or json."))) var format: Tabular.Format = .table

        func run() throws {
            let state = try storeOptions.store().open()
            _ = try storeOptions.member(in: state)
            let id = CustomerID(customer)
            guard state.customers.contains(id) else { throw LoyaltyRefusal.unknownCustomer(id) }
            let today = Day(containing: Date())
            let coupons = state.coupons(of: id)
            var table = Tabular(header: ["code", "discount", "from", "until", "state", "reason"])
            table.rows = coupons.sorted { ($0.state(on: today), $0.validUntil) < ($1.state(on: today), $1.validUntil) }
                .map { coupon in
                    [
                        .text(coupon.id.rawValue), .text("\(coupon.discountPercent)%"),
                        .text(coupon.validFrom.description),
                        .text(coupon.validUntil.description), .text(coupon.state(on: today).rawValue),
                        .text(coupon.reason),
                    ]
                }
            printTable(table, format)
        }
    }

    struct Use: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Mark a coupon used today (refused when used, expired or not yet valid)."))

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The coupon's code."))) var code: String

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.author(in: store.open())
            _ = try store.transact(by: author) { state in
                try LoyaltyRules.useCoupon(in: state, code: CouponCode(code), by: author, at: Date())
            }
            print(tr("Coupon %@ is used.", code))
        }
    }
}
