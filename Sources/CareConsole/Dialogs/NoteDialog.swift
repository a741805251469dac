import CareDomain

/// Typing a note for an incident.
struct NoteDialog: Dialog, Equatable {
    var incident: IncidentID
    var field = TextField()

    init(incident: IncidentID, text: String = "") {
        self.incident = incident
        field = TextField(text)
    }

    func title(in state: AppState) -> String { "Note on \(incident)" }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        [Binding([.enter], "Enter", .confirm, help: "save the note", hint: "saves"), ChoiceKeys.cancel()]
    }

    func body(in state: AppState) -> DialogBody { DialogBody([.field("› ", field, Style(.key), active: true)]) }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        .leave([.act(.note(incident, field.text))])
    }

    mutating func type(_ key: Key) { field.handle(key) }
}
