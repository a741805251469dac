import Foundation

/// Resolving: what is proposed (the better of what is owed and the
/// playbook's), the authority to grant it, and what granting writes.
extension IncidentRules {
    /// What resolving with `playbook` proposes: the better of what is owed
    /// for a missed service level (rule 3) and the playbook's own, so the
    /// customer never gets less than either. Each is granted at most once
    /// per incident, however often it is reopened.
    public static func proposal(for incident: Incident, playbook: Playbook?, in state: StoreState, at now: Date)
        -> Proposal?
    {
        var owed: Compensation?
        if let record = incident.owed {
            if record.isPending { owed = record.compensation }
        } else if incident.compensation?.forMissedServiceLevel != true, isOwed(incident, at: now) {
            owed = state.touchpoints[incident.touchpoint]?.compensation
        }
        // Granted once: the record keeps the last grant through a reopen.
        let granted =
            incident.compensation != nil || incident.embeddedHistory?.contains { $0.kind == .compensated } == true
        let offered = granted ? nil : playbook?.compensation
        switch (owed, offered) {
        case (let owed?, let offered?):
            return offered.value > owed.value
                ? Proposal(compensation: offered, owed: false, pendingOwed: owed)
                : Proposal(compensation: owed, owed: true, pendingOwed: owed)
        case (let owed?, nil): return Proposal(compensation: owed, owed: true, pendingOwed: owed)
        case (nil, let offered?): return Proposal(compensation: offered, owed: false, pendingOwed: nil)
        case (nil, nil): return nil
        }
    }

    /// The compensation a resolve offers, and what it settles.
    public struct Proposal: Sendable, Equatable {
        public var compensation: Compensation
        /// It is the one owed for the missed service level (else the playbook's).
        public var owed: Bool
        /// What is owed and not yet decided: granting either settles it;
        /// not granting declines it, with a reason.
        public var pendingOwed: Compensation?
    }

    /// The service level was missed: the incident was not resolved by its
    /// due time (or, while open, is past it; a stopped clock, at the pause).
    public static func isOwed(_ incident: Incident, at now: Date) -> Bool {
        let firstResolved =
            incident.firstResolved?.at ?? incident.embeddedHistory?.first { $0.kind == .resolved }?.at
        return (firstResolved ?? incident.pausedSince ?? now) > incident.dueAt
    }

    /// Resolves an incident with a playbook's answer, granting the proposed
    /// compensation when `grant` (within the agent's authority limit, or
    /// approved by a supervisor; a supervisor's is their own), and recording
    /// the customer's rating. Not granting what is owed declines it and
    /// needs `declineReason`. Points go to the ledger; a coupon is issued
    /// for 90 days.
    public static func resolve(
        in state: StoreState, incident incidentID: IncidentID, playbook playbookID: PlaybookID?, grant: Bool,
        declineReason: String? = nil, rating: Int?, survey: SurveyAnswer? = nil,
        by author: Author, at now: Date
    ) throws(IncidentRefusal) -> Transaction {
        // A survey says who answered; a bare rating is recorded as before.
        let rating = survey?.score ?? rating
        var incident = try stepped(incidentID, moving: true, in: state, by: author, at: now)
        guard let agent = state.agents[author.agent] else { throw .notAnAgent(author.agent.rawValue) }
        if let rating, !(1...5).contains(rating) { throw .badRating(rating) }
        let playbook = playbookID.flatMap { state.playbooks[$0] }
        let proposal = proposal(for: incident.incident, playbook: playbook, in: state, at: now)
        let declineReason = declineReason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if let proposal {
            if grant, !agent.mayGrant(proposal.compensation.value),
                incident.approval?.allows(proposal.compensation) != true
            {
                throw .overAuthority(limit: agent.authorityLimit, value: proposal.compensation.value)
            }
            if !grant, proposal.pendingOwed != nil, declineReason.isEmpty { throw .declineNeedsReason(incidentID) }
        }
        var changes: [Change] = []
        incident.status = .resolved
        incident.assignee = incident.assignee ?? author.agent
        let summary = playbook?.solution ?? "resolved at the counter"
        incident.resolution = Incident.Resolution(summary: summary, playbook: playbook?.id, at: now, by: author.agent)
        incident.firstResolved = incident.firstResolved ?? Incident.Stamp(at: now, by: author.agent)
        incident.log(Incident.Event(at: now, by: author.agent, kind: .resolved, text: summary))
        if let proposal, grant {
            let compensation = proposal.compensation
            incident.compensation = Incident.GrantedCompensation(
                compensation: compensation, grantedBy: author.agent, at: now, forMissedServiceLevel: proposal.owed)
            incident.log(
                Incident.Event(at: now, by: author.agent, kind: .compensated, text: compensation.description))
            if proposal.pendingOwed != nil {
                incident.owed?.decide(
                    proposal.owed ? .granted : .bettered, by: author.agent, at: now,
                    reason: proposal.owed ? nil : "the playbook's \(compensation.description) is worth more")
            }
            changes += compensationChanges(compensation, for: incident.incident, in: state, by: author, at: now)
        } else if let owed = proposal?.pendingOwed {
            incident.owed?.decide(.declined, by: author.agent, at: now, reason: declineReason)
            incident.log(
                Incident.Event(
                    at: now, by: author.agent, kind: .declined, text: "\(owed.description): \(declineReason)"))
        }
        if let rating {
            let comment = survey?.comment?.trimmingCharacters(in: .whitespacesAndNewlines)
            incident.rating = Incident.Rating(
                score: rating, recordedBy: author.agent, at: now, expectationsMet: survey?.expectationsMet,
                comment: comment?.isEmpty == false ? comment : nil, answeredBy: survey?.answeredBy)
            let who = survey.map { $0.answeredBy == .customer ? ", the customer's answer" : ", the agent's judgement" }
            incident.log(
                Incident.Event(at: now, by: author.agent, kind: .rated, text: "\(rating)/5" + (who ?? "")))
        }
        return Transaction(summary: "resolve incident \(incidentID)", changes: incident.changes + changes)
    }

    fileprivate static func compensationChanges(
        _ compensation: Compensation, for incident: Incident, in state: StoreState, by author: Author, at now: Date
    ) -> [Change] {
        guard let customer = state.customers[incident.customer] else { return [] }
        switch compensation.kind {
        case .points:
            guard let program = state.program else { return [] }
            // Crediting needs no lots: the ledger is not read here.
            var account = PointsAccount(of: customer, program: program, ledger: [])
            guard
                let entry = account.credit(
                    compensation.points ?? 0, at: now, kind: .compensation, reason: compensation.description,
                    incident: incident.id, by: author.agent)
            else { return [] }
            return [.customer(LoyaltyRules.updatedCustomer(customer, account, today: nil)), .ledger(entry)]
        case .coupon:
            let day = Day(containing: now)
            let coupon = Coupon(
                id: CouponCode("CP-\(incident.id)-v\(incident.version)"), customer: customer.id,
                discountPercent: compensation.discountPercent ?? 10,
                validFrom: day, validUntil: day.adding(days: 90), reason: compensation.description)
            return [.coupon(coupon)]
        case .treatment:
            return []
        }
    }
}
