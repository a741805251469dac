import CareDomain

/// The loyalty program's numbers, for a supervisor, a step at a time.
struct ProgramDialog: Dialog, Equatable {
    var selected = 0

    func title(in state: AppState) -> String {
        tr("Loyalty program") + (state.catalog.program.map { tr(": %@, version %@", $0.name, $0.version) } ?? "")
    }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        ChoiceKeys.bindings(verb: nil, hinted: false) + [
            Binding([.character("+")], "+/-", .increase, help: tr("a step up"), hint: tr("changes it (checked whole)")),
            Binding([.character("-")], "-", .decrease, help: tr("a step down")),
            Binding(
                [], tr("rules, rewards:"), .note, help: tr("the rest of the program"), hint: tr("care program set")),
            ChoiceKeys.cancel(tr("closes")),
        ]
    }

    func body(in state: AppState) -> DialogBody {
        guard let program = state.catalog.program else { return DialogBody() }
        let lines = ProgramSetting.all(of: program).enumerated().map { index, setting -> DialogBody.Line in
            let text = fit(setting.label(in: program), 44) + " " + String(setting.value(in: program))
            return .row((index == selected ? "› " : "  ") + text, Style(index == selected ? .selection : .normal))
        }
        return DialogBody(lines, selected: selected)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        guard let program = state.catalog.program else { return .stay }
        let settings = ProgramSetting.all(of: program)
        ChoiceKeys.move(&selected, action, count: settings.count)
        guard selected < settings.count else { return .stay }
        switch action {
        case .increase: return .stay([.act(.changeProgram(settings[selected], steps: 1))])
        case .decrease: return .stay([.act(.changeProgram(settings[selected], steps: -1))])
        default: return .stay
        }
    }
}
