import CareDomain

/// The profile as form fields, for registering and correcting: every
/// field of `CustomerField` typed or chosen, then the three consents.
enum ProfileForm {
    static let none = "—"
    static var consentAnswers: [String] { [tr("not asked"), tr("yes"), "no"] }

    static func label(_ purpose: ConsentPurpose) -> String { tr("consent: %@", purpose.rawValue) }

    /// The choices of a field chosen from a list ("—" first, for none); nil for a typed one.
    static func choices(for field: CustomerField) -> [String]? {
        switch field {
        case .preferredChannel: [none] + Channel.allCases.map(\.rawValue)
        case .maritalStatus: [none] + MaritalStatus.allCases.map(\.rawValue)
        default: nil
        }
    }

    /// The fields, filled from `customer` when correcting one.
    static func fields(for customer: Customer?) -> [Form.Field] {
        var fields = CustomerField.allCases.map { field -> Form.Field in
            let value = customer.map(field.text(of:)) ?? ""
            guard let choices = choices(for: field) else { return Form.text(field.shown, value) }
            return Form.choice(field.shown, choices, choices.firstIndex(of: value) ?? 0)
        }
        for purpose in ConsentPurpose.allCases {
            let answer = customer?.consent(to: purpose).map { $0.granted ? 1 : 2 } ?? 0
            fields.append(Form.choice(label(purpose), consentAnswers, answer))
        }
        return fields
    }

    /// What the form says, as a draft: every field that differs from
    /// `original` (all that are filled in, for a new customer), and each
    /// consent answered.
    static func draft(from form: Form, original: Customer?) -> CustomerDraft {
        var draft = CustomerDraft()
        for field in CustomerField.allCases {
            let typed =
                choices(for: field).map { choices in
                    // "—" is no value.
                    form.chosen(field.shown, from: choices).flatMap { $0 == none ? nil : $0 } ?? ""
                } ?? form.text(field.shown)
            let before = original.map(field.text(of:)) ?? ""
            if typed.trimmingCharacters(in: .whitespaces) != before { draft.fields[field] = typed }
        }
        for purpose in ConsentPurpose.allCases {
            if let answer = form.answer(label(purpose)) { draft.consents[purpose] = answer }
        }
        return draft
    }

    /// The first field the draft cannot be saved with, and why; nil when
    /// it can (checked here so that the dialog stays open, as typed).
    static func problem(in draft: CustomerDraft, today: Day) -> (label: String, sentence: String)? {
        var scratch = Customer(id: "new", name: "new", customerSince: today, lifecycle: .prospect)
        for field in CustomerField.allCases {
            guard let text = draft.fields[field] else { continue }
            do {
                try field.write(text, into: &scratch, today: today)
            } catch {
                return (field.shown, error.description)
            }
        }
        return nil
    }
}
