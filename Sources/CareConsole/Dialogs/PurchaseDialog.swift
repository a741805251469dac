import CareDomain

/// A purchase at the counter: the amount as it is typed (45,90 or
/// 1.234,50), the product family, where (purchase touchpoints only) and
/// how; the points it earns are shown before it is saved.
struct PurchaseDialog: Dialog, Equatable {
    var customer: CustomerID
    var touchpoints: [TouchpointID]
    var form: Form

    static var amount: String { tr("amount") }
    static var family: String { tr("product family") }
    static var place: String { tr("where") }
    static var channel: String { tr("channel") }

    /// `usual`: where the customer bought last, chosen to start with (else
    /// the counter's own touchpoint, where the agent is).
    init(customer: CustomerID, touchpoints: [Touchpoint], usual: TouchpointID?) {
        self.customer = customer
        self.touchpoints = touchpoints.map(\.id)
        let start =
            touchpoints.firstIndex { $0.id == usual } ?? touchpoints.firstIndex { $0.ownerArea == "Counter" } ?? 0
        form = Form([
            Form.text(Self.amount), Form.text(Self.family), Form.choice(Self.place, touchpoints.map(\.name), start),
            Form.choice(Self.channel, Channel.allCases.map(\.shown)),
        ])
    }

    func title(in state: AppState) -> String {
        tr("Purchase for %@", state.store.customers.summary(of: customer)?.name ?? customer.rawValue)
    }

    func bindings(in state: AppState) -> [Binding<DialogAction>] { Form.bindings(save: tr("records it")) }

    var amount: Cents? { Cents(parsing: form.text(Self.amount)) }
    var family: String? {
        let text = form.text(Self.family).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }
    var touchpoint: TouchpointID? { form.chosen(Self.place, from: touchpoints) }

    func body(in state: AppState) -> DialogBody {
        let balance = state.store.customers[customer]?.loyalty.points ?? 0
        var preview = tr("%@ points now.", balance)
        if let amount, amount > .zero, let program = state.catalog.program {
            let tier = program.tier(state.store.customers[customer]?.loyalty.tier)
            let points = program.points(for: amount, tier: tier, touchpoint: touchpoint, productFamily: family)
            preview = tr("Earns %@ points: %@ after it.", points, balance + points)
        } else if !form.text(Self.amount).isEmpty {
            preview = tr("Type the amount as 45,90, 45.90 or 1.234,50.")
        }
        return DialogBody(form.lines + [.text(preview, Style(.key))], selected: form.active)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        if let outcome = form.act(action) { return outcome }
        guard let amount, amount > .zero else {
            state.message = tr("The amount cannot be read: type it as 45,90, 45.90 or 1.234,50.")
            form.focus(Self.amount)
            return .stay
        }
        guard let touchpoint else {
            state.message = tr("The catalog has no touchpoint to record a purchase at.")
            return .stay
        }
        let channel = form.chosen(Self.channel, from: Channel.allCases) ?? .counter
        return .leave([
            .act(.purchase(customer, amount: amount, family: family, touchpoint: touchpoint, channel: channel))
        ])
    }

    mutating func type(_ key: Key) { form.type(key) }
}
