import Foundation

/// A compensation above the agent's authority goes to a supervisor: the
/// agent asks, a supervisor approves or refuses with a reason, and the
/// agent's resolve grants it once approved.
extension IncidentRules {
    /// Asks a supervisor to approve the compensation resolving with
    /// `playbook` proposes; refused when it is within the agent's own
    /// authority or an answer is already awaited.
    public static func askApproval(
        in state: StoreState, incident incidentID: IncidentID, playbook playbookID: PlaybookID?, note: String? = nil,
        by author: Author, at now: Date
    ) throws(IncidentRefusal) -> Transaction {
        var incident = try stepped(incidentID, in: state, by: author, at: now)
        guard let agent = state.agents[author.agent] else { throw .notAnAgent(author.agent.rawValue) }
        if incident.approval?.isPending == true { throw .approvalPending(incidentID) }
        let playbook = playbookID.flatMap { state.playbooks[$0] }
        guard let proposal = proposal(for: incident.incident, playbook: playbook, in: state, at: now) else {
            throw .nothingToApprove(incidentID)
        }
        guard !agent.mayGrant(proposal.compensation.value) else { throw .withinAuthority(incidentID) }
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        incident.approval = Incident.Approval(
            compensation: proposal.compensation, playbook: playbook?.id, askedBy: author.agent, askedAt: now,
            note: note.isEmpty ? nil : note)
        incident.log(
            Incident.Event(
                at: now, by: author.agent, kind: .approvalAsked,
                text: "\(proposal.compensation.description) (\(proposal.compensation.value))"
                    + (note.isEmpty ? "" : ": \(note)")))
        return Transaction(
            summary: "ask a supervisor to approve a compensation on incident \(incidentID)",
            changes: incident.changes)
    }

    /// A supervisor's answer to an approval awaited; a refusal needs a reason.
    public static func answerApproval(
        in state: StoreState, incident incidentID: IncidentID, approve: Bool, reason: String? = nil,
        by author: Author, at now: Date
    ) throws(IncidentRefusal) -> Transaction {
        guard state.activeSupervisor(author) != nil else { throw .supervisorsOnly(tr("approve a compensation")) }
        var incident = try stepped(incidentID, in: state, by: author, at: now)
        guard var approval = incident.approval, approval.isPending else { throw .noApprovalPending(incidentID) }
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !approve, reason.isEmpty { throw .emptyText(tr("reason for refusing")) }
        approval.answer = Incident.Approval.Answer(
            approved: approve, by: author.agent, at: now, reason: reason.isEmpty ? nil : reason)
        incident.approval = approval
        incident.log(
            Incident.Event(
                at: now, by: author.agent, kind: approve ? .approved : .approvalRefused,
                text: approval.compensation.description + (reason.isEmpty ? "" : ": \(reason)")))
        return Transaction(
            summary: "\(approve ? "approve" : "refuse") the compensation asked on incident \(incidentID)",
            changes: incident.changes)
    }
}
