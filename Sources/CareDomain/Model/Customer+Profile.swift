import Foundation

extension Customer {
    /// One field of the profile as a person reads it ("" when not known).
    public struct ProfileField: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    /// Every field of the customer, in the order a profile lists them: what
    /// `care customer show` prints and the console's profile shows.
    public var profileFields: [ProfileField] {
        func list(_ values: [String]?) -> String { values?.joined(separator: ", ") ?? "" }
        let consentFields = ConsentPurpose.allCases.map { purpose in
            let latest = consents?.filter { $0.purpose == purpose }.max { $0.at < $1.at }
            let answer = latest.map { "\($0.granted ? "yes" : "no") since \(Day(containing: $0.at))" } ?? "not asked"
            return ProfileField(name: "consent to \(purpose.rawValue)", value: answer)
        }
        return [
            ProfileField(name: "customer", value: id.rawValue),
            ProfileField(name: "name", value: name),
            ProfileField(name: "phone", value: phone ?? ""),
            ProfileField(name: "email", value: email ?? ""),
            ProfileField(name: "preferred channel", value: preferredChannel?.rawValue ?? ""),
            ProfileField(name: "birth date", value: birthDate?.description ?? ""),
            ProfileField(name: "occupation", value: occupation ?? ""),
            ProfileField(name: "marital status", value: maritalStatus?.rawValue ?? ""),
            ProfileField(name: "tastes", value: list(tastes)),
            ProfileField(name: "interests", value: list(interests)),
            ProfileField(name: "hobbies", value: list(hobbies)),
            ProfileField(name: "usual products", value: list(usualProducts)),
            ProfileField(name: "social", value: list(socialHandles?.map { "\($0.network) \($0.handle)" })),
            ProfileField(name: "customer since", value: customerSince.description),
            ProfileField(name: "lifecycle", value: lifecycle.label),
            ProfileField(name: "points", value: String(loyalty.points)),
            ProfileField(name: "tier", value: loyalty.tier?.rawValue ?? ""),
            ProfileField(name: "tier until", value: loyalty.tierUntil?.description ?? ""),
            ProfileField(name: "last activity", value: loyalty.lastActivity?.description ?? ""),
        ] + consentFields
    }
}
