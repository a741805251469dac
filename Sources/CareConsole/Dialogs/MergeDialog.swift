import CareDomain

/// A supervisor merges a duplicate into the customer on screen: the
/// customers who share their phone, email, or name and birth date.
struct MergeDialog: Dialog, Equatable {
    var keep: CustomerID
    var duplicates: [CustomerRules.PossibleDuplicate]
    var selected = 0

    func title(in state: AppState) -> String {
        tr("Merge into %@ (%@)", state.store.customers.summary(of: keep)?.name ?? keep.rawValue, keep)
    }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        ChoiceKeys.bindings(verb: tr("merges it")) + [ChoiceKeys.cancel()]
    }

    func body(in state: AppState) -> DialogBody {
        let intro = DialogBody.Line.text(
            tr(
                "The one chosen moves here whole (timeline, points, incidents, coupons, consents) and is left as a pointer."
            ),
            Style(.muted))
        let rows = duplicates.map(\.row)
        return DialogBody([intro] + DialogBody.choices(rows, selected: selected, rows: true), selected: selected + 1)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        guard let index = ChoiceKeys.chosen(action, &selected, count: duplicates.count) else { return .stay }
        return .leave([.act(.merge(keep: keep, other: duplicates[index].customer.id))])
    }
}

extension CustomerRules.PossibleDuplicate {
    /// The row a dialog lists it as: why first, so a narrow screen keeps it.
    var row: String {
        let who = customer
        return
            ([who.id.rawValue, "(" + reasons.joined(separator: ", ") + ")", who.name, who.phone ?? "", who.email ?? ""])
            .filter { !$0.isEmpty }.joined(separator: "  ")
    }
}
