import CareDomain

/// How a contact went, asked afterwards about one moment of the timeline.
struct SurveyDialog: Dialog, Equatable {
    var customer: CustomerID
    var moment: Moment
    var form = Form(SurveyForm.fields(asking: true))

    func title(in state: AppState) -> String {
        let place = state.catalog.touchpoints[moment.touchpoint]?.name ?? moment.touchpoint.rawValue
        return tr("How did it go? %@, %@", place, Day(containing: moment.at))
    }

    func bindings(in state: AppState) -> [Binding<DialogAction>] { Form.bindings(save: tr("records it")) }

    func body(in state: AppState) -> DialogBody {
        let note = DialogBody.Line.text(
            tr("Ask the customer and type their answer in front of them; the scores count theirs."), Style(.muted))
        return DialogBody([note] + form.lines, selected: form.active + 1)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        if let outcome = form.act(action) { return outcome }
        guard let answer = SurveyForm.answer(in: form, asking: true) else { return .stay }
        return .leave([.act(.survey(customer, moment.id, answer))])
    }

    mutating func type(_ key: Key) { form.type(key) }
}
