import ArgumentParser
import CareDomain
import Foundation

/// The profile fields as options, for `add` and `edit`: each left out is
/// left as it is; an empty value ("") clears it.
struct ProfileOptions: ParsableArguments {
    @Option(help: ArgumentHelp(tr("Full name."))) var name: String?
    @Option(help: ArgumentHelp(tr("Phone, however it is written (624 612 113, +34 624612113)."))) var phone: String?
    @Option(help: ArgumentHelp(tr("Email address."))) var email: String?
    @Option(help: ArgumentHelp(tr("Preferred channel: counter, phone, email, web, app, chat, social, post.")))
    var preferredChannel: String?
    @Option(help: ArgumentHelp(tr("Birth date: 1980-12-31 or 31/12/1980."))) var birthDate: String?
    @Option(help: "Occupation.") var occupation: String?
    @Option(help: ArgumentHelp(tr("Marital status: single, married, partnered, divorced, widowed."))) var maritalStatus:
        String?
    @Option(help: ArgumentHelp(tr("Tastes, comma-separated."))) var tastes: String?
    @Option(help: ArgumentHelp(tr("Interests, comma-separated."))) var interests: String?
    @Option(help: ArgumentHelp(tr("Hobbies, comma-separated."))) var hobbies: String?
    @Option(help: ArgumentHelp(tr("Products usually bought, comma-separated."))) var usualProducts: String?
    @Option(help: ArgumentHelp(tr("Social handles: \"instagram @ana, x @ana_g\"."))) var social: String?
    @Option(help: ArgumentHelp(tr("Consent to use the data for the service: yes or no."))) var serviceConsent: String?
    @Option(help: ArgumentHelp(tr("Consent to marketing: yes or no."))) var marketingConsent: String?
    @Option(help: ArgumentHelp(tr("Consent to profiling: yes or no."))) var profilingConsent: String?

    func draft() throws -> CustomerDraft {
        let values: [(CustomerField, String?)] = [
            (.name, name), (.phone, phone), (.email, email), (.preferredChannel, preferredChannel),
            (.birthDate, birthDate), (.occupation, occupation), (.maritalStatus, maritalStatus), (.tastes, tastes),
            (.interests, interests), (.hobbies, hobbies), (.usualProducts, usualProducts), (.socialHandles, social),
        ]
        var draft = CustomerDraft()
        for (field, value) in values { if let value { draft.fields[field] = value } }
        for (purpose, value) in [
            (ConsentPurpose.service, serviceConsent), (.marketing, marketingConsent), (.profiling, profilingConsent),
        ] {
            guard let answer = try YesNo.parse(value, option: "--\(purpose.rawValue)-consent") else { continue }
            draft.consents[purpose] = answer
        }
        return draft
    }
}

/// yes/no in English or Spanish, as an agent types it.
struct YesNo {
    let value: Bool
    init?(_ text: String) {
        switch text.lowercased().trimmingCharacters(in: .whitespaces) {
        case "yes", "y", "si", "sí", "s", "true": value = true
        case "no", "n", "false": value = false
        default: return nil
        }
    }

    /// An option's yes/no, nil when it was not given; refused with the option named.
    static func parse(_ text: String?, option: String) throws -> Bool? {
        guard let text else { return nil }
        guard let answer = YesNo(text) else {
            throw CLIError.outOfRange(tr("%@ is yes or no, not \"%@\".", option, text))
        }
        return answer.value
    }
}

extension CustomerCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Register a walk-in customer (any agent)."),
            discussion: """
                Needs --name; everything else is optional. Possible duplicates (same phone digits, same email \
                in any case, same name and birth date) are listed and nothing is saved (exit 1) unless \
                --even-if-duplicate is given. A new customer is a prospect until their first purchase.
                """)
        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var profile: ProfileOptions
        @Flag(help: ArgumentHelp(tr("Save even when possible duplicates are found."))) var evenIfDuplicate = false

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.member(in: store.open())
            let draft = try profile.draft()
            var created: CustomerID?
            var duplicates: [CustomerRules.PossibleDuplicate] = []
            _ = try store.transact(by: author) { state in
                duplicates = CustomerRules.duplicates(of: draft, in: state)
                guard duplicates.isEmpty || evenIfDuplicate else { return Transaction(summary: "", changes: []) }
                let registered = try CustomerRules.register(draft, in: state, by: author, at: Date())
                created = registered.customer
                return registered.transaction
            }
            guard let created else {
                printError(tr("Not saved: this may be a customer already in the store."))
                for duplicate in duplicates {
                    let who = duplicate.customer
                    printError(
                        "  \(who.id) \(who.name) \(who.phone ?? "") \(who.email ?? "") (\(duplicate.reasons.joined(separator: ", ")))"
                    )
                }
                printError(tr("Use `care customer show ID` to check, or add --even-if-duplicate to register anyway."))
                throw ExitStatus.refused
            }
            print(tr("Registered customer %@.", created))
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Correct a customer's profile: any field, and consent answers (kept with their history)."),
            discussion: """
                Only the fields given change; --email "" clears one. A consent answer is added to the \
                customer's history (who, when, which purpose, granted or withdrawn); `care audit --customer ID` \
                shows every field's old and new value.
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The customer's id."))) var id: String
        @OptionGroup var profile: ProfileOptions

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.member(in: store.open())
            let draft = try profile.draft()
            var fields: [String] = []
            _ = try store.transact(by: author) { state in
                let transaction = try CustomerRules.edit(CustomerID(id), draft, in: state, by: author, at: Date())
                fields = transaction.fields ?? []
                return transaction
            }
            print(tr("Corrected customer %@:", id))
            for field in fields { print("  \(SafeText.forTerminal(field))") }
        }
    }

    struct Stage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stage",
            abstract: tr("Set a customer's lifecycle stage by hand, with a reason (supervisors)."),
            discussion: tr("The rules move the customer on from the stage set, at the next purchase or `care expire`."))
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The customer's id."))) var id: String
        @Argument(help: ArgumentHelp(tr("prospect, new, active, atRisk, lapsed, churned or renewed."))) var stage:
            String
        @Option(help: ArgumentHelp(tr("Why, kept on the profile and in the audit trail."))) var reason: String

        func run() throws {
            guard
                let stage = LifecycleStage.allCases.first(where: { $0.rawValue.lowercased() == self.stage.lowercased() }
                )
            else {
                throw CLIError.outOfRange(
                    tr(
                        "\"%@\" is not a stage; use one of %@.", self.stage,
                        LifecycleStage.allCases.map(\.rawValue).joined(separator: ", "))
                )
            }
            let store = try storeOptions.store()
            let author = try storeOptions.member(in: store.open())
            _ = try store.transact(by: author) { state in
                try CustomerRules.setLifecycle(
                    CustomerID(id), to: stage, reason: reason, in: state, by: author, at: Date())
            }
            print(tr("Customer %@ is now %@.", id, stage.shown))
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Merge a duplicate into the customer to keep (supervisors)."),
            discussion: """
                The other customer's moments, points (each lot with the day it lapses), incidents, coupons and \
                consent answers move to the kept one, and fields the kept profile lacks are filled from it. The \
                other stays as a pointer, hidden from lists and reports; the audit trail records the merge.
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(tr("The customer to keep."))) var keep: String
        @Argument(help: ArgumentHelp(tr("The duplicate to merge into it."))) var other: String

        func run() throws {
            let store = try storeOptions.store()
            let author = try storeOptions.supervisor(in: store.open(), to: tr("merge customers"))
            var merge: CustomerRules.Merge?
            _ = try store.transact(by: author) { state, history in
                let done = try CustomerRules.merge(
                    keep: CustomerID(keep), other: CustomerID(other), in: state, history: history, by: author,
                    at: Date())
                merge = done
                return done.transaction
            }
            guard let merge else { return }
            print(
                tr(
                    "Merged %@ into %@: %@ moments, %@ points, %@ incidents, %@ coupons moved.", other, keep,
                    merge.moments, merge.points, merge.incidents, merge.coupons)
            )
        }
    }
}
