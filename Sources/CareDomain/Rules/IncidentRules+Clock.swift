import Foundation

/// The service-level clock of an incident: stopped while it waits on the
/// customer or a partner, run again when it moves, and what is owed put on
/// record the moment the level is found missed.
extension IncidentRules {
    /// Whom an incident waits on while its clock is stopped.
    public enum WaitingOn: String, CaseIterable, Sendable {
        case customer, partner

        /// Whom, in the language in force; `rawValue` is what is typed.
        public var shown: String { self == .customer ? tr("whom|customer") : tr("whom|partner") }

        var status: Incident.Status { self == .customer ? .waitingOnCustomer : .waitingOnPartner }
    }

    /// Stops the clock: the incident waits on the customer or a partner
    /// (with a note saying for what). Switching whom it waits on keeps the
    /// clock stopped since the first pause.
    public static func wait(
        in state: StoreState, incident incidentID: IncidentID, on whom: WaitingOn, note: String? = nil,
        by author: Author, at now: Date
    ) throws(IncidentRefusal) -> Transaction {
        var incident = try stepped(incidentID, in: state, by: author, at: now)
        incident.status = whom.status
        incident.pausedSince = incident.pausedSince ?? now
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        incident.log(
            Incident.Event(
                at: now, by: author.agent, kind: .waiting,
                text: "on the \(whom.rawValue)" + (note.isEmpty ? "" : ": \(note)")))
        return Transaction(
            summary: "incident \(incidentID) waits on the \(whom.rawValue)", changes: incident.changes)
    }

    /// Runs the clock again: the due time moves later by the open time it
    /// was stopped, and the incident is in progress.
    public static func resume(in state: StoreState, incident incidentID: IncidentID, by author: Author, at now: Date)
        throws(IncidentRefusal) -> Transaction
    {
        guard state.incidents.summary(of: incidentID)?.status.isWaiting != false else { throw .notWaiting(incidentID) }
        let incident = try stepped(incidentID, moving: true, in: state, by: author, at: now)
        return Transaction(summary: "resume incident \(incidentID)", changes: incident.changes)
    }

    /// Puts on record what is owed on every open incident whose service
    /// level was missed and has nothing owed yet; nil when there is none.
    /// The console does it as it runs; `care incident sweep` from a timer
    /// does it when no console is open.
    public static func recordMissed(in state: StoreState, by author: Author, at now: Date) throws(IncidentRefusal)
        -> Transaction?
    {
        try requireAgent(author, in: state)
        // A blocked customer's incidents are kept for legal claims only: left as they are.
        let missed = state.incidents.summaries {
            $0.isOverdue(at: now) && $0.owedValue == nil && !$0.owedGranted
                && state.customers.summary(of: $0.customer)?.blocked != true
        }
        let steps: [IncidentStep] = missed.compactMap { summary in
            guard let record = state.incidents[summary.id] else { return nil }
            var incident = IncidentStep(record.nextVersion())
            incident.recordOwed(state.touchpoints[incident.touchpoint]?.compensation, at: now, by: author.agent)
            return incident.owed == nil ? nil : incident
        }
        guard !steps.isEmpty else { return nil }
        return Transaction(
            summary:
                "record what is owed on \(steps.count) incident\(steps.count == 1 ? "" : "s") past the service level",
            changes: steps.flatMap(\.changes))
    }
}

extension IncidentStep {
    /// Runs a stopped clock again at `now`: the open time that was left when
    /// it stopped is what is left now. An incident already overdue when it
    /// stopped stays as overdue as it was.
    mutating func runClock(at now: Date, clock: ServiceClock, by agent: AgentID) {
        guard let since = incident.pausedSince else { return }
        let due = incident.dueAt
        if due > since { incident.dueAt = clock.adding(seconds: clock.openSeconds(from: since, to: due), to: now) }
        incident.pausedSince = nil
        if incident.status.isWaiting { incident.status = .inProgress }
        log(Incident.Event(at: now, by: agent, kind: .resumed, text: "due \(Incident.minute(incident.dueAt))"))
    }

    /// Records what is owed when the service level is found missed, once.
    mutating func recordOwed(_ compensation: Compensation?, at now: Date, by agent: AgentID) {
        guard incident.owed == nil, incident.compensation?.forMissedServiceLevel != true, incident.isOverdue(at: now),
            let compensation
        else { return }
        let due = incident.dueAt
        incident.owed = Incident.Owed(compensation: compensation, since: due)
        log(
            Incident.Event(
                at: now, by: agent, kind: .owed,
                text: "\(compensation.description) (\(compensation.value)): due \(Incident.minute(due)) was missed"))
    }
}

extension Incident.Owed {
    mutating func decide(_ decision: Decision, by agent: AgentID, at now: Date, reason: String?) {
        self.decision = decision
        decidedBy = agent
        decidedAt = now
        self.reason = reason
    }
}
