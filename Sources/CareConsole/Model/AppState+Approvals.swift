import CareDomain

extension AppState {
    /// What the queue says about approvals and owed compensations: how many
    /// wait for a supervisor, whether a missed service level is not yet on
    /// record, and the answers to the agent's own requests, said once in the
    /// status bar as they come.
    mutating func noteApprovals(_ open: [IncidentSummary]) {
        approvalsWaiting = open.lazy.filter(\.awaitsApproval).count
        missedToRecord = open.contains { $0.isOverdue(at: now) && $0.owedValue == nil && !$0.owedGranted }
        let mine = AgentID(agentLogin)
        let awaited = Set(open.lazy.filter { $0.awaitsApproval && $0.approvalAskedBy == mine }.map(\.id))
        var answers: [String] = []
        for id in awaitedApprovals.subtracting(awaited).sorted() {
            guard let answer = store.incidents[id]?.approval?.answer else { continue }
            let said =
                answer.approved
                ? tr("%@ approved the compensation on %@: r resolves with it.", answer.by, id)
                : tr("%@ refused the compensation on %@", answer.by, id) + (answer.reason.map { ": \($0)" } ?? "") + "."
            answers.append(said)
        }
        // The answer takes the place of "asked a supervisor…", said before it.
        if !answers.isEmpty { notice = answers.joined(separator: " ") }
        awaitedApprovals = awaited
    }
}
