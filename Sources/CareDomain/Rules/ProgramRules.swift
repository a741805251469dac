/// Rule changes to the loyalty program: a supervisor's, checked whole
/// before they replace the program in force.
public enum ProgramRules {
    /// Everything wrong with `program` against the store's catalog, one
    /// sentence each; empty when it can be used.
    public static func problems(_ program: LoyaltyProgram, in state: StoreState) -> [String] {
        var problems: [String] = []
        func require(_ condition: Bool, _ problem: String) { if !condition { problems.append(problem) } }
        require(!program.name.trimmingCharacters(in: .whitespaces).isEmpty, tr("The program needs a name."))
        require(program.pointsPerEuro >= 0, tr("pointsPerEuro cannot be negative."))
        require(program.pointsExpiryMonths >= 1, tr("pointsExpiryMonths must be at least 1."))
        require(program.inactivityDays >= 1, tr("inactivityDays must be at least 1."))
        require(program.tierWindowMonths >= 1, tr("tierWindowMonths must be at least 1."))
        require(program.tierTermMonths >= 1, tr("tierTermMonths must be at least 1."))
        var seen = Set<TierID>()
        for (index, tier) in program.tiers.enumerated() {
            require(seen.insert(tier.id).inserted, tr("Tier %@ appears twice.", tier.id))
            require(tier.threshold > 0, tr("Tier %@ needs a threshold above 0.", tier.id))
            require(tier.earnPercent >= 0, tr("Tier %@: earnPercent cannot be negative.", tier.id))
            require(
                (1...100).contains(tier.serviceLevelPercent),
                tr("Tier %@: serviceLevelPercent must be 1 to 100 (a tier never gets slower service).", tier.id))
            if index > 0 {
                require(
                    tier.threshold > program.tiers[index - 1].threshold,
                    tr(
                        "Tier %@ must have a higher threshold than %@: list tiers lowest first.", tier.id,
                        program.tiers[index - 1].id)
                )
            }
            for reward in tier.freeRewards ?? [] {
                require(
                    state.rewards.contains(reward),
                    tr("Tier %@ gives reward %@, which is not in the catalog.", tier.id, reward))
            }
        }
        for rule in program.earnRules ?? [] {
            require(
                (rule.touchpoint == nil) != (rule.productFamily == nil),
                tr("An earn rule names either a touchpoint or a product family, not both or neither."))
            require(rule.percent >= 0, tr("An earn rule's percent cannot be negative."))
            if let touchpoint = rule.touchpoint {
                require(
                    state.touchpoints.contains(touchpoint),
                    tr("An earn rule names touchpoint %@, which is not in the catalog.", touchpoint))
            }
        }
        if let margins = program.margins {
            require((0...100).contains(margins.percent), tr("margins.percent must be 0 to 100."))
            for (family, percent) in (margins.byFamily ?? [:]).sorted(by: { $0.key < $1.key }) {
                require((0...100).contains(percent), tr("The margin for %@ must be 0 to 100.", family))
            }
        }
        problems += program.lifecycle?.problems ?? []
        for (area, notes) in (program.cannedNotes ?? [:]).sorted(by: { $0.key < $1.key }) {
            for note in notes {
                require(
                    !note.trimmingCharacters(in: .whitespaces).isEmpty && note.count <= 200
                        && SafeText.importProblem(note) == nil,
                    tr("A canned note for %@ must be 1 to 200 characters, without control characters.", area))
            }
        }
        if let times = program.priorityTimes {
            for priority in Incident.Priority.allCases {
                require(
                    (1...1000).contains(times.percent(for: priority)),
                    tr("priorityTimes.%@ must be 1 to 1000 (percent of the service-level time).", priority.rawValue))
            }
        }
        if let place = program.redemptionTouchpoint {
            require(state.touchpoints.contains(place), tr("redemptionTouchpoint %@ is not in the catalog.", place))
        }
        return problems
    }

    /// Puts in force the program in force now, changed by `transform`.
    public static func change(
        in state: StoreState, by author: Author, _ transform: (LoyaltyProgram) -> LoyaltyProgram
    ) throws(LoyaltyRefusal) -> Transaction {
        guard let program = state.program else { throw .noProgram }
        return try set(transform(program), in: state, by: author)
    }

    /// Puts `program` in force as the next version of the one in the store.
    public static func set(_ program: LoyaltyProgram, in state: StoreState, by author: Author) throws(LoyaltyRefusal)
        -> Transaction
    {
        guard let agent = state.activeAgent(author) else { throw .notAnAgent(author.agent.rawValue) }
        guard agent.role == .supervisor else { throw .supervisorsOnly(tr("change the loyalty program")) }
        let problems = problems(program, in: state)
        guard problems.isEmpty else { throw .badProgram(problems) }
        var next = program
        next.id = LoyaltyProgram.singletonID
        next.version = (state.program?.version ?? 0) + 1
        return Transaction(summary: "set the loyalty program (version \(next.version))", changes: [.program(next)])
    }
}
