import Foundation

/// Supervisors keep the playbooks, with the same checks as touchpoints:
/// what an agent offers without asking anyone must make sense first.
extension RosterRules {
    public static func setPlaybook(_ playbook: Playbook, in state: StoreState, by author: Author)
        throws(RosterRefusal) -> Transaction
    {
        try requireSupervisor(state, author, tr("change the playbooks"))
        let problems = problems(playbook, in: state)
        guard problems.isEmpty else { throw .badPlaybook(problems) }
        var next = playbook
        next.version = (state.playbooks.version(of: playbook.id) ?? 0) + 1
        return Transaction(summary: "set playbook \(playbook.id)", changes: [.playbook(next)])
    }

    public static func problems(_ playbook: Playbook, in state: StoreState) -> [String] {
        var problems: [String] = []
        if state.touchpoints[playbook.touchpoint] == nil {
            problems.append(tr("touchpoint \"%@\" is not in the catalog.", playbook.touchpoint))
        }
        if playbook.situation.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(tr("It needs a situation (what the customer comes with)."))
        }
        if playbook.solution.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(tr("It needs a solution (what the agent does)."))
        }
        for (field, text) in [("situation", playbook.situation), ("solution", playbook.solution)] {
            if let problem = SafeText.importProblem(text) { problems.append("\(field) has \(problem).") }
        }
        if let compensation = playbook.compensation { problems += Self.problems(compensation) }
        if !playbook.id.isSafeFileName {
            problems.append(tr("id \"%@\" can only hold letters, digits, - _ and .", playbook.id))
        }
        return problems
    }

    /// What makes a compensation impossible to grant as written.
    static func problems(_ compensation: Compensation) -> [String] {
        var problems: [String] = []
        if compensation.value < .zero { problems.append(tr("compensation.value cannot be negative.")) }
        if compensation.description.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(tr("compensation.description says what the customer gets; it is empty."))
        }
        switch compensation.kind {
        case .points where (compensation.points ?? 0) <= 0:
            problems.append(tr("compensation.points must be at least 1 for points."))
        case .coupon where !(1...100).contains(compensation.discountPercent ?? 0):
            problems.append(tr("compensation.discountPercent must be 1 to 100 for a coupon."))
        default: break
        }
        return problems
    }
}

extension RosterRules {
    /// A free id for a new playbook of `touchpoint`: "delivery-3".
    public static func newPlaybookID(for touchpoint: TouchpointID, in state: StoreState) -> PlaybookID {
        var number = state.playbooks.sorted.filter { $0.touchpoint == touchpoint }.count + 1
        while state.playbooks[PlaybookID("\(touchpoint)-\(number)")] != nil { number += 1 }
        return PlaybookID("\(touchpoint)-\(number)")
    }
}
