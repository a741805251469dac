import CareDomain

/// A dialog's fields, one of them active: typed ones (a `TextField`) and
/// chosen ones (←/→ go through the choices, a letter jumps to the next
/// that starts with it). Tab and ↓ go to the next
/// field, S-Tab and ↑ to the one before; the dialog binds Enter to save.
struct Form: Sendable, Equatable {
    enum Value: Sendable, Equatable {
        case text(TextField)
        case choice([String], Int)
    }

    struct Field: Sendable, Equatable {
        var label: String
        var value: Value
    }

    var fields: [Field]
    var active = 0

    init(_ fields: [Field]) { self.fields = fields }

    static func text(_ label: String, _ text: String = "") -> Field {
        Field(label: label, value: .text(TextField(text)))
    }
    static func choice(_ label: String, _ choices: [String], _ selected: Int = 0) -> Field {
        Field(label: label, value: .choice(choices, max(0, min(selected, choices.count - 1))))
    }

    /// The typed text of the field labelled `label` ("" for a choice).
    func text(_ label: String) -> String {
        guard case .text(let field)? = fields.first(where: { $0.label == label })?.value else { return "" }
        return field.text
    }

    /// The index chosen in the field labelled `label` (0 for a typed one).
    func choice(_ label: String) -> Int {
        guard case .choice(_, let index)? = fields.first(where: { $0.label == label })?.value else { return 0 }
        return index
    }

    /// The value chosen in the field labelled `label`, from the values its
    /// choices stand for (in the same order); nil when there is none.
    func chosen<T>(_ label: String, from values: [T]) -> T? {
        let index = choice(label)
        return values.indices.contains(index) ? values[index] : nil
    }

    /// A choice of "not asked / yes / no" (or "not known / yes / no"), as an answer.
    func answer(_ label: String) -> Bool? { chosen(label, from: [nil, true, false]) ?? nil }

    /// Makes the field labelled `label` the active one (where a refusal points).
    mutating func focus(_ label: String) {
        if let index = fields.firstIndex(where: { $0.label == label }) { active = index }
    }

    mutating func next() { active = (active + 1) % max(1, fields.count) }
    mutating func previous() { active = (active + max(1, fields.count) - 1) % max(1, fields.count) }

    /// A key for the active field: typing, or ←/→ through a choice.
    mutating func type(_ key: Key) {
        guard fields.indices.contains(active) else { return }
        switch fields[active].value {
        case .text(var field):
            field.handle(key)
            fields[active].value = .text(field)
        case .choice(let choices, let index):
            switch key {
            case .right, .character(" "): fields[active].value = .choice(choices, (index + 1) % max(1, choices.count))
            case .left: fields[active].value = .choice(choices, (index + choices.count - 1) % max(1, choices.count))
            case .character:
                // A letter goes to the next choice that starts with it (accents aside).
                var next = index
                ChoiceKeys.typeAhead(key, &next, texts: choices)
                fields[active].value = .choice(choices, next)
            default: break
            }
        }
    }

    /// One line per field, labels aligned; the active one highlighted.
    var lines: [DialogBody.Line] {
        let width = fields.map { DisplayWidth.of($0.label) }.max() ?? 0
        return fields.enumerated().map { index, field in
            let isActive = index == active
            let label = field.label + String(repeating: " ", count: width - DisplayWidth.of(field.label)) + "  "
            switch field.value {
            case .text(let text): return .field(label, text, isActive ? Style(.selection) : .normal, active: isActive)
            case .choice(let choices, let chosen):
                let value = choices.indices.contains(chosen) ? choices[chosen] : ""
                return .row(label + (isActive ? "‹ \(value) ›" : "  \(value)"), isActive ? Style(.selection) : .normal)
            }
        }
    }

    /// The bindings every form has: next and previous field, save, cancel.
    static func bindings(save: String) -> [Binding<DialogAction>] {
        [
            Binding([.tab, .down], "Tab", .nextField, help: tr("next field"), hint: tr("next")),
            Binding([.backTab, .up], "S-Tab", .up, help: tr("previous field")),
            Binding([], tr("←/→ or a letter"), .note, help: tr("change a choice"), hint: tr("choice")),
            Binding([.enter], "Enter", .confirm, help: save, hint: save),
            ChoiceKeys.cancel(),
        ]
    }

    /// What the form bindings do; nil for Enter, which the dialog handles.
    mutating func act(_ action: DialogAction) -> LayerOutcome? {
        switch action {
        case .nextField: next()
        case .up: previous()
        case .confirm: return nil
        default: break
        }
        return .stay
    }
}
