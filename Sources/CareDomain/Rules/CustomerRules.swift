import Foundation

/// The profile steps at the counter: register a walk-in customer, correct
/// a profile, set a lifecycle stage by hand. Each returns the transaction
/// to commit on the state as it is on disk now.
public enum CustomerRules {
    /// A customer already in the store who may be the person being typed in.
    public struct PossibleDuplicate: Sendable, Equatable {
        public var customer: CustomerSummary
        /// "same phone", "same email", "same name and birth date".
        public var reasons: [String]
    }

    /// Customers who share the draft's phone digits, its email (in any
    /// case), or its name (accents and case aside) and birth date; blocked
    /// and merged customers are not offered. Compared byte by byte, without
    /// a string made per customer: the register dialog asks on Enter, over
    /// every customer.
    public static func duplicates(of draft: CustomerDraft, in state: StoreState, excluding: CustomerID? = nil)
        -> [PossibleDuplicate]
    {
        let phone = draft.fields[.phone].map { Array(ImportValues.phoneKey($0).utf8) }.flatMap {
            $0.count >= 6 ? $0 : nil
        }
        let email = draft.fields[.email].map { Array($0.trimmingCharacters(in: .whitespaces).lowercased().utf8) }
            .flatMap { $0.isEmpty ? nil : $0 }
        let birth = draft.fields[.birthDate].flatMap(ImportValues.day)
        // A name counts only with a birth date, and is folded once.
        let name =
            birth == nil ? nil : draft.fields[.name].map { Folding.bytes($0.trimmingCharacters(in: .whitespaces)) }
        guard phone != nil || email != nil || name?.isEmpty == false else { return [] }
        let candidates = state.customers.summaries { summary in
            guard !summary.blocked, summary.id != excluding else { return false }
            if let phone, let theirs = summary.phone, Self.lastDigits(of: theirs, equal: phone) { return true }
            if let email, let theirs = summary.email, Self.equalIgnoringASCIICase(theirs, email) { return true }
            if let name, !name.isEmpty, Self.mayFold(summary.name, to: name), Folding.bytes(summary.name) == name {
                return true
            }
            return false
        }
        var found: [PossibleDuplicate] = []
        for summary in candidates {
            var reasons: [String] = []
            if let phone, let theirs = summary.phone, lastDigits(of: theirs, equal: phone) {
                reasons.append(tr("same phone"))
            }
            if let email, let theirs = summary.email, equalIgnoringASCIICase(theirs, email) {
                reasons.append(tr("same email"))
            }
            if let name, let birth, Folding.bytes(summary.name) == name,
                state.customers[summary.id]?.birthDate == birth
            {
                reasons.append(tr("same name and birth date"))
            }
            if !reasons.isEmpty { found.append(PossibleDuplicate(customer: summary, reasons: reasons)) }
        }
        return found.sorted { $0.customer.id < $1.customer.id }
    }

    /// Whether the last digits of `text` (up to `key`'s count, nine at most) are `key`.
    static func lastDigits(of text: String, equal key: [UInt8]) -> Bool {
        var index = key.count
        for byte in text.utf8.reversed() where byte >= 0x30 && byte <= 0x39 {
            guard index > 0 else { break }
            index -= 1
            guard key[index] == byte else { return false }
        }
        // Theirs had as many digits (up to nine) as the key.
        return index == 0
    }

    /// `text` equals `lowered` (already lower case) with ASCII letters in any case.
    static func equalIgnoringASCIICase(_ text: String, _ lowered: [UInt8]) -> Bool {
        guard text.utf8.count == lowered.count else { return false }
        for (byte, other) in zip(text.utf8, lowered) {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
            if lower != other { return false }
        }
        return true
    }

    /// A cheap test before folding a whole name: an ASCII first letter
    /// must already be the folded one's.
    static func mayFold(_ text: String, to folded: [UInt8]) -> Bool {
        guard let first = text.utf8.first, let wanted = folded.first else { return false }
        guard first < 0x80 else { return true }
        return (first >= 0x41 && first <= 0x5A ? first + 32 : first) == wanted
    }

    /// A new customer, a prospect until their first purchase. Any agent may
    /// register; duplicates are the agent's to look at first (`duplicates`).
    public static func register(_ draft: CustomerDraft, in state: StoreState, by author: Author, at now: Date)
        throws(CustomerRefusal) -> (transaction: Transaction, customer: CustomerID)
    {
        guard state.activeAgent(author) != nil else { throw .notAnAgent(author.agent.rawValue) }
        guard let name = draft.fields[.name], !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .noName
        }
        let today = Day(containing: now)
        var number = state.customers.count + 1
        let id = state.customers.freeNumberedID(prefix: "C", from: &number)
        var customer = Customer(
            id: id, name: name, customerSince: today, lifecycle: .prospect)
        customer.lifecycleSince = today
        try write(draft, into: &customer, today: today, by: author.agent, at: now)
        return (Transaction(summary: "register customer \(id)", changes: [.customer(customer)]), id)
    }

    /// The customer's next version with the draft's fields and consents;
    /// refused when nothing would change.
    public static func edit(
        _ id: CustomerID, _ draft: CustomerDraft, in state: StoreState, by author: Author, at now: Date
    ) throws(CustomerRefusal) -> Transaction {
        let customer = try workable(id, in: state, by: author)
        var edited = customer
        try write(draft, into: &edited, today: Day(containing: now), by: author.agent, at: now)
        let changed = edited.fieldChanges(from: customer)
        guard !changed.isEmpty else { throw .nothingChanged(id) }
        return Transaction(
            summary: "correct customer \(id): " + changed.map(\.field).joined(separator: ", "),
            changes: [.customer(edited.nextVersion())], fields: changed.map(\.description))
    }

    /// A supervisor's stage, with the reason kept on the profile until the
    /// rules move the customer on.
    public static func setLifecycle(
        _ id: CustomerID, to stage: LifecycleStage, reason: String, in state: StoreState, by author: Author,
        at now: Date
    ) throws(CustomerRefusal) -> Transaction {
        let customer = try workable(id, in: state, by: author)
        guard state.activeSupervisor(author) != nil else { throw .supervisorsOnly(tr("set a lifecycle stage by hand")) }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .emptyReason }
        if let problem = SafeText.importProblem(reason) { throw .badValue(.name, problem) }
        guard stage != customer.lifecycle else { throw .nothingChanged(id) }
        var moved = customer.moved(to: stage, on: Day(containing: now)).nextVersion()
        moved.lifecycleNote = reason
        return Transaction(
            summary: "set customer \(id)'s lifecycle to \(stage.label) by hand", changes: [.customer(moved)])
    }

    /// The customer as an agent may work on them: in the store, not blocked, not merged.
    static func workable(_ id: CustomerID, in state: StoreState, by author: Author) throws(CustomerRefusal)
        -> Customer
    {
        guard state.activeAgent(author) != nil else { throw .notAnAgent(author.agent.rawValue) }
        guard let customer = state.customers[id] else { throw .unknownCustomer(id) }
        guard customer.blockedAt == nil else { throw .blocked(id) }
        if let kept = customer.mergedInto { throw .merged(id, into: kept) }
        return customer
    }

    /// Writes the draft's fields, then its consent answers: an answer is
    /// added (never replaced) when it differs from the one in force, so the
    /// consents hold their whole history.
    static func write(
        _ draft: CustomerDraft, into customer: inout Customer, today: Day, by agent: AgentID, at now: Date
    )
        throws(CustomerRefusal)
    {
        for field in CustomerField.allCases {
            guard let text = draft.fields[field] else { continue }
            try field.write(text, into: &customer, today: today)
        }
        for purpose in ConsentPurpose.allCases {
            guard let answer = draft.consents[purpose], customer.consent(to: purpose)?.granted != answer else {
                continue
            }
            customer.consents =
                (customer.consents ?? []) + [Consent(purpose: purpose, granted: answer, at: now, by: agent)]
        }
    }
}

extension Customer {
    /// One field that changed between two versions of a customer.
    public struct FieldChange: Sendable, Equatable, CustomStringConvertible {
        public var field: String
        public var before: String
        public var after: String
        public var description: String { "\(field): \(before.isEmpty ? "—" : before) → \(after.isEmpty ? "—" : after)" }
    }

    /// Every profile field, consent and stage that differs from `old`:
    /// what the audit trail shows ("phone: 624 612 113 → 611 000 222").
    public func fieldChanges(from old: Customer) -> [FieldChange] {
        var changes: [FieldChange] = []
        for field in CustomerField.allCases where field.text(of: old) != field.text(of: self) {
            changes.append(FieldChange(field: field.label, before: field.text(of: old), after: field.text(of: self)))
        }
        for purpose in ConsentPurpose.allCases {
            let before = old.consent(to: purpose)
            let after = consent(to: purpose)
            guard before != after else { continue }
            func word(_ consent: Consent?) -> String { consent.map { $0.granted ? "granted" : "withdrawn" } ?? "" }
            changes.append(
                FieldChange(field: "consent to \(purpose.rawValue)", before: word(before), after: word(after)))
        }
        if lifecycle != old.lifecycle {
            let note = lifecycleNote.map { " (by hand: \($0))" } ?? ""
            changes.append(FieldChange(field: "lifecycle", before: old.lifecycle.label, after: lifecycle.label + note))
        }
        if let kept = mergedInto, old.mergedInto == nil {
            changes.append(FieldChange(field: "merged into", before: "", after: kept.rawValue))
        }
        return changes
    }
}
