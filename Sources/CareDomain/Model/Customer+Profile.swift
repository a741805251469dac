import Foundation

extension Customer {
    /// One field of the profile as a person reads it ("" when not known).
    public struct ProfileField: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    /// Every field of the customer, in the order a profile lists them: what
    /// `care customer show` prints and the console's profile shows. The
    /// stage says how long the customer has been in it as of `today`.
    public func profileFields(today: Day) -> [ProfileField] {
        func list(_ values: [String]?) -> String { values?.joined(separator: ", ") ?? "" }
        let consentFields = ConsentPurpose.allCases.map { purpose in
            let answers = consents?.filter { $0.purpose == purpose } ?? []
            let latest = consent(to: purpose)
            let earlier = answers.count > 1 ? ", \(answers.count - 1) earlier" : ""
            let answer =
                latest.map {
                    "\($0.granted ? "yes" : "no") since \(Day(containing: $0.at))\($0.by.map { " (by \($0))" } ?? "")\(earlier)"
                } ?? tr("not asked")
            return ProfileField(name: tr("consent to %@", purpose.rawValue), value: answer)
        }
        return [
            ProfileField(name: "customer", value: id.rawValue),
            ProfileField(name: "name", value: name),
            ProfileField(name: "phone", value: phone ?? ""),
            ProfileField(name: "email", value: email ?? ""),
            ProfileField(name: tr("preferred channel"), value: preferredChannel?.rawValue ?? ""),
            ProfileField(name: tr("birth date"), value: birthDate?.description ?? ""),
            ProfileField(name: "occupation", value: occupation ?? ""),
            ProfileField(name: tr("marital status"), value: maritalStatus?.shown ?? ""),
            ProfileField(name: "tastes", value: list(tastes)),
            ProfileField(name: "interests", value: list(interests)),
            ProfileField(name: "hobbies", value: list(hobbies)),
            ProfileField(name: tr("usual products"), value: list(usualProducts)),
            ProfileField(name: "social", value: list(socialHandles?.map { "\($0.network) \($0.handle)" })),
            ProfileField(name: tr("customer since"), value: customerSince.description),
            ProfileField(name: "lifecycle", value: stageLine(today: today)),
            ProfileField(name: tr("last purchase"), value: lastPurchase?.description ?? ""),
            ProfileField(name: "points", value: String(loyalty.points)),
            ProfileField(name: "tier", value: loyalty.tier?.rawValue ?? ""),
            ProfileField(name: tr("tier until"), value: loyalty.tierUntil?.description ?? ""),
            ProfileField(name: tr("last activity"), value: loyalty.lastActivity?.description ?? ""),
        ] + consentFields + (mergedInto.map { [ProfileField(name: tr("merged into"), value: $0.rawValue)] } ?? [])
    }

    /// "active for 40 days (since 2026-10-23)", with a supervisor's reason
    /// when the stage was set by hand.
    /// Whole phrases through the catalog: a word joined on in English read
    /// "activo for 0 días" in a Spanish profile.
    public func stageLine(today: Day, withDay: Bool = true) -> String {
        var line = lifecycle.shown
        if let since = lifecycleSince {
            let days = since.days(until: today)
            line = days <= 0 ? tr("%@ for 0 days", line) : tr("%@ for %@", line, Self.duration(days: days))
            if withDay { line += tr(" (since %@)", since) }
        }
        if let note = lifecycleNote { line += tr(", set by hand: %@", note) }
        return line
    }

    /// "1 day", "40 days", "5 months", "2 years".
    static func duration(days: Int) -> String {
        let days = max(0, days)
        if days < 60 { return days == 1 ? tr("1 day") : tr("%@ days", days) }
        if days < 730 { return tr("%@ months", days / 30) }
        return tr("%@ years", days / 365)
    }
}
