import Foundation

/// `care import customers`: a spreadsheet's rows read, every one checked
/// before anything is written, then matched to the store's customers by
/// id, email or phone, so importing the same file again changes nothing.
public struct CustomerImport: Sendable {
    /// A row with something wrong, by the line it starts on.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var description: String { "line \(line): \(text)" }
    }

    /// Why the file as a whole cannot be imported.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case unreadable(CSVDocument.Problem)
        case noNameColumn([String])
        case repeatedColumn(String)

        public var description: String {
            switch self {
            case .unreadable(let problem): tr("The file cannot be imported: %@", problem)
            case .noNameColumn(let header):
                tr(
                    "The header row has no name column (name, nombre, or nombre and apellidos); it has: %@.",
                    header.joined(separator: ", "))
            case .repeatedColumn(let name): tr("The header row names \"%@\" twice; keep one.", name)
            }
        }
    }

    /// One row's values; nil where the cell was empty.
    struct Draft: Sendable {
        var line: Int
        var id: CustomerID?
        var name: String?
        var phone: String?
        var email: String?
        var preferredChannel: Channel?
        var birthDate: Day?
        var occupation: String?
        var maritalStatus: MaritalStatus?
        var customerSince: Day?
        var lifecycle: LifecycleStage?
        var tastes: [String]?
        var interests: [String]?
        var hobbies: [String]?
        var usualProducts: [String]?
        var consents: [ConsentPurpose: Bool] = [:]
    }

    let drafts: [Draft]
    /// Problems found in the rows themselves (whatever the store holds).
    public let rowProblems: [Problem]
    /// Header names this import does not know; their cells are not read.
    public let ignoredColumns: [String]
    public var rowCount: Int { drafts.count + Set(rowProblems.map(\.line)).count }

    public init(csv data: Data) throws(Refusal) {
        let document: CSVDocument
        do {
            document = try CSVDocument(data: data)
        } catch {
            throw .unreadable(error)
        }
        let hasFamilyName = document.header.contains {
            CustomerColumn.matching($0, hasFamilyName: false) == .familyName
        }
        var columns: [CustomerColumn: Int] = [:]
        var ignored: [String] = []
        for (index, header) in document.header.enumerated() {
            guard let column = CustomerColumn.matching(header, hasFamilyName: hasFamilyName) else {
                if !header.isEmpty { ignored.append(header) }
                continue
            }
            if column == .ignored { continue }
            guard columns[column] == nil else { throw .repeatedColumn(header) }
            columns[column] = index
        }
        guard columns[.name] != nil || columns[.givenName] != nil else { throw .noNameColumn(document.header) }
        ignoredColumns = ignored

        var drafts: [Draft] = []
        var problems: [Problem] = []
        var seen: [String: Int] = [:]
        for row in document.rows {
            var rowProblems: [String] = []
            let draft = Self.read(row, columns: columns, problems: &rowProblems)
            // One customer per row. With an id, the id says who it is (two
            // people may share a family email or phone); without one, a
            // second row with the same email or phone is ambiguous.
            let keys =
                draft.id.map { [("id", $0.rawValue)] }
                ?? [
                    ("email", draft.email.map(ImportValues.emailKey)),
                    ("phone", draft.phone.map(ImportValues.phoneKey)),
                ].compactMap { what, key in key.map { (what, $0) } }
            for (what, key) in keys where !key.isEmpty {
                if let earlier = seen["\(what):\(key)"] {
                    rowProblems.append(
                        tr("the same %@ as line %@; one row per customer", what, earlier)
                            + (what == "id" ? "" : tr(" (give each an id to import both)")))
                } else {
                    seen["\(what):\(key)"] = row.line
                }
            }
            if rowProblems.isEmpty {
                drafts.append(draft)
            } else {
                problems += rowProblems.map { Problem(line: row.line, text: $0) }
            }
        }
        self.drafts = drafts
        rowProblems = problems
    }

    private static func read(_ row: CSVDocument.Row, columns: [CustomerColumn: Int], problems: inout [String]) -> Draft
    {
        func cell(_ column: CustomerColumn) -> String? {
            guard let index = columns[column], index < row.fields.count else { return nil }
            let text = SafeText.importedCell(row.fields[index].trimmingCharacters(in: .whitespacesAndNewlines))
            if let problem = SafeText.importProblem(text) {
                problems.append("\(column.rawValue) has \(problem)")
                return nil
            }
            return text.isEmpty ? nil : text
        }
        func parsed<T>(_ column: CustomerColumn, _ what: String, _ parse: (String) -> T?) -> T? {
            guard let text = cell(column) else { return nil }
            guard let value = parse(text) else {
                problems.append(tr("%@ \"%@\" is not understood", what, text))
                return nil
            }
            return value
        }
        var draft = Draft(line: row.line)
        if let id = cell(.id) {
            if CustomerID(id).isSafeFileName && id.utf8.count <= 200 {
                draft.id = CustomerID(id)
            } else {
                problems.append(tr("id \"%@\" can only hold letters, digits, - _ and .", id))
            }
        }
        let parts = [cell(.givenName), cell(.familyName), cell(.secondFamilyName)].compactMap { $0 }
        draft.name = cell(.name) ?? (parts.isEmpty ? nil : parts.joined(separator: " "))
        if let phone = cell(.phone) {
            if ImportValues.isPhone(phone) {
                draft.phone = phone
            } else {
                problems.append(tr("phone \"%@\" is not a phone number", phone))
            }
        }
        if let email = cell(.email) {
            if ImportValues.isEmail(email) {
                draft.email = email
            } else {
                problems.append(tr("email \"%@\" is not an email address", email))
            }
        }
        draft.preferredChannel = parsed(.preferredChannel, "channel", ImportValues.channel)
        draft.birthDate = parsed(.birthDate, tr("birth date"), ImportValues.day)
        draft.occupation = cell(.occupation)
        draft.maritalStatus = parsed(.maritalStatus, tr("marital status"), ImportValues.maritalStatus)
        draft.customerSince = parsed(.customerSince, tr("customer-since date"), ImportValues.day)
        draft.lifecycle = parsed(.lifecycle, "stage", ImportValues.lifecycle)
        draft.tastes = cell(.tastes).map(ImportValues.list)
        draft.interests = cell(.interests).map(ImportValues.list)
        draft.hobbies = cell(.hobbies).map(ImportValues.list)
        draft.usualProducts = cell(.usualProducts).map(ImportValues.list)
        for (column, purpose) in [
            (CustomerColumn.serviceConsent, ConsentPurpose.service), (.marketingConsent, .marketing),
            (.profilingConsent, .profiling),
        ] {
            if let answer = parsed(column, tr("%@ consent (yes or no)", purpose.rawValue), ImportValues.yesNo) {
                draft.consents[purpose] = answer
            }
        }
        if let birth = draft.birthDate, let since = draft.customerSince, birth > since {
            problems.append(tr("the birth date %@ is after the customer-since date %@", birth, since))
        }
        return draft
    }

    /// What importing would do to `state`.
    public struct Outcome: Sendable, Equatable {
        public var created = 0
        public var updated = 0
        public var unchanged = 0
        public var problems: [Problem] = []
        public var changes: [Change] = []
    }

    /// What importing into `state` would do, with every problem: the rows'
    /// own, and those that depend on the store (a new customer without a
    /// name, a row matching a blocked customer). `--dry-run` prints it.
    public func preview(against state: StoreState, at now: Date) -> Outcome {
        var outcome = plan(drafts[...], in: state, at: now)
        outcome.problems = (rowProblems + outcome.problems).sorted { $0.line < $1.line }
        return outcome
    }

    public func problems(against state: StoreState) -> [Problem] {
        preview(against: state, at: Date(timeIntervalSince1970: 0)).problems
    }

    /// Writes the rows (checked first with `preview(against:at:)`) in
    /// batches of 1,000, each one transaction planned against the store as
    /// it is then; a batch stopped half-way is whole or absent, and running
    /// the import again completes it without duplicates.
    public func run(
        on store: any CareStore, by author: Author, source: String, at now: Date, progress: WorkProgress = .none
    ) throws -> Outcome {
        var total = Outcome()
        progress.begin(tr("import: rows"), total: drafts.count)
        // The email and phone index is built once and kept up to date with
        // each batch; it is built again only when someone else changed the
        // customers between batches (rebuilding it per batch made an import
        // grow with the square of its size).
        var index: MatchIndex?
        var expected: Table<Customer>.Revision?
        for start in stride(from: 0, to: drafts.count, by: 1000) {
            let batch = drafts[start..<min(drafts.count, start + 1000)]
            do {
                try progress.checkCancelled()
                try writeBatch()
                progress.advance(by: batch.count)
            } catch {
                // What is already in stays in: say so, and how to finish.
                throw Stopped(
                    written: start, lastLine: start > 0 ? drafts[start - 1].line : nil, rows: drafts.count,
                    reason: error)
            }
            func writeBatch() throws {
                let after = try store.transact(by: author) { current in
                    var matches: MatchIndex
                    // Taken out, so that adding to it does not copy it whole.
                    if let kept = index.take(), current.customers.revision == expected {
                        matches = kept
                    } else {
                        matches = MatchIndex(current)
                    }
                    let outcome = plan(batch, in: current, at: now, index: &matches)
                    index = matches
                    total.created += outcome.created
                    total.updated += outcome.updated
                    total.unchanged += outcome.unchanged
                    total.problems += outcome.problems
                    return Transaction(
                        summary:
                            "import customers from \(source), lines \(batch.first?.line ?? 0)–\(batch.last?.line ?? 0)",
                        changes: outcome.changes)
                }
                expected = after.customers.revision
            }
        }
        return total
    }

    /// An import that stopped after some batches were written.
    public struct Stopped: Error, CustomStringConvertible {
        public var written: Int
        public var lastLine: Int?
        public var rows: Int
        public var reason: any Error

        public var description: String {
            let done =
                written == 0
                ? tr("nothing was imported")
                : tr(
                    "the first %@ of %@ rows (up to line %@) were already imported and stay in", written, rows,
                    lastLine ?? 0)
            return
                tr(
                    "The import stopped: %@ Of the file, %@; running the same import again completes it without duplicates.",
                    reason, done)
        }
    }

    /// Customers by email and by phone, as rows are matched.
    struct MatchIndex {
        var byEmail: [String: CustomerID] = [:]
        var byPhone: [String: CustomerID] = [:]

        init(_ state: StoreState) {
            for summary in state.customers.summaries { add(summary.id, email: summary.email, phone: summary.phone) }
        }

        mutating func add(_ id: CustomerID, email: String?, phone: String?) {
            if let email { byEmail[ImportValues.emailKey(email)] = id }
            if let phone { byPhone[ImportValues.phoneKey(phone)] = id }
        }
    }

    private func plan(_ drafts: ArraySlice<Draft>, in state: StoreState, at now: Date) -> Outcome {
        var index = MatchIndex(state)
        return plan(drafts, in: state, at: now, index: &index)
    }

    /// `index` matches rows against `state`, and is left matching what the
    /// batch puts too, for the next one.
    private func plan(_ drafts: ArraySlice<Draft>, in state: StoreState, at now: Date, index: inout MatchIndex)
        -> Outcome
    {
        var outcome = Outcome()
        // Read in place, not copied: a copy would be duplicated whole when
        // the batch's customers are added below.
        defer {
            for case .customer(let customer) in outcome.changes {
                index.add(customer.id, email: customer.email, phone: customer.phone)
            }
        }
        var nextNumber = state.customers.count + 1
        // A generated id must not take one a later row names for a new customer.
        var taken = Set(drafts.compactMap(\.id))
        for draft in drafts {
            // An id decides alone; without one, the email, then the phone.
            let match =
                draft.id.map { state.customers.contains($0) ? $0 : nil }
                ?? draft.email.flatMap { index.byEmail[ImportValues.emailKey($0)] }
                ?? draft.phone.flatMap { index.byPhone[ImportValues.phoneKey($0)] }
            if let id = match, let existing = state.customers[id] {
                guard existing.blockedAt == nil else {
                    outcome.problems.append(
                        Problem(
                            line: draft.line, text: "it matches customer \(id), who is blocked on an erasure request"))
                    continue
                }
                let merged = Self.merge(draft, into: existing, at: now)
                if merged == existing {
                    outcome.unchanged += 1
                } else {
                    outcome.updated += 1
                    outcome.changes.append(.customer(merged.nextVersion()))
                }
                continue
            }
            guard let name = draft.name else {
                outcome.problems.append(Problem(line: draft.line, text: "a new customer needs a name"))
                continue
            }
            let id = draft.id ?? state.customers.freeNumberedID(prefix: "C", from: &nextNumber, skipping: taken)
            taken.insert(id)
            let fresh = Customer(
                id: id, name: name, customerSince: draft.customerSince ?? Day(containing: now),
                lifecycle: draft.lifecycle ?? .new)
            outcome.created += 1
            outcome.changes.append(.customer(Self.merge(draft, into: fresh, at: now)))
        }
        return outcome
    }

    /// The customer with the row's non-empty cells written over; a consent
    /// is added only when it changes the answer on record.
    static func merge(_ draft: Draft, into customer: Customer, at now: Date) -> Customer {
        var customer = customer
        if let name = draft.name { customer.name = name }
        // Another spelling of the same phone or email keeps the one on record.
        if let value = draft.phone, customer.phone.map(ImportValues.phoneKey) != ImportValues.phoneKey(value) {
            customer.phone = value
        }
        if let value = draft.email, customer.email.map(ImportValues.emailKey) != ImportValues.emailKey(value) {
            customer.email = value
        }
        if let value = draft.preferredChannel { customer.preferredChannel = value }
        if let value = draft.birthDate { customer.birthDate = value }
        if let value = draft.occupation { customer.occupation = value }
        if let value = draft.maritalStatus { customer.maritalStatus = value }
        if let value = draft.customerSince { customer.customerSince = value }
        if let value = draft.lifecycle { customer.lifecycle = value }
        if let value = draft.tastes { customer.tastes = value }
        if let value = draft.interests { customer.interests = value }
        if let value = draft.hobbies { customer.hobbies = value }
        if let value = draft.usualProducts { customer.usualProducts = value }
        for purpose in ConsentPurpose.allCases {
            guard let answer = draft.consents[purpose] else { continue }
            let onRecord = customer.consents?.contains { $0.purpose == purpose } == true
            if !onRecord || customer.hasConsented(to: purpose) != answer {
                customer.consents = (customer.consents ?? []) + [Consent(purpose: purpose, granted: answer, at: now)]
            }
        }
        return customer
    }
}
