/// References between records, and values the domain bounds.
enum ReferenceCheck {
    static func problems(in state: StoreState, records: DecodedRecords) -> [String] {
        var problems: [String] = []
        let program = state.program
        func agentExists(_ id: AgentID?) -> Bool { id.map { state.agents.contains($0) } ?? true }

        for customer in records.customers {
            if let tier = customer.loyalty.tier, program?.tier(tier) == nil {
                problems.append("Customer \(customer.id) is in tier \(tier), which the program does not have.")
            }
            if customer.loyalty.points < 0 {
                problems.append("Customer \(customer.id) has a negative points balance (\(customer.loyalty.points)).")
            }
            if let kept = customer.mergedInto {
                let target = state.customers[kept]
                if target == nil || target?.mergedInto != nil {
                    problems.append(
                        "Customer \(customer.id) was merged into \(kept), which is \(target == nil ? "not in the store" : "itself merged"): the pointer leads nowhere."
                    )
                }
                if customer.loyalty.points != 0 {
                    problems.append(
                        "Customer \(customer.id) was merged but still holds \(customer.loyalty.points) points.")
                }
            }
            if customer.erasedAt != nil, customer.withoutPersonalData(name: customer.name) != customer {
                problems.append(
                    "Customer \(customer.id) was erased but its record holds personal data again (edited by hand?).")
            }
        }
        // The same rules a supervisor's change must pass, for files edited by hand.
        for touchpoint in records.touchpoints {
            problems += RosterRules.problems(touchpoint).map { "Touchpoint \(touchpoint.id): \($0)" }
        }
        if let program {
            problems += ProgramRules.problems(program, in: state).map { "program.json: \($0)" }
        }
        for campaign in state.campaigns.sorted {
            problems += CampaignRules.problems(campaign).map { "Campaign \(campaign.id): \($0)" }
        }
        for agent in state.agents.sorted {
            if let unknown = agent.recognitions?.first(where: { !state.agents.contains($0.by) }) {
                problems.append("Agent \(agent.id) was recognised by \(unknown.by), who is not in the roster.")
            }
        }
        for playbook in records.playbooks where !state.touchpoints.contains(playbook.touchpoint) {
            problems.append(
                "Playbook \(playbook.id) refers to touchpoint \(playbook.touchpoint), which does not exist.")
        }
        for coupon in records.coupons where !state.customers.contains(coupon.customer) {
            problems.append("Coupon \(coupon.id) belongs to customer \(coupon.customer), who does not exist.")
        }
        for incident in records.incidents {
            let name = "Incident \(incident.id)"
            if !state.customers.contains(incident.customer) {
                problems.append("\(name) refers to customer \(incident.customer), who does not exist.")
            }
            if !state.touchpoints.contains(incident.touchpoint) {
                problems.append("\(name) refers to touchpoint \(incident.touchpoint), which does not exist.")
            }
            if !agentExists(incident.assignee) {
                problems.append(
                    "\(name) is assigned to \(incident.assignee?.rawValue ?? ""), who is not in the roster.")
            }
            if let playbook = incident.resolution?.playbook, !state.playbooks.contains(playbook) {
                problems.append("\(name) was resolved with playbook \(playbook), which does not exist.")
            }
            if incident.status.isOpen == (incident.resolution != nil) {
                problems.append(
                    "\(name) is \(incident.status.rawValue) but \(incident.resolution == nil ? "has no" : "has a") resolution."
                )
            }
            if let rating = incident.rating, !(1...5).contains(rating.score) {
                problems.append("\(name) has rating \(rating.score); it must be 1 to 5.")
            }
            if incident.contacts < 1 {
                problems.append("\(name) counts \(incident.contacts) contacts; an incident has at least one.")
            }
            if let unknown = incident.history.first(where: { !state.agents.contains($0.by) }) {
                problems.append("\(name) has a step by \(unknown.by), who is not in the roster.")
            }
        }
        return problems
    }
}
