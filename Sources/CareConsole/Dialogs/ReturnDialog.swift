import CareDomain

/// A purchase given back: which one (those not yet returned in full,
/// newest first) and how much (empty: all that is left of it).
struct ReturnDialog: Dialog, Equatable {
    struct Returnable: Sendable, Equatable {
        var purchase: Moment
        var left: Cents
    }

    var customer: CustomerID
    var purchases: [Returnable]
    var form: Form

    static var which: String { tr("purchase") }
    static var amount: String { tr("amount") }

    /// The customer's purchases with something left to give back, newest first.
    static func returnable(in timeline: [Moment]) -> [Returnable] {
        timeline.filter(\.isPurchase).reversed().compactMap { purchase in
            let given = timeline.filter { $0.returnOf == purchase.id }.reduce(Cents.zero) { $0 - ($1.amount ?? .zero) }
            let left = (purchase.amount ?? .zero) - given
            return left > .zero ? Returnable(purchase: purchase, left: left) : nil
        }
    }

    init(customer: CustomerID, purchases: [Returnable], in state: AppState) {
        self.customer = customer
        self.purchases = purchases
        let names = purchases.map { item in
            let place = state.catalog.touchpoints[item.purchase.touchpoint]?.name ?? item.purchase.touchpoint.rawValue
            let paid = item.purchase.amount ?? .zero
            return "\(Day(containing: item.purchase.at)) \(paid) \(place)"
                + (item.left == paid ? "" : tr(" (%@ left)", item.left))
        }
        form = Form([Form.choice(Self.which, names), Form.text(Self.amount)])
    }

    func title(in state: AppState) -> String {
        tr("Return for %@", state.store.customers.summary(of: customer)?.name ?? customer.rawValue)
    }

    func bindings(in state: AppState) -> [Binding<DialogAction>] { Form.bindings(save: tr("returns it")) }

    var chosen: Returnable? { form.chosen(Self.which, from: purchases) }

    func body(in state: AppState) -> DialogBody {
        let left = chosen.map { tr("Empty amount: all of it, %@. The points it earned are taken back.", $0.left) } ?? ""
        return DialogBody(form.lines + [.text(left, Style(.key))], selected: form.active)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        if let outcome = form.act(action) { return outcome }
        guard let chosen else { return .stay }
        let typed = form.text(Self.amount).trimmingCharacters(in: .whitespaces)
        var amount: Cents?
        if !typed.isEmpty {
            guard let parsed = Cents(parsing: typed), parsed > .zero else {
                state.message = tr("The amount cannot be read: type it as 45,90, 45.90 or 1.234,50.")
                form.focus(Self.amount)
                return .stay
            }
            guard parsed <= chosen.left else {
                state.message = LoyaltyRefusal.returnTooLarge(parsed, left: chosen.left).description
                form.focus(Self.amount)
                return .stay
            }
            amount = parsed
        }
        return .leave([.act(.returnPurchase(customer, chosen.purchase.id, amount: amount))])
    }

    mutating func type(_ key: Key) { form.type(key) }
}
