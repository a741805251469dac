import Foundation

/// A profile field an agent can type: what `care customer add` and `edit`
/// take as options and the console's register and correct dialogs show,
/// each read from text as people type it (Spanish or English words, a day
/// as 1980-12-31 or 31/12/1980, lists split on commas).
public enum CustomerField: String, CaseIterable, Sendable {
    case name, phone, email, preferredChannel, birthDate, occupation, maritalStatus
    case tastes, interests, hobbies, usualProducts, socialHandles

    /// The field's English name, as the audit trail records it (`care audit`
    /// prints it); `shown` is the name in the language in force.
    public var label: String {
        switch self {
        case .name: "name"
        case .phone: "phone"
        case .email: "email"
        case .preferredChannel: "preferred channel"
        case .birthDate: "birth date"
        case .occupation: "occupation"
        case .maritalStatus: "marital status"
        case .tastes: "tastes"
        case .interests: "interests"
        case .hobbies: "hobbies"
        case .usualProducts: "usual products"
        case .socialHandles: "social"
        }
    }

    /// The label in the language in force, for forms and refusals; `label`
    /// stays English for the audit trail, so the journal reads in one language.
    public var shown: String {
        switch self {
        case .name: tr("field|name")
        case .phone: tr("field|phone")
        case .email: tr("field|email")
        case .preferredChannel: tr("field|preferred channel")
        case .birthDate: tr("field|birth date")
        case .occupation: tr("field|occupation")
        case .maritalStatus: tr("field|marital status")
        case .tastes: tr("field|tastes")
        case .interests: tr("field|interests")
        case .hobbies: tr("field|hobbies")
        case .usualProducts: tr("field|usual products")
        case .socialHandles: tr("field|social")
        }
    }

    /// How the value is typed, for help lines and dialogs.
    public var hint: String {
        switch self {
        case .name: tr("full name")
        case .phone: "624 612 113, +34 …"
        case .email: "name@example.com"
        case .preferredChannel: Channel.allCases.map(\.rawValue).joined(separator: ", ")
        case .birthDate: "1980-12-31 or 31/12/1980"
        case .occupation: tr("hint|text")
        case .maritalStatus: MaritalStatus.allCases.map(\.rawValue).joined(separator: ", ")
        case .tastes, .interests, .hobbies, .usualProducts: tr("comma-separated")
        case .socialHandles: tr("network handle, … (instagram @ana)")
        }
    }

    /// The field's value on `customer` as it is typed back ("" when unknown).
    public func text(of customer: Customer) -> String {
        switch self {
        case .name: customer.name
        case .phone: customer.phone ?? ""
        case .email: customer.email ?? ""
        case .preferredChannel: customer.preferredChannel?.rawValue ?? ""
        case .birthDate: customer.birthDate?.description ?? ""
        case .occupation: customer.occupation ?? ""
        case .maritalStatus: customer.maritalStatus?.rawValue ?? ""
        case .tastes: customer.tastes?.joined(separator: ", ") ?? ""
        case .interests: customer.interests?.joined(separator: ", ") ?? ""
        case .hobbies: customer.hobbies?.joined(separator: ", ") ?? ""
        case .usualProducts: customer.usualProducts?.joined(separator: ", ") ?? ""
        case .socialHandles: customer.socialHandles?.map { "\($0.network) \($0.handle)" }.joined(separator: ", ") ?? ""
        }
    }

    /// Writes `text` into the field; empty text clears it (a name cannot
    /// be cleared). Throws the sentence that names the field.
    public func write(_ text: String, into customer: inout Customer, today: Day) throws(CustomerRefusal) {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = SafeText.importProblem(value) { throw .badValue(self, problem) }
        guard !value.isEmpty else {
            guard self != .name else { throw .noName }
            clear(&customer)
            return
        }
        switch self {
        case .name: customer.name = value
        case .phone:
            guard ImportValues.isPhone(value) else { throw .badValue(self, tr("\"%@\" is not a phone number", value)) }
            customer.phone = value
        case .email:
            guard ImportValues.isEmail(value) else {
                throw .badValue(self, tr("\"%@\" is not an email address", value))
            }
            customer.email = value
        case .preferredChannel:
            guard let channel = ImportValues.channel(value) else { throw .badValue(self, tr("use one of %@", hint)) }
            customer.preferredChannel = channel
        case .birthDate:
            guard let day = ImportValues.day(value) else { throw .badValue(self, tr("\"%@\" is not a date", value)) }
            guard day <= today else { throw .badValue(self, tr("%@ is in the future", day)) }
            customer.birthDate = day
        case .occupation: customer.occupation = value
        case .maritalStatus:
            guard let status = ImportValues.maritalStatus(value) else {
                throw .badValue(self, tr("use one of %@", hint))
            }
            customer.maritalStatus = status
        case .tastes: customer.tastes = ImportValues.list(value)
        case .interests: customer.interests = ImportValues.list(value)
        case .hobbies: customer.hobbies = ImportValues.list(value)
        case .usualProducts: customer.usualProducts = ImportValues.list(value)
        case .socialHandles:
            var handles: [SocialHandle] = []
            for item in ImportValues.list(value) {
                let parts = item.split(whereSeparator: { $0 == " " || $0 == ":" }).map(String.init)
                guard parts.count == 2 else {
                    throw .badValue(self, tr("write each as a network and a handle: %@", hint))
                }
                handles.append(SocialHandle(network: parts[0], handle: parts[1]))
            }
            customer.socialHandles = handles
        }
    }

    private func clear(_ customer: inout Customer) {
        switch self {
        case .name: break
        case .phone: customer.phone = nil
        case .email: customer.email = nil
        case .preferredChannel: customer.preferredChannel = nil
        case .birthDate: customer.birthDate = nil
        case .occupation: customer.occupation = nil
        case .maritalStatus: customer.maritalStatus = nil
        case .tastes: customer.tastes = nil
        case .interests: customer.interests = nil
        case .hobbies: customer.hobbies = nil
        case .usualProducts: customer.usualProducts = nil
        case .socialHandles: customer.socialHandles = nil
        }
    }
}

/// What an agent typed for a customer: fields by name and the consent
/// answers asked at the counter. Fields left out stay as they are.
public struct CustomerDraft: Sendable, Equatable {
    public var fields: [CustomerField: String]
    public var consents: [ConsentPurpose: Bool]

    public init(fields: [CustomerField: String] = [:], consents: [ConsentPurpose: Bool] = [:]) {
        self.fields = fields
        self.consents = consents
    }
}
