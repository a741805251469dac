import CareDomain

/// Choosing the coupon a customer uses now; a letter jumps to the next
/// whose reason starts with it.
struct CouponDialog: Dialog, Equatable {
    var customer: CustomerID
    var options: [CouponCode]
    var selected = 0
    /// The coupons' reasons, for type-ahead.
    var reasons: [String] = []

    func title(in state: AppState) -> String { tr("Use a coupon") }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        ChoiceKeys.typeAheadBindings(verb: tr("marks it used")) + [ChoiceKeys.cancel()]
    }

    func body(in state: AppState) -> DialogBody {
        var lines: [DialogBody.Line] = []
        for (index, code) in options.enumerated() {
            guard let coupon = state.store.coupons[code] else { continue }
            let text = tr("%@  %@%% until %@  %@", code, coupon.discountPercent, coupon.validUntil, coupon.reason)
            lines.append(
                .row((index == selected ? "› " : "  ") + text, Style(index == selected ? .selection : .normal)))
        }
        // The chosen one's reason whole, its row being cut to the box.
        if selected < options.count, let coupon = state.store.coupons[options[selected]] {
            lines += [.text("", .normal), .text("\(coupon.id): \(coupon.reason)", Style(.muted))]
        }
        return DialogBody(lines, selected: selected)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        guard let index = ChoiceKeys.chosen(action, &selected, count: options.count) else { return .stay }
        return .leave([.act(.useCoupon(options[index]))])
    }

    mutating func type(_ key: Key) { ChoiceKeys.typeAhead(key, &selected, texts: reasons) }
}
