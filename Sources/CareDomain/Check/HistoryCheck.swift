import Foundation

/// Customers' histories: every file parses, belongs to a known customer,
/// points at known touchpoints and agents, and every ledger's running
/// balance adds up to the balance on the customer's profile.
package enum HistoryCheck {
    struct Outcome {
        var problems: [String] = []
        var moments = 0
        var ledgerEntries = 0
        var incidentEvents = 0
        /// Customers with a problem, to look at again on one consistent state.
        var flagged: [Customer] = []
    }

    /// Read while others write, a ledger may be a fold ahead of the state
    /// read a moment before: customers with a problem are looked at again
    /// under the writer lock, on the state as it is then, and only what is
    /// still wrong is reported.
    ///
    /// `figures` (the store's, caught up with the journal) are compared with
    /// what each history gives; nil when they could not be read (said apart).
    ///
    /// `incidents` are the state's, decoded (lines that do not decode are the
    /// snapshot check's to report); `walk` lists the history files there are.
    static func run(
        store: FileStore, state: StoreState, customers: [Customer], incidents: [Incident], walk: StoreWalk,
        figures: StoreFigures?, today: Day, progress: WorkProgress = .none
    ) -> Outcome {
        let incidents = Dictionary(grouping: incidents, by: \.customer)
        // Four customers in five never had an incident: their file is not
        // looked for (80,000 failed opens at 100,000 customers).
        let withSteps = Set(walk.histories.lazy.filter { $0.kind == .incidentEvents }.map(\.customer))
        var total = pass(
            store: store, state: state, customers: customers, incidents: incidents, withSteps: withSteps,
            figures: figures, today: today, progress: progress)
        if !total.flagged.isEmpty {
            let again = try? FileLock.withExclusive(store.layout) { () throws(StoreError) -> Outcome in
                let fresh = FileStore(directory: store.layout.directory)
                let now = try fresh.open()
                let current = total.flagged.compactMap { try? now.customers.find($0.id) }
                let currentIncidents = Dictionary(grouping: now.incidents.decodeAll().records, by: \.customer)
                let freshFigures: StoreFigures? =
                    if figures != nil,
                        case .usable(let read) = try fresh.storedFigures(
                            state: now, history: fresh.history(), today: today)
                    {
                        read.figures
                    } else {
                        nil
                    }
                return pass(
                    store: fresh, state: now, customers: current, incidents: currentIncidents, figures: freshFigures,
                    today: today)
            }
            if case .success(let confirmed)? = again {
                total.problems = confirmed.problems
            }
        }
        total.problems.sort()
        total.problems += strays(walk, store.layout, state: state)
        return total
    }

    /// `withSteps`: the customers with a file of incidents' steps when the
    /// store was listed; nil to look for everyone's (under the lock, again).
    private static func pass(
        store: FileStore, state: StoreState, customers: [Customer], incidents: [CustomerID: [Incident]],
        withSteps: Set<CustomerID>? = nil, figures: StoreFigures?, today: Day, progress: WorkProgress = .none
    ) -> Outcome {
        let program = state.program
        // Histories as the store read them (the journal's recent entries with them).
        let history =
            (try? store.history()) ?? FoldedHistory(layout: store.layout, pending: .none)
        let expiryHolds = figures?.expiryDaysHold(for: program, today: today) ?? false
        let parts = Parallel.chunks(customers.count, minimum: 500) { range in
            var outcome = Outcome()
            var names = figures?.names ?? FigureNames()
            for customer in customers[range] {
                if progress.isCancelled { break }
                progress.advance()
                let before = outcome.problems.count
                let theirs = incidents[customer.id] ?? []
                // No incident, no file when listed, none in the journal since:
                // there are no steps to read.
                let noSteps =
                    theirs.isEmpty && withSteps.map { !$0.contains(customer.id) } == true
                    && history.pending.incidentEvents[customer.id] == nil
                let read = check(
                    customer, incidents: theirs, readingSteps: !noSteps, store: store, history: history,
                    state: state, into: &outcome)
                if let figures, let moments = read.moments, let ledger = read.ledger {
                    outcome.problems += figureProblems(
                        customer, moments: moments, ledger: ledger, program: program, expiryHolds: expiryHolds,
                        figures: figures, names: &names, today: today)
                }
                if outcome.problems.count > before { outcome.flagged.append(customer) }
            }
            return outcome
        }
        var total = Outcome()
        for outcome in parts {
            total.moments += outcome.moments
            total.ledgerEntries += outcome.ledgerEntries
            total.incidentEvents += outcome.incidentEvents
            total.problems += outcome.problems
            total.flagged += outcome.flagged
        }
        return total
    }

    /// Returns the histories as read (nil where they could not be), for the figures.
    private static func check(
        _ customer: Customer, incidents: [Incident], readingSteps: Bool, store: FileStore, history: FoldedHistory,
        state: StoreState,
        into outcome: inout Outcome
    ) -> (moments: [Moment]?, ledger: [LedgerEntry]?) {
        var read: (moments: [Moment]?, ledger: [LedgerEntry]?) = (nil, nil)
        let layout = store.layout
        func unfinished(_ kind: HistoryKind) {
            outcome.problems.append(
                tr(
                    "%@ ends with an unfinished line (a fold cut short); the next compaction writes it again whole.",
                    layout.relative(layout.history(kind, of: customer.id)))
            )
        }
        var timeline: Set<MomentID>?
        do {
            let (moments, cut) = try history.checkedMoments(of: customer.id)
            if cut { unfinished(.moments) }
            read.moments = moments
            outcome.moments += moments.count
            let file = layout.relative(layout.history(.moments, of: customer.id))
            let seen = momentProblems(moments, of: customer.id, in: file, state: state, into: &outcome.problems)
            timeline = seen
        } catch {
            outcome.problems.append(error.description)
        }
        do {
            let (entries, cut) = try history.checkedLedger(of: customer.id)
            if cut { unfinished(.ledger) }
            read.ledger = entries
            outcome.ledgerEntries += entries.count
            ledgerProblems(
                entries, of: customer, in: layout.relative(layout.history(.ledger, of: customer.id)),
                timeline: timeline ?? [], timelineIn: layout.relative(layout.history(.moments, of: customer.id)),
                into: &outcome.problems)
        } catch {
            outcome.problems.append(error.description)
        }
        do {
            let (events, cut) = readingSteps ? try history.checkedIncidentEvents(of: customer.id) : ([], false)
            if cut { unfinished(.incidentEvents) }
            outcome.incidentEvents += events.count
            outcome.problems += IncidentHistoryCheck.check(
                customer.id, incidents: incidents, events: events, state: state,
                in: layout.relative(layout.history(.incidentEvents, of: customer.id)))
        } catch {
            outcome.problems.append(error.description)
        }
        return read
    }

    /// A timeline's problems (`file` names where it is); returns its moments' ids.
    package static func momentProblems(
        _ moments: [Moment], of customer: CustomerID, in file: String, state: StoreState,
        into problems: inout [String]
    ) -> Set<MomentID> {
        var seen = Set<MomentID>(minimumCapacity: moments.count)
        for moment in moments {
            // Built only for a problem: two million moments pass.
            var place: String { "\(file) moment \(moment.id)" }
            if !seen.insert(moment.id).inserted { problems.append(tr("%@ appears twice.", place)) }
            if moment.customer != customer {
                problems.append(
                    tr("%@ belongs to customer %@, not %@.", place, moment.customer, customer))
            }
            if !state.touchpoints.contains(moment.touchpoint) {
                problems.append(
                    tr("%@ refers to touchpoint %@, which does not exist.", place, moment.touchpoint))
            }
            if let agent = moment.agent, !state.agents.contains(agent) {
                problems.append(tr("%@ names agent %@, who is not in the roster.", place, agent))
            }
            if let score = moment.satisfaction, !(1...5).contains(score) {
                problems.append(tr("%@ has satisfaction %@; it must be 1 to 5.", place, score))
            }
        }
        return seen
    }

    /// A ledger's problems: entries of another customer, moments not in
    /// `timeline` (`timelineFile` names it), a running balance that does
    /// not add up or goes below zero, a total not the profile's.
    package static func ledgerProblems(
        _ entries: [LedgerEntry], of customer: Customer, in file: String, timeline known: Set<MomentID>,
        timelineIn timelineFile: String, into problems: inout [String]
    ) {
        if let lost = entries.first(where: { $0.moment.map { !known.contains($0) } ?? false }) {
            problems.append(
                tr(
                    "%@ entry %@ names moment %@, which is not in %@; moments are missing there (restore the file from a backup).",
                    file, lost.id, lost.moment?.rawValue ?? "",
                    timelineFile)
            )
        }
        var balance = 0
        for entry in entries {
            balance += entry.points
            if entry.customer != customer.id {
                problems.append(
                    tr("%@ entry %@ belongs to customer %@, not %@.", file, entry.id, entry.customer, customer.id))
            }
            if entry.balanceAfter != balance {
                problems.append(
                    tr(
                        "%@ entry %@ says the balance is %@, but the entries up to it add up to %@.", file,
                        entry.id, entry.balanceAfter, balance)
                )
                balance = entry.balanceAfter
            }
            if balance < 0 {
                problems.append(
                    tr("%@ entry %@ takes the balance below zero (%@).", file, entry.id, balance))
            }
        }
        let sum = entries.reduce(0) { $0 + $1.points }
        if sum != customer.loyalty.points {
            problems.append(
                tr(
                    "Customer %@ shows %@ points, but the ledger entries add up to %@.", customer.id,
                    customer.loyalty.points, sum)
            )
        }
    }

    /// The figures kept for `customer` against those their history gives
    /// now: the rows exactly; the expiry day must not come after the one the
    /// ledger gives today (earlier is safe: the run looks and finds nothing).
    /// `file` names where the figures are kept.
    package static func figureProblems(
        _ customer: Customer, moments: [Moment], ledger: [LedgerEntry], program: LoyaltyProgram?, expiryHolds: Bool,
        figures: StoreFigures, names: inout FigureNames, today: Day, in file: String = StoreLayout.figuresName
    ) -> [String] {
        var problems: [String] = []
        let expiry = program.map { (customer, $0, today) }
        let fromHistory = CustomerFigures.of(moments: moments, ledger: ledger, names: &names, expiry: expiry)
        guard let kept = figures.customers[customer.id] else {
            problems.append(
                tr("%@ has no figures for customer %@; run `care reindex` to work them out again.", file, customer.id))
            return problems
        }
        if kept.rows != fromHistory.rows {
            problems.append(
                tr(
                    "%@ disagrees with the history of customer %@ (%@ rows kept, %@ from the history); run `care reindex` to work them out again.",
                    file, customer.id, kept.rows.count, fromHistory.rows.count))
        }
        // A day kept earlier than the ledger's costs a run one look at the
        // customer; a later one (or none) would let a due expiry pass.
        let ledgerDue = fromHistory.expiryDue.map { max($0, today) }
        let keptDue = kept.expiryDue.map { max($0, today) }
        if expiryHolds, let ledgerDue,
            keptDue.map({ $0 > ledgerDue }) ?? true
        {
            problems.append(
                tr(
                    "%@ says customer %@'s points or tier fall due on %@, but their ledger says %@; run `care reindex` to work them out again.",
                    file, customer.id, kept.expiryDue.map(\.description) ?? tr("never"), ledgerDue))
        }
        return problems
    }

    /// History files whose customer is not in the store, or in the wrong
    /// bucket. The walk was made before the state was read: a file whose
    /// customer was erased since is gone by now, and is not reported.
    private static func strays(_ walk: StoreWalk, _ layout: StoreLayout, state: StoreState) -> [String] {
        var problems: [String] = []
        var found: [HistoryKind: [String]] = [:]
        for history in walk.histories {
            let (kind, customer) = (history.kind, history.customer)
            var relative: String { history.entry.relative }
            if !state.customers.contains(customer) {
                guard access(layout.directory + "/" + relative, F_OK) == 0 else { continue }
                found[kind, default: []].append(
                    tr("%@ holds history of customer %@, who is not in customers.json.", relative, customer))
            } else if StoreLayout.bucket(of: customer) != history.bucket {
                found[kind, default: []].append(
                    tr(
                        "%@ is in the wrong folder (it belongs in %@/%@/), so it is never read.", relative,
                        kind.rawValue, StoreLayout.bucket(of: customer))
                )
            }
        }
        for kind in HistoryKind.allCases { problems += found[kind] ?? [] }
        return problems
    }
}
