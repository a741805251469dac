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

/// Reopening a resolved incident: why the customer came back, required.
struct ReopenDialog: Dialog, Equatable {
    var incident: IncidentID
    var field = TextField()

    func title(in state: AppState) -> String { "Reopen \(incident)" }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        [Binding([.enter], "Enter", .confirm, help: "reopen it", hint: "reopens it"), ChoiceKeys.cancel()]
    }

    func body(in state: AppState) -> DialogBody {
        DialogBody(
            [
                .text("Why did the customer come back? It stays in the incident's history.", .normal),
                .field("› ", field, Style(.key), active: true),
            ], selected: 1)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        guard !field.text.trimmingCharacters(in: .whitespaces).isEmpty else {
            state.message = "Say why it is reopened: it stays in the incident's history."
            return .stay
        }
        return .leave([.act(.reopen(incident, reason: field.text))])
    }

    mutating func type(_ key: Key) { field.handle(key) }
}
