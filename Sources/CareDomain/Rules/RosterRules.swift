import Foundation

/// Why a roster or catalog change was refused.
public enum RosterRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    case supervisorsOnly(String)
    case unknownAgent(String)
    case agentExists(String)
    case badLogin(String)
    case emptyName
    case badText(field: String, problem: String)
    case emptyReason
    case negativeAuthority
    case lastSupervisor(String)
    case unknownTouchpoint(TouchpointID)
    case badTouchpoint([String])
    case unknownPlaybook(PlaybookID)
    case badPlaybook([String])

    public var description: String {
        switch self {
        case .supervisorsOnly(let what): RefusalWording.supervisorsOnly(what)
        case .unknownAgent(let login): tr("%@ is not in the roster.", login)
        case .agentExists(let login):
            tr("%@ is already in the roster; change them with `care agent set %@`.", login, login)
        case .badLogin(let login): tr("\"%@\" is not a Unix login: use lower-case letters, digits, - and _.", login)
        case .emptyName: tr("An agent needs a name.")
        case .badText(let field, let problem): tr("The agent's %@ has %@.", field, problem)
        case .emptyReason: tr("A recognition needs a reason: say what they did well.")
        case .negativeAuthority: tr("An authority limit cannot be negative.")
        case .lastSupervisor(let login):
            tr("%@ is the last active supervisor; make someone else a supervisor first.", login)
        case .unknownTouchpoint(let id): RefusalWording.unknownTouchpoint(id)
        case .badTouchpoint(let problems): tr("The touchpoint cannot be used: ") + problems.joined(separator: " ")
        case .unknownPlaybook(let id): tr("There is no playbook %@; `care playbook list` shows them.", id)
        case .badPlaybook(let problems): tr("The playbook cannot be used: ") + problems.joined(separator: " ")
        }
    }
}

/// Supervisors manage the roster (who may use the store, with which role
/// and authority) and the catalog of touchpoints; agents cannot.
public enum RosterRules {
    public static func add(_ agent: Agent, in state: StoreState, by author: Author) throws(RosterRefusal) -> Transaction
    {
        try requireSupervisor(state, author, tr("add agents to the roster"))
        guard state.agents[agent.id] == nil else { throw .agentExists(agent.id.rawValue) }
        try check(agent)
        var fresh = agent
        fresh.version = 1
        return Transaction(summary: "add \(agent.role.rawValue) \(agent.id) to the roster", changes: [.agent(fresh)])
    }

    /// Puts `change` on the roster's agent `login`.
    public static func update(
        _ login: AgentID, in state: StoreState, by author: Author, _ change: (inout Agent) -> Void
    ) throws(RosterRefusal) -> Transaction {
        try requireSupervisor(state, author, tr("change the roster"))
        guard let current = state.agents[login] else { throw .unknownAgent(login.rawValue) }
        var next = current.nextVersion()
        change(&next)
        next.id = current.id
        try check(next)
        let supervisorsLeft = state.agents.sorted.filter { $0.id != login && $0.active && $0.role == .supervisor }.count
        if current.active, current.role == .supervisor, !(next.active && next.role == .supervisor), supervisorsLeft == 0
        {
            throw .lastSupervisor(login.rawValue)
        }
        return Transaction(summary: "change agent \(login) in the roster", changes: [.agent(next)])
    }

    /// A supervisor recognises an agent's work, with the reason the agent
    /// will read on their own scores ("loyal employees build loyal
    /// customers": the best are recognised, and it is on record).
    public static func recognise(
        _ login: AgentID, reason: String, in state: StoreState, by author: Author, at now: Date
    ) throws(RosterRefusal) -> Transaction {
        try requireSupervisor(state, author, tr("recognise an agent"))
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyReason }
        guard let current = state.agents[login] else { throw .unknownAgent(login.rawValue) }
        var next = current.nextVersion()
        next.recognitions =
            (current.recognitions ?? []) + [Agent.Recognition(at: now, by: author.agent, reason: trimmed)]
        return Transaction(summary: "recognise agent \(login)", changes: [.agent(next)])
    }

    /// Puts a touchpoint (new, or the next version of one) in the catalog.
    public static func setTouchpoint(_ touchpoint: Touchpoint, in state: StoreState, by author: Author)
        throws(RosterRefusal) -> Transaction
    {
        try requireSupervisor(state, author, tr("change the touchpoint catalog"))
        let problems = problems(touchpoint)
        guard problems.isEmpty else { throw .badTouchpoint(problems) }
        var next = touchpoint
        next.version = (state.touchpoints.version(of: touchpoint.id) ?? 0) + 1
        return Transaction(summary: "set touchpoint \(touchpoint.id) in the catalog", changes: [.touchpoint(next)])
    }

    /// A new committed time for a touchpoint, its promise worded to match.
    public static func setServiceLevel(of id: TouchpointID, minutes: Int, in state: StoreState, by author: Author)
        throws(RosterRefusal) -> Transaction
    {
        guard var touchpoint = state.touchpoints[id] else { throw .unknownTouchpoint(id) }
        touchpoint.serviceLevel = ServiceLevel(
            promise: ServiceLevel.promise(minutes: minutes), responseMinutes: minutes)
        return try setTouchpoint(touchpoint, in: state, by: author)
    }

    public static func problems(_ touchpoint: Touchpoint) -> [String] {
        var problems: [String] = []
        if touchpoint.name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(tr("It needs a name.")) }
        if touchpoint.ownerArea.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(tr("It needs an owner area (rule 1)."))
        }
        if !Touchpoint.impactRange.contains(touchpoint.impact) {
            problems.append(tr("impact must be 1 to 5, not %@.", touchpoint.impact))
        }
        if touchpoint.cost < .zero { problems.append(tr("cost cannot be negative.")) }
        if touchpoint.serviceLevel.responseMinutes < 1 {
            problems.append(tr("serviceLevel.responseMinutes must be at least 1."))
        }
        problems += Self.problems(touchpoint.compensation)
        problems += touchpoint.hours?.problems ?? []
        if !touchpoint.id.isSafeFileName {
            problems.append(tr("id \"%@\" can only hold letters, digits, - _ and .", touchpoint.id))
        }
        return problems
    }

    static func check(_ agent: Agent) throws(RosterRefusal) {
        let login = agent.id.rawValue
        guard !login.isEmpty, login.count <= 32,
            login.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") })
        else {
            throw .badLogin(login)
        }
        guard !agent.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw .emptyName }
        // The same rule as an imported cell: no control characters, no 4 MB names.
        for (field, text) in [("name", agent.name), ("area", agent.area)] {
            if let problem = SafeText.importProblem(text) { throw .badText(field: field, problem: problem) }
        }
        guard agent.authorityLimit >= .zero else { throw .negativeAuthority }
    }

    static func requireSupervisor(_ state: StoreState, _ author: Author, _ what: String) throws(RosterRefusal) {
        guard state.activeSupervisor(author) != nil else { throw .supervisorsOnly(what) }
    }
}
