import CareDomain

/// The touchpoints' service levels, for a supervisor.
struct CatalogDialog: Dialog, Equatable {
    var selected = 0

    func title(in state: AppState) -> String { "Touchpoints: service levels" }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        ChoiceKeys.bindings(verb: nil, hinted: false) + [
            Binding([.character("+")], "+/-", .increase, help: "more time", hint: "the time committed"),
            Binding([.character("-")], "-", .decrease, help: "less time"),
            ChoiceKeys.cancel("closes"),
        ]
    }

    func body(in state: AppState) -> DialogBody {
        let lines = state.catalog.sortedTouchpoints.enumerated().map { index, point -> DialogBody.Line in
            let time = ServiceLevel.duration(minutes: point.serviceLevel.responseMinutes)
            let text =
                "\(fit(point.name, 30)) \(fit(time, 9)) \(fit(point.serviceLevel.promise, 26)) "
                + "owes \(point.compensation.description)"
            return .text((index == selected ? "› " : "  ") + text, Style(index == selected ? .selection : .normal))
        }
        return DialogBody(lines, selected: selected)
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
        case .increase: return .stay([.act(.setServiceLevel(point.id, minutes: minutes + step))])
        case .decrease where minutes > step: return .stay([.act(.setServiceLevel(point.id, minutes: minutes - step))])
        default: return .stay
        }
    }
}
