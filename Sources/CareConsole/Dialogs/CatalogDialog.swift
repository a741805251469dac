import CareDomain

/// The touchpoints' service levels, for a supervisor; Enter opens the
/// chosen one's playbooks.
struct CatalogDialog: Dialog, Equatable {
    var selected = 0
    /// The touchpoints' names, for type-ahead.
    var names: [String] = []

    func title(in state: AppState) -> String { tr("Touchpoints: service levels") }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        ChoiceKeys.typeAheadBindings(verb: nil) + [
            Binding([.character("+")], "+/-", .increase, help: tr("more time"), hint: tr("the time committed")),
            Binding([.enter], "Enter", .confirm, help: tr("its playbooks"), hint: tr("its playbooks")),
            Binding([.character("-")], "-", .decrease, help: tr("less time")),
            ChoiceKeys.cancel(tr("closes")),
        ]
    }

    func body(in state: AppState) -> DialogBody {
        // What is owed when the level is missed: a column from 100 columns
        // up; narrower, the line under the list says it for the chosen one.
        let owesColumn = state.size.width >= 100
        let lines = state.catalog.sortedTouchpoints.enumerated().map { index, point -> DialogBody.Line in
            let time = ServiceLevel.duration(minutes: point.serviceLevel.responseMinutes)
            let text =
                "\(fit(point.name, 30)) \(fit(time, 9)) \(fit(point.serviceLevel.promise, 26))"
                + (owesColumn ? tr(" owes %@", point.compensation.description) : "")
            return .row((index == selected ? "› " : "  ") + text, Style(index == selected ? .selection : .normal))
        }
        // The chosen one whole, its row being cut to the box.
        guard selected < state.catalog.sortedTouchpoints.count else { return DialogBody(lines, selected: selected) }
        let point = state.catalog.sortedTouchpoints[selected]
        let whole =
            "\(point.name): \(point.serviceLevel.promise) "
            + "(\(ServiceLevel.duration(minutes: point.serviceLevel.responseMinutes))); "
            + tr("owes %@; ", point.compensation.description)
            + (point.hours.map { tr("open %@", $0.summary) } ?? tr("always open"))
        return DialogBody(lines + [.text("", .normal), .text(whole, Style(.muted))], selected: selected)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        let touchpoints = state.catalog.sortedTouchpoints
        ChoiceKeys.move(&selected, action, count: touchpoints.count)
        guard selected < touchpoints.count else { return .stay }
        let point = touchpoints[selected]
        let minutes = point.serviceLevel.responseMinutes
        // Steps that suit the scale: 15 min under 4 h, an hour under 2 days, then a day.
        let step = minutes < 240 ? 15 : minutes < 2 * 24 * 60 ? 60 : 24 * 60
        switch action {
        case .confirm:
            state.mode.layer = PlaybookListDialog(touchpoint: point.id)
            return .leave
        case .increase: return .stay([.act(.setServiceLevel(point.id, minutes: minutes + step))])
        case .decrease where minutes > step: return .stay([.act(.setServiceLevel(point.id, minutes: minutes - step))])
        default: return .stay
        }
    }

    mutating func type(_ key: Key) { ChoiceKeys.typeAhead(key, &selected, texts: names) }
}
