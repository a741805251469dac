import CareDomain

/// The small tables the screen names things from (touchpoints, playbooks,
/// rewards, the roster), decoded once when they change, never per frame; a
/// record that does not decode is left out and named in `problems`, which
/// the status bar shows.
struct Catalog: Sendable {
    private(set) var touchpoints: [TouchpointID: Touchpoint] = [:]
    private(set) var playbooks: [PlaybookID: Playbook] = [:]
    private(set) var rewards: [RewardID: Reward] = [:]
    private(set) var agents: [AgentID: Agent] = [:]
    /// In id order, as the dialogs list them.
    private(set) var sortedTouchpoints: [Touchpoint] = []
    private(set) var sortedPlaybooks: [Playbook] = []
    private(set) var sortedRewards: [Reward] = []
    private(set) var sortedAgents: [Agent] = []
    /// The loyalty program in force, if any.
    private(set) var program: LoyaltyProgram?
    /// "touchpoint T9 cannot be read: …", one per record left out.
    private(set) var problems: [String] = []
    private var basis: Basis?

    private struct Basis: Equatable {
        var touchpoints: Table<Touchpoint>.Revision
        var playbooks: Table<Playbook>.Revision
        var rewards: Table<Reward>.Revision
        var agents: Table<Agent>.Revision
        var programs: Table<LoyaltyProgram>.Revision

        init(_ store: StoreState) {
            programs = store.programs.revision
            touchpoints = store.touchpoints.revision
            playbooks = store.playbooks.revision
            rewards = store.rewards.revision
            agents = store.agents.revision
        }
    }

    init() {}

    /// Decodes what changed since the last call.
    mutating func refresh(from store: StoreState) {
        let now = Basis(store)
        guard now != basis else { return }
        basis = now
        problems = []
        func decode<R: Record>(_ table: Table<R>) -> [R] {
            let (records, errors) = table.decodeAll()
            problems += errors.map(\.description)
            return records
        }
        sortedTouchpoints = decode(store.touchpoints)
        sortedPlaybooks = decode(store.playbooks)
        sortedRewards = decode(store.rewards)
        sortedAgents = decode(store.agents)
        program = decode(store.programs).first { $0.id == LoyaltyProgram.singletonID }
        touchpoints = Dictionary(sortedTouchpoints.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        playbooks = Dictionary(sortedPlaybooks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        rewards = Dictionary(sortedRewards.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        agents = Dictionary(sortedAgents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
