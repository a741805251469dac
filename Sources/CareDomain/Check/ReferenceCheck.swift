/// References between records, and values the domain bounds.
package enum ReferenceCheck {
    package static func problems(in state: StoreState, records: DecodedRecords) -> [String] {
        var problems: [String] = []
        let program = state.program
        func agentExists(_ id: AgentID?) -> Bool { id.map { state.agents.contains($0) } ?? true }

        for customer in records.customers {
            if let tier = customer.loyalty.tier, program?.tier(tier) == nil {
                problems.append(tr("Customer %@ is in tier %@, which the program does not have.", customer.id, tier))
            }
            if customer.loyalty.points < 0 {
                problems.append(
                    tr("Customer %@ has a negative points balance (%@).", customer.id, customer.loyalty.points))
            }
            if let kept = customer.mergedInto {
                let target = state.customers[kept]
                if target == nil || target?.mergedInto != nil {
                    problems.append(
                        tr(
                            "Customer %@ was merged into %@, which is %@: the pointer leads nowhere.", customer.id,
                            kept, target == nil ? "not in the store" : "itself merged")
                    )
                }
                if customer.loyalty.points != 0 {
                    problems.append(
                        tr("Customer %@ was merged but still holds %@ points.", customer.id, customer.loyalty.points))
                }
            }
            if customer.erasedAt != nil, customer.withoutPersonalData(name: customer.name) != customer {
                problems.append(
                    tr(
                        "Customer %@ was erased but its record holds personal data again (edited by hand?).",
                        customer.id))
            }
        }
        // The same rules a supervisor's change must pass, for files edited by hand.
        for touchpoint in records.touchpoints {
            problems += RosterRules.problems(touchpoint).map { "Touchpoint \(touchpoint.id): \($0)" }
        }
        if let program {
            problems += ProgramRules.problems(program, in: state).map { tr("program.json: %@", $0) }
        }
        for campaign in state.campaigns.sorted {
            problems += CampaignRules.problems(campaign).map { "Campaign \(campaign.id): \($0)" }
        }
        for agent in state.agents.sorted {
            if let unknown = agent.recognitions?.first(where: { !state.agents.contains($0.by) }) {
                problems.append(tr("Agent %@ was recognised by %@, who is not in the roster.", agent.id, unknown.by))
            }
        }
        for playbook in records.playbooks where !state.touchpoints.contains(playbook.touchpoint) {
            problems.append(
                tr("Playbook %@ refers to touchpoint %@, which does not exist.", playbook.id, playbook.touchpoint))
        }
        for coupon in records.coupons where !state.customers.contains(coupon.customer) {
            problems.append(tr("Coupon %@ belongs to customer %@, who does not exist.", coupon.id, coupon.customer))
        }
        for incident in records.incidents {
            let name = "Incident \(incident.id)"
            if !state.customers.contains(incident.customer) {
                problems.append(tr("%@ refers to customer %@, who does not exist.", name, incident.customer))
            }
            if !state.touchpoints.contains(incident.touchpoint) {
                problems.append(tr("%@ refers to touchpoint %@, which does not exist.", name, incident.touchpoint))
            }
            if !agentExists(incident.assignee) {
                problems.append(
                    tr("%@ is assigned to %@, who is not in the roster.", name, incident.assignee?.rawValue ?? ""))
            }
            if let playbook = incident.resolution?.playbook, !state.playbooks.contains(playbook) {
                problems.append(tr("%@ was resolved with playbook %@, which does not exist.", name, playbook))
            }
            if incident.status.isOpen == (incident.resolution != nil) {
                problems.append(
                    tr(
                        "%@ is %@ but %@ resolution.", name, incident.status.rawValue,
                        incident.resolution == nil ? "has no" : "has a")
                )
            }
            if let rating = incident.rating, !(1...5).contains(rating.score) {
                problems.append(tr("%@ has rating %@; it must be 1 to 5.", name, rating.score))
            }
            if incident.contacts < 1 {
                problems.append(tr("%@ counts %@ contacts; an incident has at least one.", name, incident.contacts))
            }
        }
        return problems
    }
}
