import CareDomain

/// Typing a note for an incident; Tab puts the next of the area's canned
/// notes in the field, to edit before saving.
struct NoteDialog: Dialog, Equatable {
    var incident: IncidentID
    var field = TextField()
    /// The canned notes of the agent's area (see `LoyaltyProgram.cannedNotes`).
    var canned: [String] = []
    var cannedIndex: Int?

    init(incident: IncidentID, text: String = "", canned: [String] = []) {
        self.incident = incident
        field = TextField(text)
        self.canned = canned
    }

    func title(in state: AppState) -> String { tr("Note on %@", incident) }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        var bindings = [
            Binding<DialogAction>([.enter], "Enter", .confirm, help: tr("save the note"), hint: tr("saves"))
        ]
        if !canned.isEmpty {
            bindings.append(Binding([.tab], "Tab", .nextField, help: tr("a canned note"), hint: tr("a canned note")))
        }
        return bindings + [ChoiceKeys.cancel()]
    }

    func body(in state: AppState) -> DialogBody {
        var lines: [DialogBody.Line] = [.field("› ", field, Style(.key), active: true)]
        if let cannedIndex {
            lines.append(
                .text(tr("Canned note %@ of %@: edit it, then Enter.", cannedIndex + 1, canned.count), Style(.muted)))
        }
        return DialogBody(lines)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        if action == .nextField, !canned.isEmpty {
            let next = cannedIndex.map { ($0 + 1) % canned.count } ?? 0
            cannedIndex = next
            field = TextField(canned[next])
            return .stay
        }
        return .leave([.act(.note(incident, field.text))])
    }

    mutating func type(_ key: Key) { field.handle(key) }
}

/// Reopening a resolved incident: why the customer came back, required.
struct ReopenDialog: Dialog, Equatable {
    var incident: IncidentID
    var field = TextField()

    func title(in state: AppState) -> String { tr("Reopen %@", incident) }

    func bindings(in state: AppState) -> [Binding<DialogAction>] {
        [Binding([.enter], "Enter", .confirm, help: tr("reopen it"), hint: tr("reopens it")), ChoiceKeys.cancel()]
    }

    func body(in state: AppState) -> DialogBody {
        DialogBody(
            [
                .text(tr("Why did the customer come back? It stays in the incident's history."), .normal),
                .field("› ", field, Style(.key), active: true),
            ], selected: 1)
    }

    mutating func act(_ action: DialogAction, key: Key, in state: inout AppState) -> LayerOutcome {
        guard !field.text.trimmingCharacters(in: .whitespaces).isEmpty else {
            state.message = tr("Say why it is reopened: it stays in the incident's history.")
            return .stay
        }
        return .leave([.act(.reopen(incident, reason: field.text))])
    }

    mutating func type(_ key: Key) { field.handle(key) }
}
