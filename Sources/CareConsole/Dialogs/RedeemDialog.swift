import CareDomain

/// Choosing the reward a customer redeems; a letter jumps to the next
/// reward whose name starts with it.
struct RedeemDialog: Dialog, Equatable {
    var customer: CustomerID
    var options: [RewardID]
    var selected = 0
    /// The rewards' names, for type-ahead.
    var names: [String] = []

    func title(in state: AppState) -> String {
        let found = state.store.customers[customer]
        return tr("Redeem for %@: %@ points", found?.name ?? customer.rawValue, found?.loyalty.points ?? 0)
    }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        ChoiceKeys.typeAheadBindings(verb: tr("redeems")) + [ChoiceKeys.cancel()]
    }

    func body(in state: AppState) -> DialogBody {
        let found = state.store.customers[customer]
        let balance = found?.loyalty.points ?? 0
        let standing = found?.loyalty.tierStanding ?? LoyaltyStanding().tierStanding
        var lines: [DialogBody.Line] = []
        for (index, id) in options.enumerated() {
            guard let reward = state.catalog.rewards[id] else { continue }
            let free =
                state.customer?.id == customer
                && state.catalog.program.map {
                    LoyaltyRules.isFree(reward, for: standing, program: $0, ledger: state.ledger)
                } == true
            let price =
                free
                ? tr("free with the tier")
                : tr("%@ pts", reward.points) + (reward.money == .zero ? "" : " + \(reward.money)")
            let reach = free || reward.points <= balance ? "" : tr("  needs %@ more", reward.points - balance)
            let style = index == selected ? Style(.selection) : Style(reach.isEmpty ? .normal : .muted)
            lines.append(.row((index == selected ? "› " : "  ") + fit(reward.name, 24) + " " + price + reach, style))
        }
        return DialogBody(lines, selected: selected)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        guard let index = ChoiceKeys.chosen(action, &selected, count: options.count) else { return .stay }
        return .leave([.act(.redeem(customer, options[index]))])
    }

    mutating func type(_ key: Key) { ChoiceKeys.typeAhead(key, &selected, texts: names) }
}
